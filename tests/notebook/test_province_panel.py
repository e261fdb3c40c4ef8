"""Tests for ntmplan.notebook.province_panel — finding controls, the province panel rebuilt in
place for the province picked, and its export.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ntmplan.core.errors import InputError, Problem
from ntmplan.notebook import province_panel
from tests.notebook.workbook_fixtures import context


def html_body(ctx) -> province_panel.Body:
    import ipywidgets as w

    def export(path: Path) -> Path:
        path.write_bytes(b"PK test")
        return path

    return province_panel.Body(widget=w.HTML(value=ctx.province_code), export=export)


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
        found = province_panel.find_controls(tree)
        assert found == {"A": a, "B": b}  # the button has no value, the HTML no description

    def test_duplicate_labels(self):
        import ipywidgets as w

        with pytest.raises(ValueError, match="duplicate"):
            province_panel.find_controls(
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

        return province_panel.ProvincePanel(
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

        panel = province_panel.ProvincePanel(
            context(tmp_path), lambda ctx: w.HTML("x"), opener=lambda *a: None
        )
        with pytest.raises(RuntimeError):
            panel.export()


class TestChangedSettings:
    def test_only_changed_controls_by_params_key(self):
        import ipywidgets as w

        a, b = w.FloatSlider(value=0.5), w.IntSlider(value=3)
        controls = {"pilots.thresholds.x": a, "pilots.types.t.number": b}
        initial = {k: c.value for k, c in controls.items()}
        assert province_panel.changed_settings(controls, initial) == {}
        a.value = 0.8
        assert province_panel.changed_settings(controls, initial) == {"pilots.thresholds.x": 0.8}


class TestProvincePanelInTheApp:
    def _panel(self, tmp_path, monkeypatch, calls):
        import ipywidgets as w

        from ntmplan.notebook import app_mode

        monkeypatch.setenv(app_mode.APP_ENV, "1")
        monkeypatch.setenv("VOILA_BASE_URL", "/")
        monkeypatch.setattr(
            app_mode, "CURRENT", {"data": "khao_sat_tinh.csv", "params": "", "province": "24"}
        )
        slider = w.FloatSlider(value=0.5, description="S")

        def body(ctx):
            return province_panel.Body(
                widget=slider, settings=lambda: {"pilots.thresholds.x": slider.value}
            )

        panel = province_panel.ProvincePanel(
            context(tmp_path), body, opener=lambda *a: calls.append(a)
        )
        return panel, slider

    def test_picking_a_province_opens_its_page_with_the_settings(self, tmp_path, monkeypatch):
        from ntmplan.notebook import app_mode

        calls = []
        panel, slider = self._panel(tmp_path, monkeypatch, calls)
        slider.value = 0.8
        panel.picker.value = "01"
        assert calls == []  # no in-place reload: the whole page follows the province
        href = panel.nav.value.split('href="', 1)[1].split('"', 1)[0]
        assert 'class="ntm-navigate"' in panel.nav.value and panel.picker.disabled
        path, query = href.replace("&amp;", "&").split("?", 1)
        assert path == "/voila/render/02_pilots.ipynb"
        assert app_mode.parse_query(query) == {
            "province": "01",
            "data": "khao_sat_tinh.csv",
            "params": "",
            "settings": {"pilots.thresholds.x": 0.8},
        }

    def test_the_info_line_says_which_data(self, tmp_path, monkeypatch):
        panel, _ = self._panel(tmp_path, monkeypatch, [])
        assert "Dữ liệu / data:" in panel.info.value
        assert "mặc định / defaults" in panel.info.value
