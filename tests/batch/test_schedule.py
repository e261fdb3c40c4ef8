"""Tests for ntmplan.batch.schedule: a province's run waits only for what it reads."""

from __future__ import annotations

from ntmplan.batch.schedule import RunGraph
from ntmplan.batch.tasks import RunTask


def task(code: str, notebook: str) -> RunTask:
    return RunTask(notebook, code, f"/o/{code}", {}, f"{notebook}.ipynb")


NBS = ["01_status", "02_pilots", "03_budget", "04_capacity", "05_data", "06_plan"]


def keys(tasks) -> list[str]:
    return [t.key for t in tasks]


class TestRunGraph:
    def test_03_of_a_province_waits_for_its_own_02_and_04_only(self):
        tasks = [task(c, nb) for c in ("01", "04") for nb in NBS]
        graph = RunGraph(tasks, task("00", "00_national"))
        first = graph.ready()
        # what 03 and then 06 wait on goes first, province by province, then 01 and 05
        assert keys(first) == [
            "01/02_pilots",
            "01/04_capacity",
            "04/02_pilots",
            "04/04_capacity",
            "01/01_status",
            "01/05_data",
            "04/01_status",
            "04/05_data",
        ]
        by = {t.key: t for t in tasks}
        for k in ("01/02_pilots", "01/04_capacity"):
            graph.start(by[k])
            graph.finish(by[k])
        ready = keys(graph.ready())
        # 03 of Hà Nội may start while Cao Bằng's first runs have not even started
        assert ready[:3] == ["04/02_pilots", "04/04_capacity", "01/01_status"]
        assert "01/03_budget" in ready and "04/03_budget" not in ready
        assert "01/06_plan" not in ready and "00/00_national" not in ready

    def test_national_waits_for_every_provincial_run(self):
        tasks = [task("01", "01_status"), task("04", "01_status")]
        national = task("00", "00_national")
        graph = RunGraph(tasks, national)
        graph.finish(tasks[0])
        assert keys(graph.ready()) == ["04/01_status"]
        graph.finish(tasks[1])  # finished, whatever the result
        assert keys(graph.ready()) == ["00/00_national"]
        graph.start(national)
        assert graph.ready() == [] and graph.remaining == 0

    def test_a_reader_without_its_inputs_in_the_batch_is_free(self):
        graph = RunGraph([task("01", "03_budget")])
        assert keys(graph.ready()) == ["01/03_budget"]

    def test_chain_heights(self):
        from ntmplan.batch.schedule import chain_heights

        needs = {"a": set(), "b": {"a"}, "c": {"b"}, "d": {"a"}, "e": set()}
        assert chain_heights(needs) == {"a": 2, "b": 1, "c": 0, "d": 0, "e": 0}
