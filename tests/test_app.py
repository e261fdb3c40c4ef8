"""Tests for ntmplan.app — command lines of ``make lab`` / ``make app``, ports, server helpers.

No JupyterLab or Voilà server is started here (the browser tests start Voilà); servers in
these tests are tiny local processes on 127.0.0.1.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from ntmplan import app
from ntmplan.core import paths


def _option(cmd: list[str], name: str) -> str:
    """Value of ``--name=value`` in a command line."""
    hits = [c.split("=", 1)[1] for c in cmd if c.startswith(f"--{name}=")]
    assert len(hits) == 1, (name, cmd)
    return hits[0]


class TestFreePort:
    def test_preferred_when_free(self):
        port = app.free_port()
        assert app.free_port(port) == port

    def test_other_port_when_taken(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            s.listen()
            taken = s.getsockname()[1]
            assert app.free_port(taken) != taken


class TestVoilaCommand:
    def test_folder_mode_loopback_code_hidden(self):
        cmd = app.voila_command(port=9001)
        assert cmd[:4] == [sys.executable, "-m", "voila", str(paths.NOTEBOOKS_DIR)]
        assert _option(cmd, "port") == "9001"
        assert _option(cmd, "Voila.ip") == "127.0.0.1"
        assert _option(cmd, "VoilaConfiguration.strip_sources") == "True"
        assert "--no-browser" in cmd

    def test_folder_lists_only_the_app_workbooks(self):
        cmd = app.voila_command()
        hidden = [c.split("=", 1)[1] for c in cmd if c.startswith("--ContentsManager.hide_globs=")]
        assert "_build" in hidden
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

    def test_root_needs_allow_root(self, monkeypatch):
        monkeypatch.setattr(app.os, "geteuid", lambda: 0)
        assert "--allow-root" in app.lab_command()
        monkeypatch.setattr(app.os, "geteuid", lambda: 1000)
        assert "--allow-root" not in app.lab_command()


class TestLabSettingsDir:
    def test_under_prefix(self, tmp_path):
        assert app.lab_settings_dir(tmp_path) == tmp_path / "share" / "jupyter" / "lab" / "settings"


class TestSetLabLocale:
    def test_writes_and_merges(self, tmp_path):
        f = tmp_path / "overrides.json"
        f.write_text(json.dumps({"other:plugin": {"a": 1}}), encoding="utf-8")
        assert app.set_lab_locale("vi_VN", tmp_path) == f
        data = json.loads(f.read_text(encoding="utf-8"))
        assert data["other:plugin"] == {"a": 1}
        assert data["@jupyterlab/translation-extension:plugin"] == {"locale": "vi_VN"}
        assert data["@jupyterlab/apputils-extension:notification"] == {
            "fetchNews": "false",
            "checkForUpdates": False,
        }
        app.set_lab_locale("en", tmp_path)
        assert json.loads(f.read_text(encoding="utf-8"))[app.TRANSLATION_PLUGIN] == {"locale": "en"}

    def test_keeps_a_notification_choice(self, tmp_path):
        f = tmp_path / "overrides.json"
        f.write_text(json.dumps({app.NOTIFICATION_PLUGIN: {"fetchNews": "true"}}), encoding="utf-8")
        app.set_lab_locale("vi_VN", tmp_path)
        assert (
            json.loads(f.read_text(encoding="utf-8"))[app.NOTIFICATION_PLUGIN]["fetchNews"]
            == "true"
        )

    def test_creates_the_folder(self, tmp_path):
        target = app.set_lab_locale("vi_VN", tmp_path / "new" / "settings")
        assert target.is_file()

    def test_not_an_object(self, tmp_path):
        (tmp_path / "overrides.json").write_text("[1, 2]", encoding="utf-8")
        with pytest.raises(ValueError):
            app.set_lab_locale("vi_VN", tmp_path)


class TestHasLanguagePack:
    def test_bool(self):
        assert isinstance(app.has_language_pack(), bool)


class _Ok(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server API
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class TestWaitForHttp:
    def test_answers(self):
        server = HTTPServer(("127.0.0.1", 0), _Ok)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            waited = app.wait_for_http(f"http://127.0.0.1:{server.server_port}/", timeout=10)
            assert 0 <= waited < 10
        finally:
            server.shutdown()
            server.server_close()

    def test_timeout(self):
        port = app.free_port()
        with pytest.raises(TimeoutError):
            app.wait_for_http(f"http://127.0.0.1:{port}/", timeout=0.5)

    def test_loopback_only(self):
        with pytest.raises(ValueError):
            app.wait_for_http("http://example.org/", timeout=1)

    def test_server_exited(self):
        proc = app.start_server([sys.executable, "-c", "pass"])
        proc.wait(timeout=20)
        with pytest.raises(TimeoutError, match="exited"):
            app.wait_for_http(f"http://127.0.0.1:{app.free_port()}/", timeout=10, proc=proc)


class TestStartServer:
    def test_log_file(self, tmp_path):
        log = tmp_path / "server.log"
        proc = app.start_server([sys.executable, "-c", "print('xin chào')"], log_file=log)
        assert proc.wait(timeout=20) == 0
        assert "xin chào" in log.read_text(encoding="utf-8")


class TestStopServer:
    def test_stops_a_running_process(self):
        proc = app.start_server([sys.executable, "-c", "import time; time.sleep(60)"])
        assert proc.poll() is None
        code = app.stop_server(proc, timeout=10)
        assert code is not None and code != 0  # ended by a signal
        assert proc.poll() is not None

    def test_already_stopped(self):
        proc = app.start_server([sys.executable, "-c", "pass"])
        proc.wait(timeout=20)
        assert app.stop_server(proc) == 0


class TestMain:
    def test_app_dry_run(self, capsys):
        assert app.main(["app", "--dry-run", "--port", "9004"]) == 0
        out = capsys.readouterr().out
        assert "-m voila" in out and "--port=9004" in out and "--Voila.ip=127.0.0.1" in out

    def test_app_one_notebook(self, capsys):
        assert app.main(["app", "--dry-run", "--notebook", "02_pilots", "--port", "9005"]) == 0
        assert "02_pilots.ipynb" in capsys.readouterr().out

    def test_unknown_notebook(self, capsys):
        assert app.main(["app", "--dry-run", "--notebook", "99_nope"]) == 2
        assert "99_nope" in capsys.readouterr().err

    def test_lab_dry_run_writes_nothing(self, capsys, tmp_path, monkeypatch):
        monkeypatch.setattr(app, "lab_settings_dir", lambda prefix=None: tmp_path)
        assert app.main(["lab", "--dry-run", "--port", "9006", "--no-browser"]) == 0
        assert "-m jupyterlab" in capsys.readouterr().out
        assert not (tmp_path / "overrides.json").exists()


class TestMakefile:
    def test_lab_app_and_browser_deps_targets(self):
        text = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
        assert "\nlab: $(STAMP)\n\t$(BIN)/python -m ntmplan.app lab" in text
        assert "\napp: $(STAMP)\n\t$(BIN)/python -m ntmplan.app app" in text
        assert "\nbrowser-deps:" in text and "apt-get install -y chromium" in text
