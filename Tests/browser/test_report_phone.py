"""The monthly report on a 390-px phone (#15): chart text at least 11 px, no table column
narrower than 4 em, badges on one line; screenshots at 390 and 1280 px for the record."""
from conftest import AS_OF  # noqa: F401  (the sites fixture builds at this as-of)

PAGE = "reports/2026-10/index.html"

MEASURE = """
const tiny = [];
for (const svg of document.querySelectorAll('svg.chart')) {
  if (!svg.getClientRects().length) continue;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  for (const text of svg.querySelectorAll('text')) {
    const px = parseFloat(text.getAttribute('font-size')) * scale;
    if (px < 10.95) tiny.push(text.textContent + ' ' + px.toFixed(1) + 'px');
  }
}
const em = parseFloat(getComputedStyle(document.documentElement).fontSize);
const narrow = [];
for (const cell of document.querySelectorAll('main td, main th')) {
  if (!cell.getClientRects().length || getComputedStyle(cell).display !== 'table-cell') continue;
  const width = cell.getBoundingClientRect().width;
  if (width < 4 * em - 0.5) narrow.push((cell.textContent.trim() || '(empty)').slice(0, 20) + ' ' + width.toFixed(0) + 'px');
}
const wrapped = [];
for (const badge of document.querySelectorAll('main .badge')) {
  const rects = badge.getClientRects();
  if (rects.length > 1) wrapped.push(badge.textContent);
}
const charts = [...document.querySelectorAll('svg.chart')].filter(s => s.getClientRects().length).length;
return {tiny, narrow, wrapped, charts, width: document.documentElement.scrollWidth};
"""


def test_monthly_report_reads_on_a_phone(browser, sites, artifacts):
    browser.set_window_size(390, 844)
    try:
        browser.get(sites["client"].url + PAGE)
        result = browser.execute_script(MEASURE)
        assert result["charts"] >= 4, result
        assert result["tiny"] == [], "chart text under 11 px: " + ", ".join(result["tiny"][:10])
        assert result["narrow"] == [], "table columns under 4 em: " + ", ".join(result["narrow"][:10])
        assert result["wrapped"] == [], "badges broken over lines: " + ", ".join(result["wrapped"][:10])
        browser.save_screenshot(str(artifacts / "report-2026-10-390.png"))
    finally:
        browser.set_window_size(1280, 1000)
    browser.get(sites["client"].url + PAGE)
    wide = browser.execute_script(MEASURE)
    assert wide["tiny"] == [], wide["tiny"][:10]
    browser.save_screenshot(str(artifacts / "report-2026-10-1280.png"))
