"""Browser fixtures: Playwright driving the system Chromium (Debian package), headless.

No browser is ever downloaded: the tests use ``/usr/bin/chromium`` and skip with a clear
reason when it or the ``playwright`` package is missing (``make browser-deps`` installs
Chromium). Every request that is not to a local file or to 127.0.0.1 is aborted, and every
wait is bounded, so a hung server cannot hang CI.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ntmplan.core import paths

#: The system Chromium from Debian's packages.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Screenshots produced by the test run (README images are copied from here).
SCREENSHOTS = paths.OUTPUTS_DIR / "screenshots"
#: Default bound of one browser action and of one navigation (milliseconds).
ACTION_TIMEOUT_MS = 60_000
NAVIGATION_TIMEOUT_MS = 120_000
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def is_local(url: str) -> bool:
    """Tell whether a request stays on this machine (local file or loopback server)."""
    return url.startswith(LOCAL_SCHEMES) or urlparse(url).hostname in LOCAL_HOSTS


@pytest.fixture(scope="session")
def browser():
    """One headless system Chromium for the session."""
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="gói playwright chưa cài / the playwright package is not installed (pip install -e '.[dev]')",
    )
    if not CHROMIUM.exists():
        pytest.skip(
            f"không có Chromium / no system Chromium at {CHROMIUM}: run `make browser-deps` "
            "(apt-get install chromium); browsers are never downloaded"
        )
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            timeout=ACTION_TIMEOUT_MS,
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page (Vietnamese locale) whose non-local requests are blocked and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    blocked: list[str] = []

    def route(r):
        if is_local(r.request.url):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.blocked_requests = blocked
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The screenshots folder (created)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def vietnamese_fonts() -> set[str] | None:
    """Font families installed with the Vietnamese letter ệ (U+1EC7), or None without fontconfig."""
    if shutil.which("fc-list") is None:
        return None
    out = subprocess.run(
        ["fc-list", ":charset=1ec7", "family"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    ).stdout
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}
