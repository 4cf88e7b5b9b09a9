"""The knowledge-base shell (#16): dark mode follows the system until the reader picks one,
and the pick persists; headings carry a permalink; the page's contents sit in their own
column on a desktop and fold on a phone."""
import functools
import pathlib
import http.server
import subprocess
import threading

from selenium.webdriver.common.by import By

from conftest import ROOT

PAGE = "emergency/rac-node-failure/index.html"
SOURCE = "emergency/rac-node-failure.md"


def background(browser):
    return browser.execute_script("return getComputedStyle(document.body).backgroundColor")


def test_dark_mode_follows_the_system_and_the_readers_choice_persists(browser, sites):
    url = sites["client"].url + PAGE
    browser.get(url)
    browser.execute_script("localStorage.clear()")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        browser.get(url)
        assert background(browser) == "rgb(13, 17, 23)", "dark when the system is"
        browser.find_element(By.ID, "theme-toggle").click()
        assert browser.execute_script("return document.documentElement.dataset.theme") == "light"
        assert background(browser) == "rgb(255, 255, 255)"
        browser.get(url)
        assert background(browser) == "rgb(255, 255, 255)", "the reader's choice outlives a reload"
        browser.find_element(By.ID, "theme-toggle").click()
        assert background(browser) == "rgb(13, 17, 23)"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
        browser.execute_script("localStorage.clear()")


def test_headings_have_permalinks_and_the_contents_have_a_column(browser, sites):
    browser.set_window_size(1280, 1000)
    browser.get(sites["client"].url + PAGE)
    anchor = browser.find_element(By.CSS_SELECTOR, "h2#处置步骤 > a.heading-anchor")
    assert anchor.get_attribute("href").endswith("#处置步骤") or anchor.get_attribute("href").endswith("#%E5%A4%84%E7%BD%AE%E6%AD%A5%E9%AA%A4")
    column = browser.find_element(By.CSS_SELECTOR, "nav.toc-column")
    body = browser.find_element(By.CSS_SELECTOR, "article .body")
    assert column.is_displayed() and column.rect["x"] > body.rect["x"] + body.rect["width"] - 1, "beside the text, not inside it"
    assert not browser.find_element(By.CSS_SELECTOR, "details.toc-fold").is_displayed()
    browser.set_window_size(390, 844)
    try:
        browser.get(sites["client"].url + PAGE)
        assert not browser.find_element(By.CSS_SELECTOR, "nav.toc-column").is_displayed()
        fold = browser.find_element(By.CSS_SELECTOR, "details.toc-fold")
        assert fold.is_displayed() and fold.get_attribute("open") is None, "folded on a phone"
    finally:
        browser.set_window_size(1280, 1000)


def test_phone_menu_is_a_drawer_and_the_heading_is_in_the_first_screen(browser, sites):
    browser.set_window_size(390, 844)
    try:
        browser.get(sites["client"].url + PAGE)
        heading = browser.find_element(By.TAG_NAME, "h1")
        assert heading.rect["y"] + heading.rect["height"] < 400, f"heading starts {heading.rect['y']} px down"
        nav = browser.find_element(By.ID, "sidenav")
        button = browser.find_element(By.ID, "menu-toggle")
        assert not nav.is_displayed() and button.get_attribute("aria-expanded") == "false"
        button.click()
        assert nav.is_displayed() and button.get_attribute("aria-expanded") == "true"
        assert nav.rect["x"] == 0 and nav.rect["height"] == browser.execute_script("return innerHeight"), "a full-height drawer"
        current = nav.find_element(By.CSS_SELECTOR, "a[aria-current=page]")
        assert current.text.startswith("应急预案")
        browser.switch_to.active_element.send_keys("\ue00c")  # Escape closes it
        assert not nav.is_displayed() and button.get_attribute("aria-expanded") == "false"
        button.click()
        nav.find_element(By.PARTIAL_LINK_TEXT, "操作规程").click()
        assert "/procedures/" in browser.current_url
    finally:
        browser.set_window_size(1280, 1000)
    browser.get(sites["client"].url + PAGE)
    assert browser.find_element(By.ID, "sidenav").is_displayed(), "the side menu is always shown on a desktop"
    assert not browser.find_element(By.ID, "menu-toggle").is_displayed()


def test_menu_counts_only_beside_entries_that_have_one(browser, sites):
    for page in ("index.html", "reports/index.html", "team/index.html", "systems/index.html"):
        browser.get(sites["client"].url + page)
        counts = {}
        for link in browser.find_elements(By.CSS_SELECTOR, "#sidenav a"):
            spans = link.find_elements(By.CSS_SELECTOR, ".count")
            counts[link.text.split("\n")[0].split(" ")[0]] = spans[0].text if spans else None
        for entry in ("首页", "服务报告", "团队与支持体系"):
            assert counts[entry] is None, f"{page}: {entry} shows a count {counts[entry]}"
        assert counts["应用系统"] and int(counts["应用系统"]) > 0, counts


def test_page_shows_when_it_was_last_committed(browser, sites):
    browser.get(sites["client"].url + PAGE)
    meta = browser.find_element(By.CSS_SELECTOR, "p.page-meta")
    committed = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs", "--", "content/" + SOURCE],
                               capture_output=True, text=True).stdout.strip()
    assert committed, "the demo is read from a git checkout"
    assert meta.text == f"最后更新 {committed}", meta.text
    assert not meta.find_elements(By.TAG_NAME, "a"), "no edit link in the client's build"
    browser.get(sites["internal"].url + PAGE)
    edit = browser.find_element(By.CSS_SELECTOR, "p.page-meta a")
    assert edit.text == "在 git 中编辑"
    assert edit.get_attribute("href").endswith("/content/emergency/rac-node-failure.md")


class NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Answers a missing path with the site's 404.html, as GitHub Pages, nginx and Netlify do."""
    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (pathlib.Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_not_found_page_is_styled_and_its_links_work_at_any_depth(browser, sites):
    handler = functools.partial(NotFoundHandler, directory=str(sites["client"].directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        browser.get(base + "procedures/old/deep/missing-page/")
        assert browser.find_element(By.TAG_NAME, "h1").text == "页面不存在"
        styled = browser.execute_script("return getComputedStyle(document.querySelector('.shell')).display")
        assert styled == "grid", "the style sheet loaded at depth"
        browser.find_element(By.CSS_SELECTOR, "#sidenav").find_element(By.PARTIAL_LINK_TEXT, "操作规程").click()
        assert browser.find_element(By.TAG_NAME, "h1").text != "页面不存在", browser.current_url
        browser.get(base + "a/b/c/d/e/")
        browser.find_element(By.PARTIAL_LINK_TEXT, "返回首页").click()
        assert browser.current_url == base or browser.current_url == base + "index.html"
    finally:
        httpd.shutdown()
        browser.get_log("browser")  # the 404s asked for here are not the next test's console errors


def test_long_report_pages_have_their_contents_too(browser, sites):
    """Folded at the top at every width: beside the text it would shrink the charts."""
    browser.set_window_size(1280, 1000)
    browser.get(sites["client"].url + "reports/2026-10/index.html")
    fold = browser.find_element(By.CSS_SELECTOR, "article.report details.toc-fold")
    assert fold.is_displayed() and not browser.find_element(By.CSS_SELECTOR, "article.report nav.toc-column").is_displayed()
    fold.find_element(By.TAG_NAME, "summary").click()
    targets = [link.get_attribute("href").split("#")[1] for link in fold.find_elements(By.TAG_NAME, "a")]
    assert targets[:2] == ["summary", "kpis"] and "sub-reports" in targets, targets
    for target in targets:
        assert browser.find_element(By.ID, target).is_displayed(), f"#{target} is a section on the page"
