"""Builds the demo site (client and internal) with the real binary (which writes the search
index too), serves it on loopback and drives Debian's Chromium through Selenium."""
import functools
import http.server
import os
import pathlib
import shutil
import subprocess
import sys
import threading

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
BINARY = ROOT / ".build" / "debug" / "opsbook"
AS_OF = "2026-11-29"


def build(audience: str, tmp: pathlib.Path) -> pathlib.Path:
    out = tmp / f"site-{audience}"
    subprocess.run([str(BINARY), "build", "--content", str(ROOT / "content"), "--templates", str(ROOT / "templates"),
                    "--output", str(out), "--audience", audience, "--as-of", AS_OF, "--quiet"], check=True)
    if audience == "client":  # the PDFs the client receives (make site prints them the same way)
        subprocess.run([str(BINARY), "pdf", "--site", str(out), "--quiet"], check=True)
    return out


class Server:
    def __init__(self, directory: pathlib.Path):
        handler = functools.partial(QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.directory = directory
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sites")
    servers = {audience: Server(build(audience, tmp)) for audience in ("client", "internal")}
    yield servers
    for server in servers.values():
        server.close()


@pytest.fixture(scope="session")
def browser():
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.set_window_size(1280, 1000)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def artifacts():
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
