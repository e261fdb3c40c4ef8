"""Tests for ntmplan.notebook.widgets — province picker, Excel export button, province panel, and the
adapters of notebooks 02 (pilots) and 03 (budget).

Widgets are created without a kernel (ipywidgets then keeps their state in Python only).
Contexts are real ``ntmplan.notebook.context.Workbook`` objects built on a few hand-made communes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ntmplan.core.errors import InputError, Problem
from ntmplan.core.params import default_params
from ntmplan.notebook import widgets
from ntmplan.notebook.context import Workbook
from tests.survey_fixtures import COMMUNE, PILOT_THRESHOLDS

# --------------------------------------------------------------------------- fixtures
ROW = {**COMMUNE, "province_code": "24"}  # a commune of Bắc Ninh
INTS = [k for k, v in ROW.items() if isinstance(v, int) and not isinstance(v, bool)]
SHARE_LABEL = "Hộ có Internet + thiết bị (tỷ lệ)"


def survey(*changes: dict) -> pd.DataFrame:
    """One validated-looking row per dict of changes to ROW."""
    rows = [
        {**ROW, "commune_code": f"{i + 1:05d}", "commune_name": f"Xã {i + 1}", **c}
        for i, c in enumerate(changes)
    ]
    return pd.DataFrame(rows).astype({k: "int64" for k in INTS})


def params() -> dict:
    """Defaults with every value the tests rely on set explicitly."""
    p = default_params()
    pp = p["pilots"]
    pp["rural_unit_types"] = ["xã", "đặc khu"]
    pp["eligible_sectors"] = ["du_lich_nong_thon", "trong_trot"]
    pp["thresholds"] = dict(PILOT_THRESHOLDS)
    pp["types"]["smart_commune"]["number"] = 1
    pp["pin"] = {"smart_commune": [], "ecommerce_commune": []}
    pp["exclude"] = []
    b = p["budget"]
    b["unit_cost_factor"] = 1.0
    b["socialised_factor"] = 1.0
    b["unit_costs"]["smart_package_mvnd"] = 2000.0
    b["unit_costs"]["gap_estimate_per_pilot_mvnd"] = 500.0
    b["pilots"]["smart_count"] = None
    b["pilots"]["default_smart_count"] = 1
    return p


def context(
    tmp_path: Path,
    notebook: str = "02_pilots",
    code: str = "24",
    name: str = "Tỉnh Bắc Ninh",
    frame=None,
) -> Workbook:
    """A notebook context on hand-made communes; A has 500/1000 households connected, B 100/1000."""
    frame = survey({}, {"households_internet_smart": 100}) if frame is None else frame
    out = tmp_path / f"{code}-x"
    out.mkdir(parents=True, exist_ok=True)
    return Workbook(notebook, code, name, params(), frame, frame, out, Path("x.csv"), True)


def html_body(ctx) -> widgets.Body:
    import ipywidgets as w

    def export(path: Path) -> Path:
        path.write_bytes(b"PK test")
        return path

    return widgets.Body(widget=w.HTML(value=ctx.province_code), export=export)


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


class TestFindControls:
    def test_nested_controls_by_description(self):
        import ipywidgets as w

        a = w.IntSlider(description="A")
        b = w.Dropdown(options=["x", "y"], description="B")
        tree = w.VBox(
            [
                w.Accordion(children=[w.VBox([a])]),
                w.HBox([b, w.Button(description="C")]),
                w.HTML("t"),
            ]
        )
        found = widgets.find_controls(tree)
        assert found == {"A": a, "B": b}  # the button has no value, the HTML no description

    def test_duplicate_labels(self):
        import ipywidgets as w

        with pytest.raises(ValueError, match="duplicate"):
            widgets.find_controls(
                w.VBox([w.IntSlider(description="A"), w.FloatSlider(description="A")])
            )


class TestProvincePanel:
    def _panel(self, tmp_path, calls, fail=False, output_dir=""):
        def opener(notebook, code, params_file, data_file, out_dir):
            calls.append((notebook, code, params_file, data_file, out_dir))
            if fail:
                raise InputError(
                    [Problem(None, None, "province", code, "Không đọc được", "cannot read")]
                )
            return context(tmp_path, code=code, name=f"Tỉnh {code}")

        return widgets.ProvincePanel(
            context(tmp_path), html_body, "p.yaml", "d.csv", output_dir, opener=opener
        )

    def test_initial_province_and_layout(self, tmp_path):
        panel = self._panel(tmp_path, [])
        assert panel.picker.value == "24"
        assert panel.holder.children[0].value == "24"
        assert "Tỉnh Bắc Ninh" in panel.info.value and "2 đơn vị" in panel.info.value

    def test_picking_a_province_rebuilds_the_body_in_place(self, tmp_path):
        calls = []
        panel = self._panel(tmp_path, calls, output_dir=str(tmp_path / "24-bac-ninh"))
        outer = panel.widget
        panel.picker.value = "01"
        assert panel.widget is outer  # same page widget
        assert panel.holder.children[0].value == "01"
        assert panel.ctx.province_code == "01"
        assert calls == [("02_pilots", "01", "p.yaml", "d.csv", str(tmp_path / "01-ha-noi"))]
        assert "loaded in" in panel.info.value

    def test_same_province_does_not_reload(self, tmp_path):
        calls = []
        panel = self._panel(tmp_path, calls)
        assert panel.select("Bắc Ninh") == 0.0
        assert calls == []

    def test_failed_load_keeps_the_previous_province(self, tmp_path):
        calls = []
        panel = self._panel(tmp_path, calls, fail=True)
        panel.picker.value = "01"
        assert "Không tải được" in panel.info.value
        assert panel.picker.value == "24" and panel.ctx.province_code == "24"
        assert panel.holder.children[0].value == "24"

    def test_export_writes_into_the_province_folder(self, tmp_path):
        panel = self._panel(tmp_path, [])
        path = panel.export()
        assert path == tmp_path / "24-x" / "lua_chon_02_pilots.xlsx"
        assert path.read_bytes() == b"PK test"

    def test_body_without_export(self, tmp_path):
        import ipywidgets as w

        panel = widgets.ProvincePanel(
            context(tmp_path), lambda ctx: w.HTML("x"), opener=lambda *a: None
        )
        with pytest.raises(RuntimeError):
            panel.export()


# --------------------------------------------------------------------------- notebook adapters
def _sheet(path: Path, name: str) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=name)


def _choice(path: Path) -> dict:
    df = _sheet(path, widgets.CHOICE_SHEET)
    return dict(zip(df["Thiết lập / setting"], df["Giá trị / value"], strict=True))


class TestPilotsBody:
    def test_export_follows_the_controls(self, tmp_path):
        ctx = context(tmp_path)
        body = widgets.pilots_body(ctx)
        controls = widgets.find_controls(body.widget)
        path = body.export(tmp_path / "a.xlsx")
        # A: 500/1000 = 50% ≥ 50% passes; B: 100/1000 = 10% fails → 1 eligible
        assert _choice(path)["Số xã đủ điều kiện / eligible"] == 1
        controls[SHARE_LABEL].value = 0.1  # now 10% ≥ 10%: both pass → 2 eligible
        path = body.export(tmp_path / "b.xlsx")
        choice = _choice(path)
        assert choice["Số xã đủ điều kiện / eligible"] == 2
        assert choice[SHARE_LABEL] == pytest.approx(0.1)
        assert choice["Tỉnh/thành phố / province"] == "Tỉnh Bắc Ninh (24)"
        assert pd.ExcelFile(path).sheet_names == [
            "Lựa chọn",
            "Xã được chọn",
            "Xếp hạng",
            "Phễu điều kiện",
        ]
        assert len(_sheet(path, "Xã được chọn")) == 1  # number of smart-commune pilots = 1
        assert (
            ctx.params["pilots"]["thresholds"]["households_internet_smart_share"] == 0.5
        )  # untouched

    def test_missing_column(self, tmp_path):
        ctx = context(tmp_path, frame=survey({}).drop(columns="households_internet_smart"))
        body = widgets.pilots_body(ctx)  # the panel shows the error instead of breaking
        with pytest.raises((KeyError, InputError)):
            body.export(tmp_path / "a.xlsx")


class TestBudgetInputs:
    def test_without_summaries(self, tmp_path):
        ctx = context(tmp_path, notebook="03_budget")
        inputs = widgets.budget_inputs(ctx)
        assert inputs["survey"] is ctx.survey
        assert inputs["pilots"] is None and inputs["capacity"] is None  # 02 / 04 not run


class TestBudgetBody:
    def test_export_follows_the_controls(self, tmp_path):
        ctx = context(tmp_path, notebook="03_budget")
        body = widgets.budget_body(ctx)
        controls = widgets.find_controls(body.widget)
        before = _choice(body.export(tmp_path / "a.xlsx"))
        assert before["Số xã thông minh"] == 1  # default_smart_count, 02 has not run
        controls["Số xã thông minh:"].value = 3
        path = body.export(tmp_path / "b.xlsx")
        after = _choice(path)
        assert after["Số xã thông minh"] == 3
        # two more smart pilots: 2 × (package 2 000 + gap estimate 500) = 5 000 million VND
        assert after["Tổng nhu cầu (triệu đồng)"] - before[
            "Tổng nhu cầu (triệu đồng)"
        ] == pytest.approx(5000.0)
        sheets = pd.ExcelFile(path).sheet_names
        assert sheets[0] == "Lựa chọn" and "Chi tiết" in sheets

    def test_bad_envelope_is_reported(self, tmp_path):
        ctx = context(tmp_path, notebook="03_budget")
        body = widgets.budget_body(ctx)
        box = next(
            w for d, w in widgets.find_controls(body.widget).items() if d.endswith("(tr.đ/năm):")
        )
        box.value = "nhiều"  # not a number
        with pytest.raises(ValueError, match="cần số"):
            body.export(tmp_path / "c.xlsx")


class TestCapacityBody:
    def test_export_writes_the_current_plan(self, tmp_path):
        body = widgets.capacity_body(context(tmp_path, notebook="04_capacity"))
        assert not any(
            getattr(c, "description", "") == "Xuất Excel lựa chọn hiện tại"
            for c in body.widget.children
        )
        path = body.export(tmp_path / "cap.xlsx")
        assert path == tmp_path / "cap.xlsx" and path.is_file()
        assert len(pd.ExcelFile(path).sheet_names) >= 1


class TestPanels:
    def test_pilots_panel(self, tmp_path):
        panel = widgets.pilots_panel(context(tmp_path))
        assert panel.picker.value == "24"
        assert panel.export().name == "lua_chon_02_pilots.xlsx"

    def test_budget_panel(self, tmp_path):
        panel = widgets.budget_panel(context(tmp_path, notebook="03_budget"))
        assert panel.export().name == "lua_chon_03_budget.xlsx"

    def test_capacity_panel(self, tmp_path):
        panel = widgets.capacity_panel(context(tmp_path, notebook="04_capacity"))
        assert panel.export().name == "lua_chon_04_capacity.xlsx"
