"""Tests for ntmplan.notebook.panels — the interactive panels of notebooks 02 (pilots), 03 (budget)
and 04 (capacity) and the export of their current choice.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ntmplan.core.errors import InputError
from ntmplan.notebook import panels, province_panel, widgets
from ntmplan.tasks.budget.panel import CONTROL_DESCRIPTIONS
from tests.notebook.workbook_fixtures import SHARE_LABEL, context, survey


# --------------------------------------------------------------------------- notebook adapters
def _sheet(path: Path, name: str) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=name)


def _choice(path: Path) -> dict:
    df = _sheet(path, widgets.CHOICE_SHEET)
    return dict(zip(df["Thiết lập / setting"], df["Giá trị / value"], strict=True))


class TestPilotsBody:
    def test_export_follows_the_controls(self, tmp_path):
        ctx = context(tmp_path)
        body = panels.pilots_body(ctx)
        controls = province_panel.find_controls(body.widget)
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
        body = panels.pilots_body(ctx)  # the panel shows the error instead of breaking
        with pytest.raises((KeyError, InputError)):
            body.export(tmp_path / "a.xlsx")


class TestBudgetInputs:
    def test_without_summaries(self, tmp_path):
        ctx = context(tmp_path, notebook="03_budget")
        inputs = panels.budget_inputs(ctx)
        assert inputs["survey"] is ctx.survey
        assert inputs["pilots"] is None and inputs["capacity"] is None  # 02 / 04 not run


class TestBudgetBody:
    def test_export_follows_the_controls(self, tmp_path):
        ctx = context(tmp_path, notebook="03_budget")
        body = panels.budget_body(ctx)
        controls = province_panel.find_controls(body.widget)
        before = _choice(body.export(tmp_path / "a.xlsx"))
        assert before["Số xã thông minh"] == 1  # default_smart_count, 02 has not run
        controls[CONTROL_DESCRIPTIONS["smart"]].value = 3
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
        body = panels.budget_body(ctx)
        box = next(
            w
            for d, w in province_panel.find_controls(body.widget).items()
            if d.endswith("(tr.đ/năm):")
        )
        box.value = "nhiều"  # not a number
        with pytest.raises(ValueError, match="cần số"):
            body.export(tmp_path / "c.xlsx")


class TestCapacityBody:
    def test_export_writes_the_current_plan(self, tmp_path):
        body = panels.capacity_body(context(tmp_path, notebook="04_capacity"))
        assert not any(
            getattr(c, "description", "") == "Xuất Excel lựa chọn hiện tại"
            for c in body.widget.children
        )
        path = body.export(tmp_path / "cap.xlsx")
        assert path == tmp_path / "cap.xlsx" and path.is_file()
        assert len(pd.ExcelFile(path).sheet_names) >= 1


class TestPanels:
    def test_pilots_panel(self, tmp_path):
        panel = panels.pilots_panel(context(tmp_path))
        assert panel.picker.value == "24"
        assert panel.export().name == "lua_chon_02_pilots.xlsx"

    def test_budget_panel(self, tmp_path):
        panel = panels.budget_panel(context(tmp_path, notebook="03_budget"))
        assert panel.export().name == "lua_chon_03_budget.xlsx"

    def test_capacity_panel(self, tmp_path):
        panel = panels.capacity_panel(context(tmp_path, notebook="04_capacity"))
        assert panel.export().name == "lua_chon_04_capacity.xlsx"
