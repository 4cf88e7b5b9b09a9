import Foundation

public enum Paths {
    /// `file` relative to `directory` when it lies below it, with `../` steps when it is
    /// near, else absolute: what a compiler prints and an editor can open.
    public static func display(_ file: String, relativeTo directory: String) -> String {
        let fileParts = URL(fileURLWithPath: file).standardizedFileURL.pathComponents
        let dirParts = URL(fileURLWithPath: directory).standardizedFileURL.pathComponents
        var common = 0
        while common < fileParts.count, common < dirParts.count, fileParts[common] == dirParts[common] { common += 1 }
        if common <= 1 { return file }
        let ups = Array(repeating: "..", count: dirParts.count - common)
        return (ups + fileParts[common...]).joined(separator: "/")
    }
}
