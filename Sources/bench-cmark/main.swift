// The floor: cmark-gfm alone, one thread, rendering every Markdown file of a folder with
// Opsbook's extensions (no front matter handling, no links, no templates, no writing).
//
//   bench-cmark DIR
import CCmarkGFM
import Foundation

let root = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : ".")
var texts: [String] = []
let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
for case let url as URL in walker where url.pathExtension == "md" { texts.append(try String(contentsOf: url, encoding: .utf8)) }
cmark_gfm_core_extensions_ensure_registered()
let start = DispatchTime.now().uptimeNanoseconds
var bytes = 0
for text in texts {
    let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
    for name in ["table", "strikethrough", "autolink", "tasklist", "tagfilter"] {
        cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name))
    }
    let utf8 = Array(text.utf8)
    utf8.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
    }
    let document = cmark_parser_finish(parser)
    let html = cmark_render_html(document, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser))!
    bytes += strlen(html)
    free(html)
    cmark_node_free(document)
    cmark_parser_free(parser)
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
print(String(format: "rendered %d documents (%d bytes of HTML) in %.3f s", texts.count, bytes, seconds))
