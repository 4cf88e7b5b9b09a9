"""The monthly report as the PDF a manager forwards (#15): printed by `opsbook pdf` with
Debian's Chromium, checked with poppler-utils — cover with sign-off block, contents, page
numbers and running header, every font embedded, the same bytes when printed again."""
import re
import shutil
import subprocess

from conftest import BINARY

REPORT = "reports/2026-10"


def text(pdf, first=None, last=None):
    pages = (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def test_monthly_report_pdf_is_a_document(sites, artifacts):
    site = sites["client"].directory
    pdf = site / REPORT / "report.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 4, info
    assert "Page size:      595.92 x 842.88 pts (A4)" in info or "(A4)" in info, info
    cover = text(pdf, 1, 1)
    for words in ["某能源集团 · 系统运维服务项目", "2026-10 月报", "编制", "审核", "批准", "签字"]:
        assert words in cover, cover
    assert re.search(r"统计周期\s+2026-10-01 — 2026-10-31", cover), cover
    assert "第 1 页" not in cover, "the cover carries no page number"
    for words in ["服务单位", "某信息技术服务有限公司", "合同编号", "NYJT-IT-2026-017", "版本", "编制日期", "客户确认", "评分"]:
        assert words in cover, f"{words} on the cover: {cover}"
    contents = text(pdf, 2, 2)
    assert "目录" in contents and "本期摘要" in contents
    # Each entry carries the page its section starts on: the second print reads where the first put them.
    entries = re.findall(r"^\s*\d+\.\s+(\S.*?)\s{2,}(\d+)\s*$", contents, re.M)
    assert len(entries) >= 7, contents
    for title, page in entries:
        first_word = title.split(" ")[0]
        assert first_word in text(pdf, int(page), int(page)), f"{title} is not on page {page}"
    last = text(pdf, pages, pages)
    assert f"第 {pages} 页 / 共 {pages} 页" in last, last
    assert "信息运维知识库" in text(pdf, 3, 3), "running header"
    assert "本期摘要" in text(pdf, 3, 3) and "未达标" in text(pdf, 3, 3)
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), "every font embedded:\n" + "\n".join(fonts)
    assert all(line.split()[-3] == "yes" for line in fonts), "every font maps to Unicode (text copies):\n" + "\n".join(fonts)
    data = pdf.read_bytes()
    # WenQuanYi has no bold face: headings and figures print in Noto Sans CJK's real bold, whose
    # glyphs Chromium embeds as Type 3 outlines (vector paths, not bitmaps).
    assert b"NotoSansCJKsc-Bold" in data, "headings in a real bold face"
    assert b"/Outlines" in data and len(re.findall(rb"/Title\s*<FEFF", data)) >= 8, "bookmarks (an outline)"
    assert b"file://" not in pdf.read_bytes(), "no path of the printing machine"
    shutil.copy(pdf, artifacts / "report-2026-10.pdf")
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "4", str(pdf), str(artifacts / "report-2026-10-page")], check=True)


def test_printing_again_gives_the_same_bytes(sites, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(sites["client"].directory, site)
    before = (site / REPORT / "report.pdf").read_bytes()
    subprocess.run([str(BINARY), "pdf", "--site", str(site), "--only", "2026-10", "--quiet"], check=True)
    assert (site / REPORT / "report.pdf").read_bytes() == before
    assert not list((site / REPORT).glob(".print-*")), "the print copy of the page is removed"
    # Every monthly, quarterly and yearly report has one; weeks and days do not.
    assert (site / "reports/2026-Q3/report.pdf").exists() and (site / "reports/2026/report.pdf").exists()
    assert (site / "reports/2026-H1/report.pdf").exists(), "the half-year report (半年报) is printed too"
    assert not (site / "reports/2026-W42/report.pdf").exists()
