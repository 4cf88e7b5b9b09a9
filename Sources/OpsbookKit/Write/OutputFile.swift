import Foundation

/// One file of the built site, by its path inside the output folder.
public struct OutputFile: Sendable {
    public enum Body: Sendable {
        case data(Data)
        /// A content file copied as it is (an image a page links to).
        case copy(URL)
        /// Already handed to the output as it was rendered; the bytes are not kept.
        case written
    }
    public var path: String
    public var body: Body

    public init(path: String, data: Data) { self.path = path; body = .data(data) }
    public init(path: String, copying source: URL) { self.path = path; body = .copy(source) }
    init(path: String, body: Body) { self.path = path; self.body = body }

    public var data: Data? {
        switch body {
        case let .data(data): data
        case let .copy(url): try? Data(contentsOf: url)
        case .written: nil
        }
    }
}
