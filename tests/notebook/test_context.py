"""Tests for ntmplan.notebook.context: the notebook context of provinces and of the national roll-up."""

from __future__ import annotations

import json

import pytest

from ntmplan.core import paths, writers
from ntmplan.core.errors import InputError
from ntmplan.notebook import context as workbook
from ntmplan.survey import reading as nio


@pytest.fixture
def small_survey(tmp_path):
    """Three communes of Bắc Ninh (24) and two of Cao Bằng (04), cut from the sample, saved as real data."""
    sample = nio.read_table(paths.SAMPLE_SURVEY)
    rows = sample[sample["province_code"].isin(["24", "04"])].groupby("province_code").head(3)
    path = tmp_path / "khao_sat_tinh.csv"
    writers.write_csv(path, rows.reset_index(drop=True))
    return path


class TestOpenWorkbook:
    def test_selects_the_province_and_prepares_outputs(self, tmp_path, small_survey):
        ctx = workbook.open_workbook("01_status", "24", "", str(small_survey), str(tmp_path / "o"))
        assert ctx.province_code == "24" and ctx.province_name == "Tỉnh Bắc Ninh"
        assert len(ctx.survey) == 3 and set(ctx.survey["province_code"]) == {"24"}
        assert len(ctx.survey_all) == 6
        assert (tmp_path / "o" / "params_resolved.yaml").is_file()
        assert ctx.illustrative is False and "minh họa" not in ctx.notice()
        assert ctx.notice().startswith("**Giai đoạn (hồ sơ chương trình):** 2021–2025")

    def test_profile_chosen_by_parameter(self, tmp_path, small_survey):
        ctx = workbook.open_workbook(
            "01_status", "24", "", str(small_survey), str(tmp_path / "o"), profile="2026_2030"
        )
        assert ctx.params["programme"]["profile"] == "2026_2030"
        assert "2026–2030" in ctx.notice() and "2021–2025" not in ctx.notice()

    def test_province_by_name(self, tmp_path, small_survey):
        ctx = workbook.open_workbook(
            "01_status", "Cao Bằng", "", str(small_survey), str(tmp_path / "o")
        )
        assert ctx.province_code == "04"

    def test_bundled_data_is_flagged_illustrative(self, tmp_path):
        ctx = workbook.open_workbook("01_status", "24", "", "", str(tmp_path / "o"))
        assert ctx.illustrative is True and "minh họa" in ctx.notice()

    def test_unknown_province(self, tmp_path):
        with pytest.raises(InputError) as exc:
            workbook.open_workbook("01_status", "../../etc", "", "", str(tmp_path / "o"))
        assert exc.value.problems[0].column == "province"

    def test_missing_data_file(self, tmp_path):
        with pytest.raises(InputError) as exc:
            workbook.open_workbook(
                "01_status", "24", "", str(tmp_path / "none.csv"), str(tmp_path / "o")
            )
        assert "not found" in exc.value.problems[0].rule_en

    def test_bad_params_file(self, tmp_path):
        bad = tmp_path / "p.yaml"
        bad.write_text("pilots:\n  nonsense_key: 1\n", encoding="utf-8")
        with pytest.raises(InputError):
            workbook.open_workbook("01_status", "24", str(bad), "", str(tmp_path / "o"))

    def test_input_file_unchanged(self, tmp_path, small_survey, file_hash):
        before = file_hash(small_survey)
        workbook.open_workbook("01_status", "24", "", str(small_survey), str(tmp_path / "o"))
        assert file_hash(small_survey) == before


class TestSummaries:
    def test_write_then_read(self, tmp_path, small_survey):
        ctx = workbook.open_workbook("02_pilots", "24", "", str(small_survey), str(tmp_path / "o"))
        path = ctx.write_summary({"eligible": 2})
        data = json.loads(path.read_text(encoding="utf-8"))
        assert (
            data["eligible"] == 2
            and data["province_code"] == "24"
            and data["notebook"] == "02_pilots"
        )
        assert ctx.read_summary("02_pilots")["eligible"] == 2
        assert ctx.read_summary("04_capacity") is None


class TestLegacyComparison:
    def test_real_data_is_never_mixed_with_the_illustrative_legacy_survey(
        self, tmp_path, small_survey
    ):
        ctx = workbook.open_workbook("01_status", "24", "", str(small_survey), str(tmp_path / "o"))
        assert ctx.read_legacy_in_current_units() is None

    def test_illustrative_run_gets_2023_in_current_units(self, tmp_path):
        ctx = workbook.open_workbook("01_status", "24", "", "", str(tmp_path / "o"))
        before = ctx.read_legacy_in_current_units()
        assert set(before["province_code"]) == {"24"} and set(before["year"]) == {2023}
        assert set(before["commune_code"]) <= set(ctx.survey["commune_code"])


def test_show_figure_saves_lists_and_returns_nothing(tmp_path, monkeypatch):
    """A cell ending with ``ctx.show_figure(...)`` must not print a path into the report."""
    import IPython.display
    from matplotlib.figure import Figure

    from ntmplan.notebook.context import open_workbook

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    ctx = open_workbook("01_status", "04", output_dir=str(tmp_path))
    fig = Figure(figsize=(4, 2))
    fig.add_subplot().plot([0, 1], [1, 0])
    assert ctx.show_figure(fig, "thu") is None
    assert ctx.figures == [tmp_path / "figures" / "thu.png"]
    assert shown[0].data == (tmp_path / "figures" / "thu.png").read_bytes()


# ----------------------------------------------------------------- the national roll-up (no province)


@pytest.fixture
def root(tmp_path):
    """Outputs root with Hà Nội (01) and Cao Bằng (04) summaries (as in the national tests)."""
    from tests.tasks.national.fixtures import make_outputs_root

    return make_outputs_root(tmp_path)


class TestOpenNationalEmpty:
    def test_no_province_folder(self, tmp_path):
        nat = workbook.open_national(str(tmp_path), "", "")
        assert nat.is_national and nat.province_code == "" and nat.notebook == "00_national"
        assert nat.out == tmp_path / paths.NATIONAL_DIR and nat.outputs_root == tmp_path
        assert nat.provinces.empty and nat.survey is None and nat.data_files == []
        assert nat.illustrative is False and "minh họa" not in nat.notice()
        assert "2021–2025" in nat.notice()

    def test_summary_has_only_notebook_and_illustrative(self, tmp_path):
        nat = workbook.open_national(str(tmp_path), str(tmp_path / "nat"), "")
        path = nat.write_summary({"x": 1})
        assert path == tmp_path / "nat" / "summary_00_national.json"
        assert json.loads(path.read_text(encoding="utf-8")) == {
            "notebook": "00_national",
            "illustrative": False,
            "x": 1,
        }


@pytest.mark.slow
class TestOpenNational:
    def test_context_with_the_sample_survey(self, root):
        nat = workbook.open_national(str(root), "", "")
        assert nat.out == root / "00-toan-quoc" and (nat.out / "params_resolved.yaml").is_file()
        assert list(nat.provinces["province_code"]) == ["01", "04"]
        assert set(nat.survey["province_code"]) == {"01", "04"}  # bundled illustrative survey
        assert nat.illustrative and "minh họa" in nat.notice()
        path = nat.write_summary({"x": 1})
        assert json.loads(path.read_text(encoding="utf-8"))["notebook"] == "00_national"


class TestShowFiguresInline:
    """Panels display Figure objects: in a kernel the inline PNG formatter must be on."""

    def test_in_a_kernel_the_inline_backend_is_activated(self, monkeypatch):
        import IPython

        calls = []

        class Shell:
            kernel = object()

            def run_line_magic(self, name, line):
                calls.append((name, line))

        monkeypatch.setattr(IPython, "get_ipython", lambda: Shell())
        workbook.show_figures_inline()
        assert calls == [("matplotlib", "inline")]

    def test_outside_a_kernel_nothing_happens(self, monkeypatch):
        import IPython

        class Terminal:  # an IPython shell without a kernel (e.g. the terminal)
            def run_line_magic(self, name, line):
                raise AssertionError("must not be called")

        monkeypatch.setattr(IPython, "get_ipython", lambda: None)
        workbook.show_figures_inline()
        monkeypatch.setattr(IPython, "get_ipython", lambda: Terminal())
        workbook.show_figures_inline()
