import Foundation

/// What `opsbook serve` adds to every HTML page: a script (same origin, so the pages' CSP
/// allows it) that waits for the next rebuild, reloads, and shows build errors over the
/// last good page.
enum LiveReloadScript {
    static let tag = Data("<script src=\"/__opsbook/live.js\"></script>\n".utf8)

    static func inject(_ html: Data) -> Data {
        guard let end = html.range(of: Data("</body>".utf8), options: .backwards) else { return html + tag }
        var result = html
        result.insert(contentsOf: tag, at: end.lowerBound)
        return result
    }

    static let javascript = """
        (function () {
          var version = null;
          var sheet = document.createElement('link');
          sheet.rel = 'stylesheet';
          sheet.href = '/__opsbook/live.css';
          document.head.appendChild(sheet);
          function overlay(errors) {
            var box = document.getElementById('opsbook-overlay');
            if (!errors.length) { if (box) { box.remove(); } return; }
            if (!box) {
              box = document.createElement('section');
              box.id = 'opsbook-overlay';
              box.setAttribute('role', 'alert');
              document.body.appendChild(box);
            }
            box.textContent = '';
            var title = document.createElement('strong');
            title.textContent = 'opsbook: ' + errors.length + ' error(s); this page is the last good build';
            var list = document.createElement('pre');
            list.textContent = errors.join('\\n');
            box.appendChild(title);
            box.appendChild(list);
          }
          function wait() {
            fetch('/__opsbook/events?since=' + (version === null ? -1 : version), { cache: 'no-store' })
              .then(function (response) { return response.json(); })
              .then(function (status) {
                if (version !== null && status.version !== version && status.errors.length === 0) { location.reload(); return; }
                version = status.version;
                overlay(status.errors);
                wait();
              })
              .catch(function () { setTimeout(wait, 1000); });
          }
          wait();
        })();
        """

    static let css = """
        #opsbook-overlay { position: fixed; left: 0; right: 0; bottom: 0; max-height: 60vh; overflow: auto; z-index: 2147483647;
          margin: 0; padding: 1rem 1.25rem; background: #fff5f5; color: #7a0000; border-top: 4px solid #c00;
          font: 14px/1.5 ui-monospace, "Noto Sans Mono CJK SC", monospace; box-shadow: 0 -4px 16px rgba(0,0,0,.2); }
        #opsbook-overlay pre { margin: .5rem 0 0; white-space: pre-wrap; word-break: break-word; }
        """
}
