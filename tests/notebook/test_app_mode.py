"""Tests for ntmplan.notebook.app_mode: a workbook page's query, named files, settings overlays."""

from __future__ import annotations

import pytest
import yaml

from ntmplan.core import paths
from ntmplan.notebook import app_mode


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    folder = tmp_path / "du_lieu"
    folder.mkdir()
    (folder / "khao_sat_tinh.csv").write_text("a\n1\n", encoding="utf-8")
    (folder / "tinh.yaml").write_text("pilots:\n  weights:\n    coverage_4g: 2.0\n", "utf-8")
    (folder / ".an.csv").write_text("x", encoding="utf-8")
    (folder / "ghi_chu.txt").write_text("x", encoding="utf-8")
    (folder / "con").mkdir()
    monkeypatch.setenv(app_mode.DATA_DIR_ENV, str(folder))
    return folder


class TestInApp:
    def test_only_with_the_server_s_variable(self, monkeypatch):
        monkeypatch.delenv(app_mode.APP_ENV, raising=False)
        assert not app_mode.in_app()
        monkeypatch.setenv(app_mode.APP_ENV, "1")
        assert app_mode.in_app()


class TestDataFolder:
    def test_default_and_variable(self, monkeypatch, tmp_path):
        monkeypatch.delenv(app_mode.DATA_DIR_ENV, raising=False)
        assert app_mode.data_dir() == paths.ROOT / "du_lieu"
        monkeypatch.setenv(app_mode.DATA_DIR_ENV, str(tmp_path))
        assert app_mode.data_dir() == tmp_path

    def test_lists_files_of_one_kind_no_hidden_no_folders(self, data_folder):
        assert app_mode.available_files(app_mode.SURVEY_SUFFIXES) == ["khao_sat_tinh.csv"]
        assert app_mode.available_files(app_mode.PARAMS_SUFFIXES) == ["tinh.yaml"]
        assert app_mode.available_files(app_mode.SURVEY_SUFFIXES, data_folder / "none") == []


class TestResolveName:
    def test_a_file_of_the_folder(self, data_folder):
        path = app_mode.resolve_name("khao_sat_tinh.csv", app_mode.SURVEY_SUFFIXES)
        assert path == data_folder / "khao_sat_tinh.csv"

    @pytest.mark.parametrize(
        "name",
        ["../khao_sat_tinh.csv", "/etc/passwd.csv", "con/x.csv", "..", "", ".an.csv", "none.csv"],
    )
    def test_nothing_outside_or_unlisted(self, data_folder, name):
        with pytest.raises(ValueError):
            app_mode.resolve_name(name, app_mode.SURVEY_SUFFIXES)

    def test_wrong_kind(self, data_folder):
        with pytest.raises(ValueError, match="không nhận"):
            app_mode.resolve_name("tinh.yaml", app_mode.SURVEY_SUFFIXES)


class TestQuery:
    def test_round_trip(self):
        settings = {"pilots.thresholds.villages_4g_share": 0.8, "budget.pilots.smart_count": 3}
        query = app_mode.query_string("24", "khao sát.csv", "tinh.yaml", settings)
        assert app_mode.parse_query(query) == {
            "province": "24",
            "data": "khao sát.csv",
            "params": "tinh.yaml",
            "settings": settings,
        }

    def test_empty_values_left_out(self):
        assert app_mode.query_string("01") == "tinh=01"
        assert app_mode.parse_query("?") == {
            "province": "",
            "data": "",
            "params": "",
            "settings": {},
        }

    @pytest.mark.parametrize(
        "text", ["[1]", "{bad", '{"Pilots.X": 1}', '{"nodot": 1}', '{"a.b": [1]}', '{"a.b": null}']
    )
    def test_bad_settings(self, text):
        with pytest.raises(ValueError):
            app_mode.parse_settings(text)

    def test_workbook_url(self):
        assert app_mode.workbook_url("02_pilots", "tinh=24", "/") == (
            "/voila/render/02_pilots.ipynb?tinh=24"
        )
        assert (
            app_mode.workbook_url("01_status", "", "/app/") == "/app/voila/render/01_status.ipynb"
        )


class TestChoiceKey:
    def test_same_page_same_key(self):
        assert app_mode.choice_key("") == app_mode.choice_key("tinh=01")  # the default province
        assert app_mode.choice_key("tinh=24") != app_mode.choice_key("tinh=01")
        a = app_mode.choice_key('tinh=24&thiet_lap={"a.b":1,"a.c":2}')
        b = app_mode.choice_key('thiet_lap={"a.c":2,"a.b":1}&tinh=24')
        assert a == b == ("24", "", "", '{"a.b": 1, "a.c": 2}')

    def test_unreadable_matches_nothing(self):
        assert app_mode.choice_key("tinh=99")[0] == "?"
        assert app_mode.choice_key("thiet_lap=[")[0] == "?"


class TestNested:
    def test_dotted_to_nested(self):
        assert app_mode.nested({"a.b.c": 1, "a.d": 2}) == {"a": {"b": {"c": 1}, "d": 2}}

    def test_overlap(self):
        with pytest.raises(ValueError):
            app_mode.nested({"a.b": 1, "a.b.c": 2})

    def test_deep_merge_keeps_both(self):
        base = {"a": {"b": 1, "c": 2}, "d": 3}
        assert app_mode.deep_merge(base, {"a": {"b": 9}}) == {"a": {"b": 9, "c": 2}, "d": 3}
        assert base == {"a": {"b": 1, "c": 2}, "d": 3}


class TestSettingsOverlay:
    def test_no_settings_keeps_the_params_file(self, tmp_path):
        assert app_mode.settings_overlay({}, None, tmp_path) == ""
        assert app_mode.settings_overlay({}, "x.yaml", tmp_path) == "x.yaml"
        assert list(tmp_path.iterdir()) == []

    def test_settings_over_the_planner_s_file(self, data_folder, tmp_path):
        settings = {"pilots.weights.files_online": 3.0}
        path = app_mode.settings_overlay(settings, data_folder / "tinh.yaml", tmp_path / "o")
        data = yaml.safe_load(open(path, encoding="utf-8"))
        assert data == {"pilots": {"weights": {"coverage_4g": 2.0, "files_online": 3.0}}}
        again = app_mode.settings_overlay(settings, data_folder / "tinh.yaml", tmp_path / "o")
        assert again == path  # named by its content

    def test_the_overlay_is_accepted_by_the_params_loader(self, tmp_path):
        from ntmplan.core.params import load_params

        key = "pilots.thresholds.households_internet_smart_share"
        path = app_mode.settings_overlay({key: 0.9}, None, tmp_path)
        params = load_params("24", params_file=path)
        assert params["pilots"]["thresholds"]["households_internet_smart_share"] == 0.9


class TestPageQuery:
    def test_a_request_kernel_reads_its_query(self):
        assert app_mode.page_query({"QUERY_STRING": "tinh=24"}) == "tinh=24"

    def test_a_preheated_kernel_renders_the_last_address_or_the_start_choice(self):
        env = {"VOILA_PREHEAT": "True", "QUERY_STRING": "x"}
        assert app_mode.page_query(env) == ""
        env[app_mode.CHOICE_ENV] = "tinh=08"
        assert app_mode.page_query(env) == "tinh=08"
        env["VOILA_REQUEST_URL"] = "http://127.0.0.1:8866/voila/render/02_pilots.ipynb?tinh=38"
        assert app_mode.page_query(env) == "tinh=38"


class TestOutputRoot:
    def test_bundled_data_usual_folder_own_data_apart(self):
        assert app_mode.output_root("") == paths.OUTPUTS_DIR
        assert app_mode.output_root("Khảo sát 2025.xlsx") == (
            paths.OUTPUTS_DIR / "ung-dung" / "khao-sat-2025"
        )


class TestRequest:
    def test_outside_the_app_the_parameters_unchanged(self, monkeypatch):
        monkeypatch.delenv(app_mode.APP_ENV, raising=False)
        monkeypatch.setenv("QUERY_STRING", "tinh=24")
        assert app_mode.request("02_pilots", "01", "d", "p", "o") == ("01", "d", "p", "o")

    def test_in_the_app_the_page_s_choice(self, data_folder, monkeypatch, tmp_path):
        monkeypatch.setenv(app_mode.APP_ENV, "1")
        monkeypatch.delenv("VOILA_PREHEAT", raising=False)
        monkeypatch.setattr(app_mode.paths, "OUTPUTS_DIR", tmp_path / "out")
        query = app_mode.query_string(
            "Bắc Ninh", "khao_sat_tinh.csv", "tinh.yaml", {"pilots.weights.files_online": 3.0}
        )
        monkeypatch.setenv("QUERY_STRING", query)
        province, data, params, out = app_mode.request("02_pilots", "01", "", "", "")
        assert province == "24" and data == str(data_folder / "khao_sat_tinh.csv")
        overlay = yaml.safe_load(open(params, encoding="utf-8"))
        assert overlay["pilots"]["weights"] == {"coverage_4g": 2.0, "files_online": 3.0}
        assert out == str(tmp_path / "out" / "ung-dung" / "khao-sat-tinh" / "24-bac-ninh")
        assert app_mode.CURRENT["data"] == "khao_sat_tinh.csv"
        assert app_mode.CURRENT["province"] == "24"

    def test_a_file_outside_the_folder_is_refused(self, data_folder, monkeypatch):
        monkeypatch.setenv(app_mode.APP_ENV, "1")
        monkeypatch.delenv("VOILA_PREHEAT", raising=False)
        monkeypatch.setenv("QUERY_STRING", "tinh=24&du_lieu=../../etc/passwd.csv")
        with pytest.raises(ValueError):
            app_mode.request("02_pilots", "01")


class TestDataLabel:
    def test_says_which_data(self):
        assert app_mode.data_label("/x/khao_sat.csv", False) == "khao_sat.csv (dữ liệu của tỉnh)"
        assert app_mode.data_label("/x/a.csv", True) == "a.csv (dữ liệu minh họa)"
