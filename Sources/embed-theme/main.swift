// Writes a Swift file holding every file of the default theme, so `opsbook` works
// without the repository beside it and `--templates DIR` can override file by file.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: embed-theme THEME_DIR OUTPUT.swift\n".utf8))
    exit(2)
}
let themeDirectory = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let outputFile = URL(fileURLWithPath: arguments[2])

var files: [(String, Data)] = []
if let walker = FileManager.default.enumerator(at: themeDirectory, includingPropertiesForKeys: [.isRegularFileKey]) {
    for case let url as URL in walker {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
        let relative = String(url.standardizedFileURL.path.dropFirst(themeDirectory.path.count + 1))
        if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
        files.append((relative, try Data(contentsOf: url)))
    }
}
files.sort { $0.0 < $1.0 }

var source = "// Generated from templates/ by the EmbedTheme plugin. Do not edit.\n"
source += "enum EmbeddedTheme {\n    static let base64Files: [(path: String, base64: String)] = [\n"
for (path, data) in files {
    source += "        (\(String(reflecting: path)), \"\(data.base64EncodedString())\"),\n"
}
source += "    ]\n}\n"
try Data(source.utf8).write(to: outputFile, options: .atomic)
