"""Browser fixtures: Debian's chromium driven by Playwright against the app served by uvicorn on
127.0.0.1 (a free port, a background thread), over the sample corpus analysed once per session
and over the hostile XSS store of the API tests."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))  # the shared XSS corpus

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def _chromium() -> str | None:
    """Path of Debian's chromium, installing it when we are root and it is missing."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if shutil.which("apt-get") and os.geteuid() == 0:
        try:
            subprocess.run(["apt-get", "install", "-y", "chromium"], capture_output=True, timeout=600)
        except (subprocess.SubprocessError, OSError):
            pass  # no network or no apt: the caller skips with the reason
    return CHROMIUM if Path(CHROMIUM).exists() else None


@pytest.fixture(scope="session")
def browser():
    path = _chromium()
    if path is None:
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium) and it "
                    "could not be installed here")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed in .venv")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, headless=True, args=ARGS)
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: str):
    import uvicorn

    from newsprism.api import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def sample_db(sample_corpus, tmp_path_factory) -> str:
    import newsprism
    from newsprism.config import Options

    db = str(tmp_path_factory.mktemp("sample") / "sample.db")
    newsprism.analyze([sample_corpus], db=db, options=Options(progress=False))
    return db


@pytest.fixture(scope="session")
def site(sample_db):
    server, thread, url = _serve(sample_db)
    yield url
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def xss_site(tmp_path_factory):
    import xss_corpus

    db = str(tmp_path_factory.mktemp("xss-web") / "xss.db")
    ids = xss_corpus.build(db)
    server, thread, url = _serve(db)
    yield url, ids
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture(scope="session")
def screenshots(repo, tmp_path_factory) -> Path:
    """docs/screenshots when NEWSPRISM_SCREENSHOTS=1 (to refresh the README's pictures), else a
    temporary folder, so an ordinary test run leaves the checkout unchanged."""
    if os.environ.get("NEWSPRISM_SCREENSHOTS") == "1":
        path = repo / "docs" / "screenshots"
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")
