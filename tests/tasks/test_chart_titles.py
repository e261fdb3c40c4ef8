"""Every chart type keeps its title inside the figure, even with the longest province name.

A title is drawn, then its window extent is compared with the figure's: a title cut at the
edge ("— Tỉnh Bắc N…") fails. Inputs are the small hand-made frames of the package tests.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.maps import dot_map
from ntmplan.core.params import default_params
from ntmplan.survey import units
from ntmplan.tasks import national, pilots, plan
from ntmplan.tasks.budget import charts as bc
from ntmplan.tasks.datashare import completeness_heatmap
from ntmplan.tasks.pilots import charts as pilot_charts
from ntmplan.tasks.status import charts as status_charts
from tests.tasks.budget.helpers import simple_params, tidy_frame
from tests.tasks.pilots.fixtures import commune, survey
from tests.tasks.status.fixtures import map_frame, progress_frame


def longest_names(n: int = 2) -> list[str]:
    """The ``n`` longest province names of the 2025 list (e.g. "Thành phố Hồ Chí Minh")."""
    names = units.provinces()["province_name"].astype(str)
    return sorted(names, key=len, reverse=True)[:n]


def titles_outside(fig) -> list[str]:
    """Titles (axes titles and the figure title) whose drawn extent leaves the figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)  # figures are built without pyplot: give them a canvas
    canvas.draw()
    renderer = canvas.get_renderer()
    box = fig.bbox
    from matplotlib.text import Text

    suptitle = fig.get_suptitle()
    texts = [c for c in fig.get_children() if isinstance(c, Text) and c.get_text() == suptitle]
    texts += [ax.title for ax in fig.axes]
    bad = []
    for t in texts:
        if not t.get_text() or not t.get_visible():
            continue
        ext = t.get_window_extent(renderer)
        tol = 0.5  # pixels
        inside = (
            ext.x0 >= box.x0 - tol
            and ext.x1 <= box.x1 + tol
            and ext.y0 >= box.y0 - tol
            and ext.y1 <= box.y1 + tol
        )
        if not inside:
            bad.append(t.get_text())
    return bad


def _budget_params() -> dict:
    return simple_params()


def _tidy() -> pd.DataFrame:
    return tidy_frame(
        [
            ("plan_preparation", 2021, "central", 1200.0),
            ("plan_preparation", 2022, "provincial", 350.5),
            ("communication", 2023, "central", 80.0),
        ]
    )


def chart_builders(province: str) -> dict:
    """One builder per chart type, each given a title that names ``province``."""
    p = default_params()
    elig = pilots.check_eligibility(survey(commune("00001"), commune("00002")), p)
    return {
        "bar_chart": lambda: status_charts.bar_chart(
            {"Xã An": 10.0}, f"Số hộ bán hàng trực tuyến — {province}", "Hộ"
        ),
        "pillar_bars": lambda: status_charts.pillar_bars(
            {"Hạ tầng số": 50.0},
            f"Chỉ số sẵn sàng chuyển đổi số theo trụ cột (bình quân theo số hộ) — {province}",
        ),
        "index_histogram": lambda: status_charts.index_histogram(
            pd.Series([10.0, 50.0]),
            title=f"Phân bố chỉ số sẵn sàng chuyển đổi số của các xã — {province}",
        ),
        "target_progress": lambda: status_charts.target_progress_chart(
            progress_frame(), f"Tiến độ so với mục tiêu Quyết định 924 (năm 2025) — {province}"
        ),
        "dot_map": lambda: dot_map(
            map_frame(), title=f"Chỉ số sẵn sàng chuyển đổi số theo xã — {province}"
        ),
        "dot_map_pilots": lambda: dot_map(
            map_frame(),
            highlight=["00002"],
            title=f"Điểm xếp hạng và xã được chọn — {province}",
        ),
        "funnel": lambda: pilot_charts.funnel_chart(
            pilots.funnel(elig),
            f"Phễu điều kiện — Xã thông minh (thí điểm chuyển đổi số) — {province}",
        ),
        "completeness": lambda: completeness_heatmap(
            pd.DataFrame({"00001": [1.0, 0.5], "00002": [0.0, 1.0]}, index=["households", "x"]),
            f"Mức đầy đủ dữ liệu theo cột và xã — {province} (cột đỏ: xã chưa có trong khảo sát)",
        ),
        "target_heatmap": lambda: national.target_heatmap(
            pd.DataFrame({"Mục tiêu A": [0.5]}, index=[province]),
            f"Tiến độ các mục tiêu Quyết định 924 theo tỉnh — {province}",
        ),
        "timeline": lambda: plan.timeline_chart(
            plan.timeline(p), f"Tiến độ thực hiện các nhiệm vụ theo quý — {province}"
        ),
        "by_year": lambda: bc.by_year_chart(
            _tidy(), _budget_params(), f"Nhu cầu vốn theo năm và nguồn vốn — {province}"
        ),
        "by_activity": lambda: bc.by_activity_chart(
            _tidy(), _budget_params(), f"Nhu cầu vốn theo hoạt động và nguồn vốn — {province}"
        ),
        "shares": lambda: bc.shares_chart(
            _tidy(), _budget_params(), f"Cơ cấu nguồn vốn (tỷ lệ trên tổng nhu cầu) — {province}"
        ),
        "gap_empty": lambda: bc.gap_chart(
            None, _budget_params(), f"Phần vượt trần vốn theo năm — {province}"
        ),
    }


CHARTS = sorted(chart_builders("x"))


@pytest.mark.parametrize("name", CHARTS)
def test_title_fits_with_the_longest_province_names(name):
    for province in longest_names():
        fig = chart_builders(province)[name]()
        assert titles_outside(fig) == [], (name, province)
        # the whole name is in the title (wrapped, never shortened)
        title = " ".join(fig.axes[0].get_title().split())
        assert province in title


def test_longest_names_include_ho_chi_minh_city():
    assert "Thành phố Hồ Chí Minh" in longest_names(3)


def test_the_check_fails_on_a_title_wider_than_the_figure():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3.0, 2.0), layout="constrained")  # not the house layout
    fig.add_subplot().set_title("Một tiêu đề rất dài không xuống dòng — " + longest_names(1)[0])
    assert titles_outside(fig) != []


class TestCapacityTitles:
    def test_fixed_titles_fit(self):
        from ntmplan.tasks import capacity
        from ntmplan.tasks.capacity import charts as cc
        from tests.tasks.capacity.fixtures import make_survey

        s = make_survey([{"unit_type": "xã"}])
        res = capacity.build(s, default_params())
        for fig in (
            cc.participants_chart(res["plan"]),
            cc.calendar_gantt(res["calendar"], res["load"]),
            cc.communication_chart(res["communication"]),
            cc.policy_chart(res["policy"]),
            cc.budget_chart(res["budget_lines"]),
        ):
            assert titles_outside(fig) == []
