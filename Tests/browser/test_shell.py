"""The knowledge-base shell (#16): dark mode follows the system until the reader picks one,
and the pick persists; headings carry a permalink; the page's contents sit in their own
column on a desktop and fold on a phone."""
from selenium.webdriver.common.by import By

PAGE = "emergency/rac-node-failure/index.html"


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
