"""Tests for ntmplan.tasks.capacity.html_view — the capacity charts as HTML (hand-made frames)."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import MissingColumnError
from ntmplan.tasks.capacity import html_view as hv


def _plan() -> pd.DataFrame:
    # officials: 1.200 participants in 2024 in 2 topics of 5 and 7 classes → 12 lớp
    return pd.DataFrame(
        {
            "year": [2024, 2024, 2025],
            "group": ["officials", "officials", "officials"],
            "group_vi": ["Cán bộ xã / commune officials"] * 3,
            "participants": [1200, 1200, 300],
            "classes": [5, 7, 2],
        }
    )


class TestParticipantsHtml:
    def test_participants_and_classes_per_year(self):
        html = hv.participants_html(_plan())
        assert ">1.200</div>" in html and ">300</div>" in html
        assert ">12 lớp</div>" in html and ">2 lớp</div>" in html
        assert "Cán bộ xã" in html and "commune officials" not in html  # Vietnamese part only

    def test_missing_column_is_named(self):
        with pytest.raises(MissingColumnError, match="classes"):
            hv.participants_html(_plan().drop(columns="classes"))


class TestCellShade:
    def test_ends_and_middle(self):
        assert hv.cell_shade(0) == "#deebf7"
        assert hv.cell_shade(1) == "#08519c"
        # (222 + 8) / 2 = 115, (235 + 81) / 2 = 158, (247 + 156) / 2 = 201,5 → 202
        assert hv.cell_shade(0.5) == "#739eca"
        assert hv.cell_shade(7) == "#08519c"  # clipped


def _calendar(quarters, scheduled) -> pd.DataFrame:
    n = len(quarters)
    return pd.DataFrame(
        {
            "year": [2024] * n,
            "quarter": pd.array(quarters, dtype="Int64"),
            "group": ["residents"] * n,
            "group_vi": ["Người dân / residents"] * n,
            "classes": [4, 2, 3][:n],
            "scheduled": scheduled,
        }
    )


def _load(days, capacity, within) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2024],
            "quarter": [1],
            "trainer_pool": ["provincial"],
            "trainer_pool_vi": ["Giảng viên tỉnh / provincial trainers"],
            "class_days": [days],
            "capacity_class_days": [capacity],
            "within_capacity": [within],
        }
    )


class TestCalendarHtml:
    def test_classes_per_quarter_and_unscheduled_in_red(self):
        html = hv.calendar_html(
            _calendar([1, 2, None], [True, True, False]), _load(12.0, 10.0, False)
        )
        assert ">Q1<br>2024</th>" in html and ">chưa xếp</th>" in html
        assert f"background:{hv.COLOR_OVERFLOW};color:white" in html
        assert "Ô đỏ" in html
        # the largest cell (4 classes) is the darkest shade
        assert f"background:{hv.cell_shade(1)}" in html and ">4</td>" in html
        assert "Giảng viên tỉnh" in html and ">12</td>" in html  # load above capacity

    def test_no_red_note_when_all_scheduled_and_no_limited_pool(self):
        html = hv.calendar_html(_calendar([1], [True]), _load(5.0, float("nan"), True))
        assert "chưa xếp" not in html and "Ô đỏ" not in html and "Tải giảng dạy" not in html

    def test_empty_calendar(self):
        html = hv.calendar_html(_calendar([], []), _load(0.0, float("nan"), True))
        assert "Không có lớp nào" in html


class TestBudgetHtml:
    def test_stacked_by_year(self):
        lines = pd.DataFrame(
            {
                "year": [2024, 2024],
                "activity": ["training", "communication"],
                "activity_vi": ["Đào tạo / training", "Truyền thông / communication"],
                "cost_mvnd": [1500.0, 500.0],
            }
        )
        html = hv.budget_html(lines)
        assert ">2.000</div>" in html  # 1.500 + 500
        assert "</span>Đào tạo" in html and "</span>Truyền thông" in html
        assert "training" not in html
