"""The village file beside a CSV survey is part of a run's cache key."""

from __future__ import annotations

from ntmplan.batch import cache_key, tasks
from ntmplan.core import paths


def test_village_file_beside_a_csv_survey_enters_the_key(tmp_path):
    data = tmp_path / "khao_sat.csv"
    data.write_bytes(paths.SAMPLE_SURVEY.read_bytes())
    task = tasks.build_tasks(["42"], ["02_pilots"], tmp_path / "out", data_file=str(data))[0]
    without = cache_key.task_key(task, "c")
    beside = tmp_path / "khao_sat_thon.csv"
    beside.write_text("a\n", encoding="utf-8")
    first = cache_key.task_key(task, "c")
    beside.write_text("b\n", encoding="utf-8")
    second = cache_key.task_key(task, "c")
    assert len({without, first, second}) == 3
