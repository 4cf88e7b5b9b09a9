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
    for words in ["某能源集团 · 系统运维服务项目", "2026-10 月报", "统计周期 2026-10-01 — 2026-10-31", "编制", "审核", "批准", "签字"]:
        assert words in cover, cover
    assert "第 1 页" not in cover, "the cover carries no page number"
    assert "目录" in text(pdf, 2, 2) and "本期摘要" in text(pdf, 2, 2)
    last = text(pdf, pages, pages)
    assert f"第 {pages} 页 / 共 {pages} 页" in last, last
    assert "信息运维知识库" in text(pdf, 3, 3), "running header"
    assert "本期摘要" in text(pdf, 3, 3) and "未达标" in text(pdf, 3, 3)
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), "every font embedded:\n" + "\n".join(fonts)
    assert not any("Type 3" in line for line in fonts), "outline fonts, not Type 3 bitmaps:\n" + "\n".join(fonts)
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
    assert not (site / "reports/2026-W42/report.pdf").exists()
