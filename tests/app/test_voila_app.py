"""Tests for ntmplan.app.voila_app: the app's server refuses foreign Host headers, serves only
the app's workbooks and its landing page.

The HTTP tests start the real server (as ``make app`` does, without preheated kernels, so no
kernel starts: no request here renders a workbook) on a free port of 127.0.0.1.
"""

from __future__ import annotations

import http.client
import os
import re

import pytest

from ntmplan import app
from ntmplan.app import voila_app
from ntmplan.notebook import app_mode


class TestIsServed:
    @pytest.mark.parametrize("path", ["01_status.ipynb", "02_pilots.ipynb", "/04_capacity.ipynb"])
    def test_the_app_workbooks(self, path):
        assert voila_app.is_served(path)

    @pytest.mark.parametrize(
        "path",
        ["05_data.ipynb", "06_plan.ipynb", "00_national.ipynb", "", None, "x/02_pilots.ipynb"],
    )
    def test_nothing_else(self, path):
        assert not voila_app.is_served(path)


class TestUploadTarget:
    def test_plain_name_never_over_a_file(self, tmp_path):
        assert voila_app.upload_target("C:\\x\\khao_sat.csv", tmp_path) == tmp_path / "khao_sat.csv"
        (tmp_path / "khao_sat.csv").write_text("a", encoding="utf-8")
        assert voila_app.upload_target("../khao_sat.csv", tmp_path) == tmp_path / "khao_sat_2.csv"

    @pytest.mark.parametrize("name", ["", ".hidden.csv", "x.exe", "x.ipynb"])
    def test_refused(self, tmp_path, name):
        with pytest.raises(ValueError):
            voila_app.upload_target(name, tmp_path)


class TestPrepareEnvironment:
    def test_app_flag_and_template_path(self):
        env = voila_app.prepare_environment({"JUPYTER_PATH": "/a"})
        assert env[app_mode.APP_ENV] == "1"
        assert env["JUPYTER_PATH"].split(os.pathsep) == [str(voila_app.JUPYTER_DATA), "/a"]
        again = voila_app.prepare_environment(env)
        assert again["JUPYTER_PATH"].count(str(voila_app.JUPYTER_DATA)) == 1
        assert (
            voila_app.JUPYTER_DATA / "voila" / "templates" / "ntmplan" / "index.html.j2"
        ).is_file()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app's server on a free port, with its own data folder; yields (port, data folder)."""
    folder = tmp_path_factory.mktemp("du_lieu")
    (folder / "khao_sat_tinh.csv").write_text("a\n", encoding="utf-8")
    log = folder.parent / "voila.log"
    port = app.free_port()
    old = os.environ.get(app_mode.DATA_DIR_ENV)
    os.environ[app_mode.DATA_DIR_ENV] = str(folder)
    try:
        proc = app.start_server(app.voila_command(port=port, preheat=False), log_file=log)
    finally:
        if old is None:
            os.environ.pop(app_mode.DATA_DIR_ENV)
        else:
            os.environ[app_mode.DATA_DIR_ENV] = old
    try:
        app.wait_for_http(f"http://{app.HOST}:{port}/", timeout=120, proc=proc)
        yield port, folder
    finally:
        app.stop_server(proc)


def _get(port: int, path: str, host: str | None = None, headers: dict | None = None):
    conn = http.client.HTTPConnection(app.HOST, port, timeout=60)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", host or f"{app.HOST}:{port}")
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


class TestHostHeader:
    @pytest.mark.parametrize(
        "path", ["/", "/voila/render/02_pilots.ipynb", "/voila/render/01_status.ipynb?tinh=24"]
    )
    def test_a_foreign_host_is_refused(self, server, path):
        port, _ = server
        status, _, body = _get(port, path, host="evil.example")
        assert status == 403 and "Chọn" not in body
        status, _, _ = _get(port, path.split("?")[0], host=f"evil.example:{port}")
        assert status == 403

    def test_loopback_names_are_served(self, server):
        port, _ = server
        assert _get(port, "/", host=f"localhost:{port}")[0] == 200
        assert _get(port, "/", host=f"127.0.0.1:{port}")[0] == 200


class TestOnlyTheAppWorkbooks:
    @pytest.mark.parametrize(
        "path",
        [
            "/voila/render/05_data.ipynb",
            "/voila/render/06_plan.ipynb",
            "/voila/render/00_national.ipynb",
            "/voila/render/02_pilots.ipynb/../05_data.ipynb",
            "/voila/render/%2E%2E/params/defaults.yaml",
            "/voila/tree",
            "/voila/tree/notebooks",
            "/voila/api/contents",
            "/voila/api/contents/05_data.ipynb",
        ],
    )
    def test_hidden_notebooks_and_listings_are_not_found(self, server, path):
        port, _ = server
        assert _get(port, path)[0] == 404

    def test_notebook_files_are_not_served_raw(self, server):
        port, _ = server
        assert _get(port, "/voila/files/05_data.ipynb")[0] in {403, 404}


class TestLandingPage:
    def test_vietnamese_front_door_with_a_card_per_workbook(self, server):
        port, _ = server
        status, headers, body = _get(port, "/")
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert "Kế hoạch chuyển đổi số trong xây dựng nông thôn mới" in body
        assert body.count('class="card"') == 4
        assert "Select items to open with Voil" not in body
        assert "/voila/render/02_pilots.ipynb?tinh=01" in body

    def test_the_choice_is_kept_for_the_session(self, server):
        port, _ = server
        status, headers, _ = _get(port, "/?tinh=24&du_lieu=khao_sat_tinh.csv&tham_so=")
        assert status == 302
        cookie = headers["Set-Cookie"].split(";")[0]
        assert cookie.startswith(voila_app.CHOICE_COOKIE + "=")
        _, _, body = _get(port, "/", headers={"Cookie": cookie})
        assert "Tỉnh Bắc Ninh (24)" in body and "khao_sat_tinh.csv (dữ liệu của tỉnh)" in body
        assert re.search(r"02_pilots\.ipynb\?tinh=24&amp;du_lieu=khao_sat_tinh\.csv", body)

    def test_a_file_outside_the_folder_is_refused_with_a_message(self, server):
        port, _ = server
        status, _, body = _get(port, "/?tinh=24&du_lieu=../../params/defaults.yaml")
        assert status == 200 and 'class="err"' in body


def _upload(port: int, name: str, body: bytes, xsrf: bool = True):
    status, headers, page = _get(port, "/")
    token = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    cookie = headers.get("Set-Cookie", "").split(";")[0]
    boundary = "ntmplanboundary"
    parts = []
    if xsrf:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="_xsrf"\r\n\r\n{token}\r\n'
        )
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="tep"; filename="{name}"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    )
    data = "".join(parts).encode() + head.encode() + body + f"\r\n--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection(app.HOST, port, timeout=60)
    try:
        conn.request(
            "POST",
            "/tai-len",
            body=data,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Cookie": cookie,
                "Host": f"{app.HOST}:{port}",
            },
        )
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


class TestUpload:
    def test_a_survey_file_lands_in_the_data_folder_and_is_chosen(self, server):
        port, folder = server
        status, headers, _ = _upload(port, "../khao_sat_moi.csv", b"province_code\n24\n")
        assert status == 302 and headers["Location"].endswith("?du_lieu=khao_sat_moi.csv")
        assert (folder / "khao_sat_moi.csv").read_bytes() == b"province_code\n24\n"
        assert not (folder.parent / "khao_sat_moi.csv").exists()

    def test_refused_kinds_and_forged_forms(self, server):
        port, folder = server
        status, _, body = _upload(port, "x.exe", b"MZ")
        assert status == 200 and 'class="err"' in body and not (folder / "x.exe").exists()
        status, _, _ = _upload(port, "y.csv", b"a\n", xsrf=False)
        assert status == 403 and not (folder / "y.csv").exists()
