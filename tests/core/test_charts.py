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
