import Foundation
import OpsbookKit

// `make fuzz` builds this with OPSBOOK_FUZZ=1 (Package.swift): OpsbookKit is compiled with
// libFuzzer's coverage instrumentation and `main` hands over to libFuzzer's driver;
// OPSBOOK_FUZZ_TARGET picks the parser. An ordinary build makes a replayer instead:
// `opsbook-fuzz TARGET FILE…` runs each file through that target, as FuzzRegressionTests
// does for Tests/Fuzz/.
#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

private let target = ProcessInfo.processInfo.environment["OPSBOOK_FUZZ_TARGET"] ?? "markdown"

// Also exported under libFuzzer's own name, which its runtime references.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzTargets.run(target, start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}
#endif

@main
struct FuzzEntry {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv) { start, count in fuzzOne(start, count) })
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
    }
}
