"""``make lab`` as a planner sees it: the printed address opens JupyterLab (no login page), menus in
Vietnamese, on notebooks/, and its settings go to the project's folder, not the shared venv.

Runs ``python -m ntmplan.app lab --no-browser`` (what ``make lab ARGS=--no-browser`` runs) with
the project's Jupyter folder moved to a temporary one (``NTMPLAN_JUPYTER_DIR``), reads the
address it prints, opens it in Chromium and checks the menus; then checks that the language
setting was written under that folder and nothing under the virtual environment.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest

from ntmplan import app
from ntmplan.app import lab_settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SERVER_TIMEOUT_S = 120
#: Menu names of JupyterLab in Vietnamese (File, Edit, Settings, Help).
VIETNAMESE_MENUS = ["Tệp", "Chỉnh sửa", "Cài đặt", "Trợ giúp"]
ADDRESS = re.compile(r"JupyterLab: (http://127\.0\.0\.1:\d+/lab/tree/notebooks\?token=[0-9a-f]+)")


def _venv_jupyter_files() -> set[str]:
    """Every file under the venv's Jupyter data and config folders (what must not change)."""
    roots = [Path(sys.prefix) / "share" / "jupyter" / "lab", Path(sys.prefix) / "etc" / "jupyter"]
    return {str(p) for r in roots if r.exists() for p in r.rglob("*") if p.is_file()}


def _printed_address(log: Path, timeout_s: float = 60) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        match = ADDRESS.search(text)
        if match:
            return match.group(1)
        time.sleep(0.2)
    raise TimeoutError(f"no address printed: {text[-500:]}")


def test_make_lab_address_opens_vietnamese_lab_with_settings_in_the_project(
    page, tmp_path, screenshots, monkeypatch
):
    if not app.has_language_pack():
        pytest.skip("chưa cài gói tiếng Việt / jupyterlab-language-pack-vi-vn is not installed")
    project = tmp_path / "jupyter"
    monkeypatch.setenv(lab_settings.JUPYTER_DIR_ENV, str(project))
    before = _venv_jupyter_files()
    port = app.free_port()
    log = tmp_path / "lab.log"
    cmd = [sys.executable, "-m", "ntmplan.app", "lab", "--no-browser", "--port", str(port)]
    proc = app.start_server(cmd, log_file=log)
    try:
        address = _printed_address(log)
        assert f":{port}/" in address
        token = address.rsplit("token=", 1)[1]
        waited = app.wait_for_http(
            f"http://{app.HOST}:{port}/api/status?token={token}",
            timeout=SERVER_TIMEOUT_S,
            proc=proc,
        )
        start = time.perf_counter()
        page.goto(address)  # exactly what was printed
        menubar = page.locator(".lm-MenuBar").first
        menubar.get_by_text("Cài đặt").wait_for()
        print(f"lab ready {waited:.1f} s, interface {time.perf_counter() - start:.1f} s")
        assert "/login" not in page.url
        menus = menubar.inner_text()
        for name in VIETNAMESE_MENUS:
            assert name in menus, menus
        page.get_by_text("02_pilots.ipynb").first.wait_for()  # the notebooks folder is open
        page.screenshot(path=str(screenshots / "lab_vi.png"))
    finally:
        app.stop_server(proc)
        print(log.read_text(encoding="utf-8", errors="replace")[-800:])
    overrides = lab_settings.lab_settings_dir(project) / "overrides.json"
    assert overrides.is_file() and "vi_VN" in overrides.read_text(encoding="utf-8")
    assert (project / "runtime").is_dir()
    assert _venv_jupyter_files() == before  # nothing written into the shared environment
