"""Tests for ntmplan.batch.tasks: the runs of a batch and the phases they run in."""

from __future__ import annotations

from pathlib import Path

from ntmplan.batch import tasks
from ntmplan.core import catalogue, paths


def _ids(planned):
    return [[(t.province_code, t.notebook) for t in phase] for phase in planned]


class TestPhases:
    def test_readers_run_after_what_they_read_and_the_national_roll_up_last(self, tmp_path):
        built = tasks.build_tasks(["01", "24"], list(catalogue.PROVINCIAL_IDS), tmp_path)
        national = tasks.national_task(tmp_path)
        planned = tasks.phases(built, national)
        assert [sorted({t.notebook for t in p}) for p in planned] == [
            ["01_status", "02_pilots", "04_capacity", "05_data"],
            ["03_budget"],
            ["06_plan", "07_progress"],
            ["00_national"],
        ]
        assert _ids(planned)[0][:4] == [
            ("01", "01_status"),
            ("01", "02_pilots"),
            ("01", "04_capacity"),
            ("01", "05_data"),
        ]  # province by province, in the order given

    def test_unknown_notebooks_read_nothing_and_empty_phases_are_dropped(self, tmp_path):
        built = tasks.build_tasks(["01"], ["06_plan", "ok", "01_status"], tmp_path)
        assert _ids(tasks.phases(built)) == [
            [("01", "ok"), ("01", "01_status")],
            [("01", "06_plan")],
        ]

    def test_reads_follow_the_catalogue(self):
        assert tasks.reads("03_budget") == ("02_pilots", "04_capacity")
        assert tasks.reads("01_status") == () and tasks.reads("ok") == ()


class TestBuildTasks:
    def test_parameters_and_folders(self, tmp_path):
        (task,) = tasks.build_tasks(["04"], ["01_status"], tmp_path, "p.yaml", "d.csv")
        assert Path(task.out_dir) == tmp_path / "04-cao-bang"
        assert task.parameters == {
            "province": "04",
            "params_file": "p.yaml",
            "data_file": "d.csv",
            "output_dir": str(tmp_path / "04-cao-bang"),
            "interactive": False,
        }
        assert task.notebook_path == str(paths.NOTEBOOKS_DIR / "01_status.ipynb")
        assert task.key == "04/01_status"

    def test_the_national_notebook_is_not_a_provincial_task(self, tmp_path):
        assert tasks.build_tasks(["04"], [tasks.NATIONAL_NOTEBOOK], tmp_path) == []

    def test_national_task(self, tmp_path):
        task = tasks.national_task(tmp_path, locate=lambda nb: Path(f"/x/{nb}.ipynb"))
        assert task.out_dir == str(tmp_path / paths.NATIONAL_DIR)
        assert task.province_code == "00" and task.notebook_path == "/x/00_national.ipynb"
        assert task.parameters["outputs_root"] == str(tmp_path)

    def test_available_notebooks_are_the_catalogue(self):
        assert set(tasks.available_notebooks()) == set(catalogue.BY_ID)
