"""Tests for ntmplan.app.launch: ``python -m ntmplan.app lab|app`` and the Makefile targets."""

from __future__ import annotations

import subprocess
import sys

from ntmplan import app
from ntmplan.app import lab_settings, launch
from ntmplan.core import paths


class TestMain:
    def test_app_dry_run(self, capsys):
        assert app.main(["app", "--dry-run", "--port", "9004"]) == 0
        out = capsys.readouterr().out
        assert "-m ntmplan.app.voila_app" in out and "--port=9004" in out
        assert "--Voila.ip=127.0.0.1" in out

    def test_app_one_notebook(self, capsys):
        assert app.main(["app", "--dry-run", "--notebook", "02_pilots", "--port", "9005"]) == 0
        assert "02_pilots.ipynb" in capsys.readouterr().out

    def test_unknown_notebook(self, capsys):
        assert app.main(["app", "--dry-run", "--notebook", "99_nope"]) == 2
        assert "99_nope" in capsys.readouterr().err

    def test_lab_dry_run_writes_nothing(self, capsys, tmp_path, monkeypatch):
        monkeypatch.setattr(lab_settings, "lab_settings_dir", lambda prefix=None: tmp_path)
        assert app.main(["lab", "--dry-run", "--port", "9006", "--no-browser"]) == 0
        assert "-m jupyterlab" in capsys.readouterr().out
        assert not (tmp_path / "overrides.json").exists()


class TestLabAddress:
    def test_the_address_carries_the_token_and_opens_the_notebooks(self):
        assert (
            launch.lab_address(8888, "f00") == "http://127.0.0.1:8888/lab/tree/notebooks?token=f00"
        )

    def test_dry_run_has_a_fresh_token(self, capsys):
        app.main(["lab", "--dry-run", "--port", "9008"])
        first = capsys.readouterr().out
        app.main(["lab", "--dry-run", "--port", "9008"])
        second = capsys.readouterr().out
        assert "--IdentityProvider.token=" in first and first != second


class TestMakefile:
    def test_lab_app_and_browser_deps_targets(self):
        text = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
        assert "\nlab: $(STAMP)\n\t$(BIN)/python -m ntmplan.app lab" in text
        assert "\napp: $(STAMP)\n\t$(BIN)/python -m ntmplan.app app" in text
        assert "\nbrowser-deps:" in text and "apt-get install -y chromium" in text


class TestModuleEntryPoint:
    def test_python_dash_m_still_works(self):
        out = subprocess.run(
            [sys.executable, "-m", "ntmplan.app", "app", "--dry-run", "--port", "9007"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert "-m ntmplan.app.voila_app" in out.stdout and "--port=9007" in out.stdout
