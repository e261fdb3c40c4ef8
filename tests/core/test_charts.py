"""Tests for ntmplan.core.charts — house style, new figures, deterministic PNG bytes."""

from __future__ import annotations

from ntmplan.core import charts
from ntmplan.notebook.display import save_and_show
from ntmplan.tasks.status import charts as status_charts
from tests.tasks.status.fixtures import progress_frame


class TestStyle:
    def test_sets_dejavu_sans(self):
        import matplotlib

        rc = charts.apply_style()
        assert rc["font.sans-serif"] == ["DejaVu Sans"]
        assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"


class TestSavePng:
    def test_deterministic_bytes(self, tmp_path):
        a, b = tmp_path / "a.png", tmp_path / "sub" / "b.png"
        charts.save_png(status_charts.target_progress_chart(progress_frame()), a)
        charts.save_png(status_charts.target_progress_chart(progress_frame()), b)
        data = a.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert data == b.read_bytes()

    def test_no_software_or_time_metadata(self, tmp_path):
        path = charts.save_png(status_charts.pillar_bars({"Hạ tầng số": 50.0}), tmp_path / "p.png")
        data = path.read_bytes()
        assert b"Software" not in data
        assert b"tIME" not in data
        assert b"matplotlib" not in data.lower()


class TestSaveAndShow:
    def test_shows_the_saved_bytes_once_at_inline_size(self, tmp_path, monkeypatch):
        import IPython.display
        from matplotlib.figure import Figure

        shown = []
        monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
        fig = Figure(figsize=(6.5, 3))
        fig.add_subplot().bar(["Hà Nội", "Cao Bằng"], [1, 2])
        target = save_and_show(fig, tmp_path / "f" / "chart.png")
        assert target == tmp_path / "f" / "chart.png"
        assert len(shown) == 1
        image = shown[0]
        assert image.data == target.read_bytes()
        assert image.width == 650  # 6.5 in × 100 px per inch, the size inline figures had
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


class TestNewFigure:
    def test_constrained_figure_with_the_house_style(self):
        import matplotlib

        fig = charts.new_figure(5.0, 3.0)
        assert tuple(fig.get_size_inches()) == (5.0, 3.0)
        assert fig.get_layout_engine() is not None
        assert matplotlib.rcParams["axes.spines.top"] is False

    def test_style_rc_is_what_apply_style_sets(self):
        assert charts.style_rc() == charts.apply_style()
        assert charts.style_rc()["font.sans-serif"] == [charts.FONT]


class TestWrapLabel:
    def test_wraps_and_keeps_short_text(self):
        assert charts.wrap_label("một hai ba bốn", 7) == "một hai\nba bốn"
        assert charts.wrap_label("", 10) == ""
        assert charts.wrap_label("ngắn", 10) == "ngắn"


def drawn(fig):
    """Lay out and draw a figure built without pyplot (tick labels exist only after a draw)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    return fig


def tick_texts(labels) -> list[str]:
    return [t.get_text() for t in labels if t.get_text()]


class TestValueLabel:
    def test_vietnamese_number_and_percent(self):
        assert charts.value_label(1234.5, 1) == "1.234,5"
        assert charts.value_label(1234567, 0) == "1.234.567"
        assert charts.value_label(0.679, 1, percent=True) == "67,9%"
        assert charts.value_label(1.0, 0, percent=True) == "100%"

    def test_negative_and_zero(self):
        assert charts.value_label(-1234.5, 1) == "-1.234,5"
        assert charts.value_label(0, 1) == "0,0"
        assert charts.value_label(0.0, 0) == "0"
        # a value that rounds to zero is written without a minus sign
        assert charts.value_label(-0.04, 1) == "0,0"
        assert charts.value_label(-0.0001, 1, percent=True) == "0,0%"

    def test_missing(self):
        import numpy as np

        assert charts.value_label(float("nan")) == charts.MISSING_VALUE
        assert charts.value_label(np.float64("nan"), 1, percent=True) == "không có số liệu"
        assert charts.value_label(None) == "không có số liệu"

    def test_numpy_scalars(self):
        import numpy as np

        assert charts.value_label(np.int64(12000), 0) == "12.000"
        assert charts.value_label(np.float32(2.5), 1) == "2,5"


class TestTickFormatter:
    def test_fixed_digits(self):
        f = charts.tick_formatter(1)
        assert f.format_ticks([0, 1234.5, -1234.5]) == ["0,0", "1.234,5", "-1.234,5"]

    def test_auto_digits_follow_the_ticks(self):
        f = charts.tick_formatter()
        assert f.format_ticks([0, 500, 1000, 1500]) == ["0", "500", "1.000", "1.500"]
        assert f.format_ticks([0.0, 0.5, 1.0]) == ["0,0", "0,5", "1,0"]
        assert f.format_ticks([0.0, 0.25, 0.5]) == ["0,00", "0,25", "0,50"]

    def test_percent(self):
        f = charts.tick_formatter(percent=True)
        assert f.format_ticks([0.0, 0.2, 0.4]) == ["0%", "20%", "40%"]
        assert f.format_ticks([0.0, 0.005, 0.01]) == ["0,0%", "0,5%", "1,0%"]
        assert charts.tick_formatter(1, percent=True).format_ticks([0.679]) == ["67,9%"]

    def test_on_a_drawn_axis(self):
        fig = charts.new_figure(5.0, 3.0)
        ax = fig.add_subplot()
        ax.bar(["a", "b"], [2500.0, 12000.0])
        charts.number_axis(ax, "y")
        drawn(fig)
        labels = tick_texts(ax.get_yticklabels())
        assert "10.000" in labels and all("," not in t for t in labels)

    def test_integer_axis(self):
        fig = charts.new_figure(5.0, 3.0)
        ax = fig.add_subplot()
        ax.bar(["a", "b"], [1, 2])
        charts.number_axis(ax, "y", integer=True)
        drawn(fig)
        assert all("," not in t for t in tick_texts(ax.get_yticklabels()))

    def test_bad_axis(self):
        import pytest

        fig = charts.new_figure()
        with pytest.raises(ValueError, match="axis"):
            charts.number_axis(fig.add_subplot(), "z")


class TestTitles:
    def test_title_width_grows_with_the_figure(self):
        assert charts.title_width(charts.new_figure(7.0, 4.0)) == 60  # 0.9·7·72 / (0.62·12)
        assert charts.title_width(charts.new_figure(7.0, 4.0), 10) == 73
        assert charts.title_width(charts.new_figure(1.0, 1.0)) == 20

    def test_set_title_wraps_and_keeps_short_titles(self):
        fig = charts.new_figure(7.0, 4.0)
        ax = fig.add_subplot()
        charts.set_title(ax, "Ngắn")
        assert ax.get_title() == "Ngắn"
        long = (
            "Chỉ số sẵn sàng chuyển đổi số theo xã — Thành phố Hồ Chí Minh (bình quân theo số hộ)"
        )
        charts.set_title(ax, long)
        assert "\n" in ax.get_title()
        assert " ".join(ax.get_title().split()) == long

    def test_layout_rewraps_a_title_pushed_out_by_long_tick_labels(self):
        fig = charts.new_figure(7.5, 3.0)
        ax = fig.add_subplot()
        ax.barh([0, 1], [1, 2])
        ax.set_yticks([0, 1], ["Một nhãn trục rất dài của một điều kiện", "Hai"])
        title = "Phễu điều kiện — Xã thông minh (thí điểm) — Thành phố Hồ Chí Minh"
        ax.set_title(title)  # one line: not pre-wrapped
        drawn(fig)
        ext = ax.title.get_window_extent()
        assert fig.bbox.x0 <= ext.x0 and ext.x1 <= fig.bbox.x1
        assert "\n" in ax.get_title() and " ".join(ax.get_title().split()) == title

    def test_suptitle_is_wrapped(self):
        fig = charts.new_figure(4.0, 3.0)
        fig.add_subplot()
        charts.set_suptitle(
            fig, "Học viên và số lớp theo nhóm đối tượng và năm — Tỉnh Thừa Thiên Huế"
        )
        assert "\n" in fig.get_suptitle()


class TestIsEmptyChart:
    def test_empty_zero_and_missing(self):
        import numpy as np
        import pandas as pd

        assert charts.is_empty_chart(None)
        assert charts.is_empty_chart(pd.DataFrame({"v": []}), "v")
        assert charts.is_empty_chart(pd.DataFrame({"v": [0.0, np.nan]}), "v")
        assert charts.is_empty_chart(pd.Series([0, 0]))
        assert charts.is_empty_chart(pd.DataFrame({"name": ["a"], "v": [0]}))
        assert charts.is_empty_chart(pd.DataFrame({"name": ["a"]}))  # nothing numeric to draw

    def test_something_to_draw(self):
        import pandas as pd

        assert not charts.is_empty_chart(pd.DataFrame({"v": [0.0, 2.5]}), "v")
        assert not charts.is_empty_chart(pd.DataFrame({"v": [-1.0]}), "v")
        assert not charts.is_empty_chart(pd.DataFrame({"a": [0], "b": [3]}))
        assert not charts.is_empty_chart(pd.Series([0, 1]))

    def test_missing_column(self):
        import pandas as pd
        import pytest

        with pytest.raises(KeyError, match="amount_mvnd"):
            charts.is_empty_chart(pd.DataFrame({"v": [1]}), "amount_mvnd")


class TestWrapTitle:
    def test_breaks_after_a_dash_or_before_a_bracket(self):
        assert (
            charts.wrap_title("Chỉ số sẵn sàng chuyển đổi số theo xã — Thành phố Hồ Chí Minh", 50)
            == "Chỉ số sẵn sàng chuyển đổi số theo xã —\nThành phố Hồ Chí Minh"
        )
        assert (
            charts.wrap_title("Chỉ số theo trụ cột (bình quân theo số hộ)", 30)
            == "Chỉ số theo trụ cột\n(bình quân theo số hộ)"
        )

    def test_packs_parts_that_fit_and_wraps_long_parts(self):
        assert charts.wrap_title("Phễu — Xã thông minh — Tỉnh Cao Bằng", 24) == (
            "Phễu — Xã thông minh —\nTỉnh Cao Bằng"
        )
        assert charts.wrap_title("một hai ba bốn", 7) == "một hai\nba bốn"
        assert charts.wrap_title("Ngắn", 40) == "Ngắn"
        assert charts.wrap_title("", 40) == ""


class TestSpacedLocator:
    def test_wide_vietnamese_labels_do_not_overlap(self):
        # 17.017 on a narrow axis: matplotlib's default would put 9 ticks ("10.00012.000")
        fig = charts.new_figure(7.0, 3.0)
        ax = fig.add_subplot()
        ax.barh([0, 1], [9133.0, 17017.0])
        ax.set_yticks([0, 1], ["Vốn xã hội hóa (doanh nghiệp, cộng đồng)", "Ngân sách tỉnh"])
        charts.number_axis(ax, "x")
        drawn(fig)
        lo, hi = ax.get_xlim()
        shown = [
            t for t in ax.get_xticklabels() if t.get_text() and lo <= t.get_position()[0] <= hi
        ]
        boxes = sorted((t.get_window_extent().x0, t.get_window_extent().x1) for t in shown)
        assert len(boxes) >= 3
        # at least a quarter of an inch between labels (the default leaves under 2 pixels)
        assert all(b[0] - a[1] >= 0.25 * fig.dpi for a, b in zip(boxes, boxes[1:], strict=False))
        assert "10.000" in [t.get_text() for t in shown]

    def test_fixed_ticks_are_kept(self):
        fig = charts.new_figure()
        ax = fig.add_subplot()
        ax.set_xlim(0, 130)
        ax.set_xticks(range(0, 101, 20))
        charts.number_axis(ax, "x", 0)
        assert list(ax.get_xticks()) == [0, 20, 40, 60, 80, 100]
