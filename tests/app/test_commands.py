"""Tests for ntmplan.app.commands: the command lines of ``make lab`` / ``make app``."""

from __future__ import annotations

import sys

import pytest

from ntmplan import app
from ntmplan.app import commands
from ntmplan.core import paths


def _option(cmd: list[str], name: str) -> str:
    """Value of ``--name=value`` in a command line."""
    hits = [c.split("=", 1)[1] for c in cmd if c.startswith(f"--{name}=")]
    assert len(hits) == 1, (name, cmd)
    return hits[0]


class TestVoilaCommand:
    def test_folder_mode_loopback_code_hidden(self):
        cmd = app.voila_command(port=9001)
        assert cmd[:4] == [sys.executable, "-m", "ntmplan.app.voila_app", str(paths.NOTEBOOKS_DIR)]
        assert _option(cmd, "port") == "9001"
        assert _option(cmd, "Voila.ip") == "127.0.0.1"
        assert _option(cmd, "VoilaConfiguration.strip_sources") == "True"
        assert "--no-browser" in cmd
        assert _option(cmd, "VoilaConfiguration.template") == "ntmplan"

    def test_preheated_kernels_for_the_app_workbooks_only(self):
        cmd = app.voila_command()
        assert _option(cmd, "VoilaConfiguration.preheat_kernel") == "True"
        assert _option(cmd, "VoilaConfiguration.default_pool_size") == "1"
        denied = [c.split("=", 1)[1] for c in cmd if c.startswith("--VoilaKernelManager.preheat_")]
        others = {p.name for p in paths.NOTEBOOKS_DIR.glob("*.ipynb")} - {
            f"{n}.ipynb" for n in app.APP_NOTEBOOKS
        }
        assert {"00_national.ipynb", "05_data.ipynb", "06_plan.ipynb"} <= set(denied) == others
        assert not any("preheat" in c for c in app.voila_command(preheat=False))

    def test_folder_lists_only_the_app_workbooks(self):
        cmd = app.voila_command()
        hidden = [c.split("=", 1)[1] for c in cmd if c.startswith("--ContentsManager.hide_globs=")]
        assert ".*" in hidden  # dot folders, e.g. notebooks/.jupyter (the save hook config)
        for nb in app.APP_NOTEBOOKS:  # 01–04 stay visible
            assert f"{nb}.ipynb" not in hidden
        others = {p.name for p in paths.NOTEBOOKS_DIR.glob("*.ipynb")} - {
            f"{n}.ipynb" for n in app.APP_NOTEBOOKS
        }
        assert others <= set(hidden)

    def test_one_notebook_and_browser(self):
        target = paths.NOTEBOOKS_DIR / "02_pilots.ipynb"
        cmd = app.voila_command(target, port=9002, open_browser=True)
        assert str(target) in cmd and "--no-browser" not in cmd
        assert not any(c.startswith("--ContentsManager.hide_globs") for c in cmd)

    def test_missing_target(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            app.voila_command(tmp_path / "none.ipynb")


class TestLabCommand:
    def test_project_root_opens_notebooks(self):
        cmd = app.lab_command(port=9003, open_browser=False)
        assert cmd[:3] == [sys.executable, "-m", "jupyterlab"]
        assert _option(cmd, "ServerApp.ip") == "127.0.0.1"
        assert _option(cmd, "ServerApp.port") == "9003"
        assert _option(cmd, "ServerApp.root_dir") == str(paths.ROOT)
        assert _option(cmd, "ServerApp.default_url") == "/lab/tree/notebooks"
        assert "--no-browser" in cmd
        assert not any(c.startswith("--IdentityProvider.token") for c in cmd)

    def test_lab_token_and_settings_in_the_project(self, tmp_path):
        cmd = app.lab_command(port=9003, token="abc", settings_dir=tmp_path)
        assert _option(cmd, "IdentityProvider.token") == "abc"
        assert _option(cmd, "LabApp.app_settings_dir") == str(tmp_path)
        default = _option(app.lab_command(port=9003), "LabApp.app_settings_dir")
        assert not default.startswith(sys.prefix)  # never the shared virtual environment

    def test_lab_uses_the_project_config_that_strips_outputs_on_save(self):
        cmd = app.lab_command(port=9003, open_browser=False)
        config = paths.NOTEBOOKS_DIR / ".jupyter" / "jupyter_server_config.json"
        assert f"--config={config}" in cmd
        assert "ntmplan.notebook" in config.read_text(encoding="utf-8")

    def test_root_needs_allow_root(self, monkeypatch):
        monkeypatch.setattr(commands.os, "geteuid", lambda: 0)
        assert "--allow-root" in app.lab_command()
        monkeypatch.setattr(commands.os, "geteuid", lambda: 1000)
        assert "--allow-root" not in app.lab_command()


class TestAppNotebooks:
    def test_the_app_serves_the_catalogue_s_app_workbooks(self):
        from ntmplan.core.catalogue import APP_IDS

        assert (
            app.APP_NOTEBOOKS == APP_IDS == ("01_status", "02_pilots", "03_budget", "04_capacity")
        )
