"""``make lab`` as a planner sees it: JupyterLab with its menus in Vietnamese, opened on notebooks/.

Starts JupyterLab with the command line of :func:`ntmplan.app.lab_command` plus options that
keep the test away from the user's own settings (settings, workspaces and runtime files in a
temporary folder, where the Vietnamese default is written as ``make lab`` writes it).
"""

from __future__ import annotations

import secrets
import time

import pytest

from ntmplan import app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SERVER_TIMEOUT_S = 120
#: Menu names of JupyterLab in Vietnamese (File, Edit, Settings, Help).
VIETNAMESE_MENUS = ["Tệp", "Chỉnh sửa", "Cài đặt", "Trợ giúp"]


def test_lab_menus_in_vietnamese_on_the_notebooks_folder(page, tmp_path, screenshots, monkeypatch):
    if not app.has_language_pack():
        pytest.skip("chưa cài gói tiếng Việt / jupyterlab-language-pack-vi-vn is not installed")
    settings = tmp_path / "settings"
    app.set_lab_locale("vi_VN", settings)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    port = app.free_port()
    token = secrets.token_hex(16)
    cmd = app.lab_command(port, open_browser=False) + [
        f"--IdentityProvider.token={token}",
        f"--LabApp.app_settings_dir={settings}",
        f"--LabApp.user_settings_dir={tmp_path / 'user-settings'}",
        f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
    ]
    log = tmp_path / "lab.log"
    proc = app.start_server(cmd, log_file=log)
    try:
        base = f"http://{app.HOST}:{port}"
        waited = app.wait_for_http(
            f"{base}/api/status?token={token}", timeout=SERVER_TIMEOUT_S, proc=proc
        )
        start = time.perf_counter()
        page.goto(f"{base}/lab/tree/notebooks?token={token}")
        menubar = page.locator(".lm-MenuBar").first
        menubar.get_by_text("Cài đặt").wait_for()
        print(
            f"JupyterLab ready in {waited:.1f} s, interface in {time.perf_counter() - start:.1f} s"
        )
        menus = menubar.inner_text()
        for name in VIETNAMESE_MENUS:
            assert name in menus, menus
        page.get_by_text("02_pilots.ipynb").first.wait_for()  # the notebooks folder is open
        page.screenshot(path=str(screenshots / "lab_vi.png"))
    finally:
        app.stop_server(proc)
        print(log.read_text(encoding="utf-8", errors="replace")[-800:])
