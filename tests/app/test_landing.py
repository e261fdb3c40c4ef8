"""Tests for ntmplan.app.landing: the app's front door (pure HTML of a choice)."""

from __future__ import annotations

import html

import pytest

from ntmplan.app import landing
from ntmplan.core import catalogue
from ntmplan.notebook import app_mode

PROVINCES = [("Thành phố Hà Nội (01)", "01"), ("Tỉnh Bắc Ninh (24)", "24")]


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "khao_sat_tinh.csv").write_text("a\n", encoding="utf-8")
    (tmp_path / "tinh.yaml").write_text("{}\n", encoding="utf-8")
    return tmp_path


class TestReadChoice:
    def test_defaults(self, folder):
        assert landing.read_choice("", "", "", folder) == {
            "province": "01",
            "data": "",
            "params": "",
        }

    def test_by_name_and_files(self, folder):
        got = landing.read_choice("Bắc Ninh", "khao_sat_tinh.csv", "tinh.yaml", folder)
        assert got == {"province": "24", "data": "khao_sat_tinh.csv", "params": "tinh.yaml"}

    @pytest.mark.parametrize(
        "args", [("99", "", ""), ("24", "none.csv", ""), ("24", "", "../tinh.yaml")]
    )
    def test_refused(self, folder, args):
        with pytest.raises(ValueError):
            landing.read_choice(*args, folder)


class TestLandingHtml:
    def test_one_card_per_app_workbook_opening_it_for_the_choice(self, folder):
        choice = {"province": "24", "data": "khao_sat_tinh.csv", "params": ""}
        page = landing.landing_html(choice, PROVINCES, folder)
        assert landing.PROJECT_TITLE in page and 'lang="vi"' in page
        for nb in catalogue.PROVINCIAL:
            if nb.in_app:
                url = app_mode.workbook_url(nb.id, "tinh=24&du_lieu=khao_sat_tinh.csv")
                assert f'href="{html.escape(url, quote=True)}"' in page
                assert html.escape(nb.answers_vi) in page and nb.answers_vi
        assert page.count('class="card"') == len(catalogue.APP_IDS)
        assert "05_data" not in page

    def test_says_the_data_in_use_and_the_banner_only_on_illustrative_data(self, folder):
        own = landing.landing_html(
            {"province": "24", "data": "khao_sat_tinh.csv", "params": "tinh.yaml"},
            PROVINCES,
            folder,
        )
        assert "Tỉnh Bắc Ninh (24)" in own and "khao_sat_tinh.csv (dữ liệu của tỉnh)" in own
        assert "tinh.yaml" in own and 'class="warn"' not in own
        bundled = landing.landing_html(
            {"province": "01", "data": "", "params": ""}, PROVINCES, folder
        )
        assert "(dữ liệu minh họa)" in bundled and 'class="warn"' in bundled

    def test_the_form_lists_the_folder_s_files_and_escapes_names(self, folder):
        (folder / "<b>x.csv").write_text("a\n", encoding="utf-8")
        page = landing.landing_html({"province": "01", "data": "", "params": ""}, PROVINCES, folder)
        assert '<option value="khao_sat_tinh.csv">' in page and "&lt;b&gt;x.csv" in page
        assert "<b>x.csv" not in page

    def test_message_shown_as_text(self, folder):
        page = landing.landing_html(
            {"province": "01", "data": "", "params": ""}, PROVINCES, folder, message="<i>bad</i>"
        )
        assert "&lt;i&gt;bad&lt;/i&gt;" in page
