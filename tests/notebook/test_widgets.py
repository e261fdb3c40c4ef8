"""Tests for ntmplan.notebook.widgets — pure helpers, the province picker and the Excel export
button. Widgets are created without a kernel (ipywidgets then keeps their state in Python only).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ntmplan.notebook import widgets
from tests.notebook.workbook_fixtures import context


# --------------------------------------------------------------------------- pure helpers
class TestProvinceOptions:
    def test_34_provinces_with_codes_as_values(self):
        options = widgets.province_options()
        assert len(options) == 34  # Resolution 202/2025/QH15: 34 provinces and cities
        assert options[0] == ("Thành phố Hà Nội (01)", "01")
        assert ("Tỉnh Bắc Ninh (24)", "24") in options

    def test_unknown_scheme(self):
        with pytest.raises(ValueError):
            widgets.province_options("nope")


class TestNormaliseProvince:
    def test_code_and_name(self):
        assert widgets.normalise_province("24") == "24"
        assert widgets.normalise_province("Bắc Ninh") == "24"

    def test_unknown(self):
        with pytest.raises(ValueError, match="Không có tỉnh"):
            widgets.normalise_province("Atlantis")


class TestOutputDirFor:
    def test_blank_stays_blank(self):
        assert widgets.output_dir_for("24", "", "01") == ""
        assert widgets.output_dir_for("24", None, "01") == ""

    def test_same_province_keeps_the_folder(self):
        assert widgets.output_dir_for("01", "/tmp/o/01-ha-noi", "01") == "/tmp/o/01-ha-noi"

    def test_other_province_gets_the_sibling_folder(self):
        assert widgets.output_dir_for("24", "/tmp/o/01-ha-noi", "01") == str(
            Path("/tmp/o/24-bac-ninh")
        )


class TestExportFilename:
    def test_name(self):
        assert widgets.export_filename("02_pilots") == "lua_chon_02_pilots.xlsx"

    def test_rejects_path_characters(self):
        with pytest.raises(ValueError):
            widgets.export_filename("../x")


class TestChoiceFrame:
    def test_rows_in_order(self):
        df = widgets.choice_frame({"Tỉnh": "Bắc Ninh (24)", "Hệ số": 0.5})
        assert list(df.columns) == ["setting", "value"]
        assert df["setting"].tolist() == ["Tỉnh", "Hệ số"]
        assert df["value"].tolist() == ["Bắc Ninh (24)", 0.5]

    def test_not_a_dict(self):
        with pytest.raises(TypeError):
            widgets.choice_frame([("a", 1)])


class TestDownloadLinkHtml:
    def test_path_and_embedded_link(self, tmp_path):
        f = tmp_path / "lua chọn.xlsx"
        f.write_bytes(b"abc")  # base64 of b"abc" is YWJj
        text = widgets.download_link_html(f)
        assert str(f.resolve()) in text
        assert 'download="lua chọn.xlsx"' in text and "base64,YWJj" in text

    def test_large_file_path_only(self, tmp_path):
        f = tmp_path / "big.xlsx"
        f.write_bytes(b"x" * 11)
        text = widgets.download_link_html(f, max_bytes=10)
        assert "big.xlsx" in text and "base64" not in text

    def test_missing_file(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            widgets.download_link_html(tmp_path / "none.xlsx")


class TestProvinceChoice:
    def test_province_and_year(self, tmp_path):
        choice = widgets.province_choice(context(tmp_path))
        assert list(choice.values()) == ["Tỉnh Bắc Ninh (24)", 2025]


# --------------------------------------------------------------------------- widgets
class TestProvincePicker:
    def test_value_is_the_code(self):
        picker = widgets.province_picker("bac ninh")
        assert picker.value == "24"
        assert len(picker.options) == 34

    def test_unknown(self):
        with pytest.raises(ValueError):
            widgets.province_picker("99")


class TestExportButton:
    def test_click_writes_and_shows_the_path(self, tmp_path):
        target = tmp_path / "a.xlsx"

        def write() -> Path:
            target.write_bytes(b"abc")
            return target

        box = widgets.export_button(write)
        button, message = box.children
        assert button.description == "Xuất Excel / Export to Excel"
        button.click()
        assert str(target.resolve()) in message.value and "Tải về" in message.value
        assert button.disabled is False

    def test_error_is_shown_not_raised(self):
        def write() -> Path:
            raise OSError("đĩa đầy <disk full>")

        box = widgets.export_button(write)
        box.children[0].click()
        assert "Không ghi được" in box.children[1].value
        assert "&lt;disk full&gt;" in box.children[1].value  # escaped
