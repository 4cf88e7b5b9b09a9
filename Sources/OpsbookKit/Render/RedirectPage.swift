import Foundation

/// The page an alias writes (Hugo's `aliases`): an old address that sends the reader on to
/// the page, by meta refresh (no script: the CSP stays strict) and by a link.
enum RedirectPage {
    static func html(to href: String, title: String, language: String) -> Data {
        let target = HTML.escape(href), name = HTML.escape(title)
        return Data("""
        <!DOCTYPE html>
        <html lang="\(HTML.escape(language))">
        <head>
        <meta charset="utf-8">
        <title>\(name)</title>
        <meta name="robots" content="noindex">
        <link rel="canonical" href="\(target)">
        <meta http-equiv="refresh" content="0; url=\(target)">
        </head>
        <body>
        <p><a href="\(target)">\(name)</a></p>
        </body>
        </html>

        """.utf8)
    }

    /// The folder a redirect file sits in, for its relative link.
    static func folder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return String(file[...slash])
    }
}
