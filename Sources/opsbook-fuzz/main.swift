import Foundation
import OpsbookKit

// `make fuzz` builds this with `-sanitize=fuzzer -parse-as-library -D FUZZING`: libFuzzer
// then owns `main` and calls the entry point below; OPSBOOK_FUZZ_TARGET picks the parser.
// An ordinary build makes a replayer instead: `opsbook-fuzz TARGET FILE…` runs each file
// through that target, as FuzzRegressionTests does for Tests/Fuzz/.
#if FUZZING
private let target = ProcessInfo.processInfo.environment["OPSBOOK_FUZZ_TARGET"] ?? "markdown"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    FuzzTargets.run(target, Data(bytes: start, count: count))
    return 0
}
#else
let arguments = CommandLine.arguments.dropFirst()
guard let target = arguments.first, FuzzTargets.names.contains(target) else {
    FileHandle.standardError.write(Data("usage: opsbook-fuzz \(FuzzTargets.names.joined(separator: "|")) FILE…\n".utf8))
    exit(2)
}
for path in arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else { continue }
    FuzzTargets.run(target, data)
}
#endif
