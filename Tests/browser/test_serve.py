"""`opsbook serve` in a real browser: a saved edit reloads the open page, a content error
shows over the last good page, and fixing it reloads again."""
import pathlib
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import AS_OF, BINARY, ROOT

PAGE = "procedures/desktop-setup.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def served(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    port = free_port()
    log = open(tmp_path / "serve.log", "w")
    process = subprocess.Popen([str(BINARY), "serve", "--content", str(content), "--templates", str(ROOT / "templates"),
                                "--port", str(port), "--as-of", AS_OF], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 120
    while True:
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            if process.poll() is not None or time.time() > deadline:
                raise AssertionError((tmp_path / "serve.log").read_text())
            time.sleep(0.2)
    yield url, content, tmp_path / "serve.log"
    process.terminate()
    process.wait(10)
    log.close()


def wait_for(browser, condition, seconds=15):
    # The page reloads by itself: an element found just before a reload is gone when read.
    WebDriverWait(browser, seconds, poll_frequency=0.05,
                  ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(lambda driver: condition())


@pytest.fixture()
def preview_tab(browser):
    """Leaves the preview before its server stops: the shared browser must not carry the
    page's reconnect attempts into the next test's console log."""
    yield browser
    browser.get("about:blank")
    browser.get_log("browser")


def test_saved_edit_reloads_the_open_page_and_errors_show_over_it(served, preview_tab, artifacts):
    browser = preview_tab
    url, content, log = served
    page = content / PAGE
    original = page.read_text(encoding="utf-8")
    browser.get(url + "procedures/desktop-setup/index.html")
    wait_for(browser, lambda: browser.execute_script("return document.readyState") == "complete")
    assert "保存后即可预览" not in browser.page_source

    # Saved the way many editors save: a temporary file renamed over the page.
    temporary = page.with_name(page.name + ".tmp")
    temporary.write_text(original + "\n\n保存后即可预览的新段落。\n", encoding="utf-8")
    temporary.replace(page)
    wait_for(browser, lambda: "保存后即可预览" in browser.find_element(By.TAG_NAME, "main").text)
    # The terminal line for the edit (the search index follows on its own queue).
    wait_for(browser, lambda: "page rebuild: procedures/desktop-setup/index.html" in log.read_text())

    page.write_text(original + "\n\n[坏链接](no-such-page.md)\n", encoding="utf-8")
    wait_for(browser, lambda: browser.find_elements(By.ID, "opsbook-overlay"))
    overlay = browser.find_element(By.ID, "opsbook-overlay")
    assert "desktop-setup.md" in overlay.text and "link.missing" in overlay.text
    assert "保存后即可预览" in browser.find_element(By.TAG_NAME, "main").text, "the last good page stays"
    browser.save_screenshot(str(artifacts / "serve-error-overlay.png"))

    page.write_text(original, encoding="utf-8")
    wait_for(browser, lambda: not browser.find_elements(By.ID, "opsbook-overlay")
             and "保存后即可预览" not in browser.find_element(By.TAG_NAME, "main").text)
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE" and "__opsbook" in entry["message"]]
    assert errors == []
