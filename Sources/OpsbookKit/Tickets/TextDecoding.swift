import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns export bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 —
/// what Chinese Excel and ITSM exports are written in. GB18030 goes through the C
/// library's iconv, which ships with every Linux.
enum TextDecoding {
    enum Encoding: String, CaseIterable { case auto, utf8 = "utf-8", gb18030, utf16 = "utf-16" }

    static func decode(_ data: Data, as encoding: Encoding) -> String? {
        switch encoding {
        case .utf8:
            // Validated straight from the file's bytes: a large export is not copied first.
            return String(validating: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data, as: UTF8.self)
        case .utf16:
            if data.starts(with: [0xFF, 0xFE]) { return String(data: Data(data.dropFirst(2)), encoding: .utf16LittleEndian) }
            if data.starts(with: [0xFE, 0xFF]) { return String(data: Data(data.dropFirst(2)), encoding: .utf16BigEndian) }
            return String(data: data, encoding: .utf16LittleEndian)
        case .gb18030:
            return iconv([UInt8](data), from: "GB18030")
        case .auto:
            if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return decode(data, as: .utf16) }
            return decode(data, as: .utf8) ?? decode(data, as: .gb18030)
        }
    }

    private static func iconv(_ input: [UInt8], from encoding: String) -> String? {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var inputCopy = input
        let ok = inputCopy.withUnsafeMutableBufferPointer { inBuffer -> Int? in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int? in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(
                    to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(
                    to: CChar.self)
                var inLeft = inBuffer.count, outLeft = outBuffer.count
                if Glibc.iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let written = ok else { return nil }
        return String(validating: output[..<written], as: UTF8.self)
    }
}
