"""Chinese search recall of a built site (#16), through the site's own search in headless
Chromium: Opsbook's index (search/, the search page as a reader uses it) or, to compare,
Pagefind's (pagefind/, through its JS API) after `python -m pagefind --site SITE`.

From each indexed page (its data-pagefind-body text, less data-pagefind-ignore parts), the
text is segmented with jieba and words of 2-6 Chinese characters are taken; a word is a
fair query only if at most 10 pages hold it anywhere in their text (else no engine could
put one given page in a top 10). Recall = share of queries whose page is among the first 10 results. Also the bytes
the first query transfers on a fresh page load, and the whole index.

    python bench/search_recall.py SITE_DIR [--engine opsbook|pagefind] [--pages N] [--per-page K]
prints one line: "recall_% queries first_query_kb index_kb indexed_pages".
"""
import argparse
import bisect
import functools
import html.parser
import http.server
import pathlib
import random
import re
import shutil
import sys
import threading
import time
import urllib.parse

import jieba
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

HAN = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class IndexedText(html.parser.HTMLParser):
    """The text Pagefind indexes: inside data-pagefind-body, outside data-pagefind-ignore."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (in_body, ignored) per open element
        self.parts = []

    def state(self):
        return self.stack[-1] if self.stack else (False, False)

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        body, ignored = self.state()
        entry = (body or "data-pagefind-body" in names,
                 ignored or "data-pagefind-ignore" in names or tag in ("script", "style") or (body and tag == "nav"))
        if tag not in VOID:
            self.stack.append(entry)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        body, ignored = self.state()
        if body and not ignored:
            self.parts.append(data)


def pages(site: pathlib.Path):
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "data-pagefind-body" not in text:
            continue
        parser = IndexedText()
        parser.feed(text)
        relative = path.relative_to(site).as_posix()
        url = "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
        yield url, " ".join(parser.parts)


class Pages:
    """How many pages hold a string anywhere in their text (not only as a jieba word: a
    reader typing 规程 wants 检查规程 too), counted up to 11 in the texts joined."""

    def __init__(self, texts):
        self.joined = "\x00".join(texts)
        self.starts, at = [], 0
        for text in texts:
            self.starts.append(at)
            at += len(text) + 1

    def count(self, word, limit=11):
        pages, at = set(), self.joined.find(word)
        while at >= 0 and len(pages) < limit:
            page = bisect.bisect_right(self.starts, at) - 1
            pages.add(page)
            # on to the next page: this one is counted
            at = self.joined.find(word, self.starts[page + 1] if page + 1 < len(self.starts) else len(self.joined))
        return len(pages)


def queries(site: pathlib.Path, sample_pages: int, per_page: int):
    jieba.setLogLevel(60)
    indexed = list(pages(site))
    holders = Pages([text for _, text in indexed])
    urls = [url for url, _ in indexed]
    chosen = sorted(random.Random(7).sample(range(len(urls)), min(sample_pages, len(urls))))
    result = []
    for number in chosen:
        words = sorted({w for w in jieba.cut(indexed[number][1]) if HAN.match(w)})
        fair = [w for w in words if holders.count(w) <= 10]
        for word in random.Random(urls[number]).sample(fair, min(per_page, len(fair))):
            result.append((word, urls[number]))
    return result, len(urls)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path != "/__blank.html":  # a page without the site's CSP, for Pagefind's WebAssembly
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>blank</title>")


SEARCH = """
const [words, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const pagefind = window.__pf || (window.__pf = await import("/pagefind/pagefind.js"));
  const out = [];
  for (const word of words) {
    const search = await pagefind.search(word);
    const top = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
    out.push(top.map(d => d.url));
  }
  done(out);
})().catch(e => done(String(e)));
"""


RESULTS = "return Array.from(document.querySelectorAll('#search-results a.search-result-title')).map(a => new URL(a.href).pathname)"
STATUS = "return document.getElementById('search-status').textContent"
TRANSFER = ("return performance.getEntriesByType('resource').filter(e => /\\/(search|pagefind)\\//.test(e.name) || e.name.endsWith('search.js'))"
            ".reduce((s, e) => s + e.encodedBodySize, 0)")


def opsbook_search(driver, base, word):
    """The search page as a reader uses it: ?q= from the header's box, results in the list."""
    driver.get(base + "/search/index.html?q=" + urllib.parse.quote(word))
    deadline = time.time() + 20
    while time.time() < deadline:
        if driver.execute_script(STATUS):
            return driver.execute_script(RESULTS)
        time.sleep(0.02)
    sys.exit("no answer for " + word)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=pathlib.Path)
    parser.add_argument("--engine", choices=["opsbook", "pagefind"], default="opsbook")
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--per-page", type=int, default=3)
    args = parser.parse_args()
    asked, indexed = queries(args.site, args.pages, args.per_page)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(args.site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(3600)
    found, misses = 0, []
    try:
        if args.engine == "opsbook":
            tops = [opsbook_search(driver, base, asked[0][0])]
            first = driver.execute_script(TRANSFER)
            tops += [opsbook_search(driver, base, word) for word, _ in asked[1:]]
        else:
            driver.get(base + "/__blank.html")
            tops = driver.execute_async_script(SEARCH, [asked[0][0]])
            first = driver.execute_script(TRANSFER)
            for start in range(1, len(asked), 50):
                tops += driver.execute_async_script(SEARCH, [word for word, _ in asked[start:start + 50]])
        for (word, url), top in zip(asked, tops):
            normalized = {u[: -len("index.html")] if u.endswith("index.html") else u for u in top}
            if url in normalized:
                found += 1
            else:
                misses.append(f"{word} → {url}")
    finally:
        driver.quit()
        httpd.shutdown()
    folder = args.site / ("search" if args.engine == "opsbook" else "pagefind")
    index_kb = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and f.suffix != ".html") / 1024
    for miss in misses[:10]:
        print("missed:", miss, file=sys.stderr)
    print(f"{found / len(asked) * 100:.1f} {len(asked)} {first / 1024:.0f} {index_kb:.0f} {indexed}")


if __name__ == "__main__":
    main()
