"""Tests for ntmplan.app.servers: ports, starting, waiting for and stopping local servers.

No JupyterLab or Voilà server is started here (the browser tests start Voilà); servers in
these tests are tiny local processes on 127.0.0.1.
"""

from __future__ import annotations

import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from ntmplan import app


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
