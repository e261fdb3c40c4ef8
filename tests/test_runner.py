"""Tests for ntmplan.batch.runner: parameter checks, failure isolation, summaries, index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntmplan.batch import runner
from ntmplan.core.errors import InputError

NB_DIR = Path(__file__).parent / "data" / "notebooks"


@pytest.fixture
def fake_notebooks(monkeypatch):
    """Point the runner at the tiny test notebooks (ok / fail / die)."""
    monkeypatch.setattr(runner, "notebook_path", lambda nb: NB_DIR / f"{nb}.ipynb")


class TestCheckParameters:
    def test_matching_parameters_pass(self):
        params = {
            "province": "01",
            "params_file": "",
            "data_file": "",
            "output_dir": "/tmp/x",
            "interactive": False,
        }
        assert runner.check_parameters(NB_DIR / "ok.ipynb", params) == []

    def test_misspelt_name_is_an_error(self):
        problems = runner.check_parameters(NB_DIR / "ok.ipynb", {"provnce": "01"})
        assert [p.column for p in problems] == ["provnce"]
        assert "unknown notebook parameter" in problems[0].rule_en

    def test_wrong_type_is_an_error(self):
        problems = runner.check_parameters(
            NB_DIR / "ok.ipynb", {"interactive": "no", "province": 1}
        )
        assert sorted(p.column for p in problems) == ["interactive", "province"]


@pytest.mark.slow
class TestRun:
    def test_failure_is_isolated_and_reported(self, tmp_path, fake_notebooks):
        results = runner.run(
            ["01", "24"], ["ok", "fail"], out_root=tmp_path, jobs=2, progress=False
        )
        by = {(r.province_code, r.notebook): r for r in results}
        assert len(results) == 4
        assert by[("01", "ok")].status == "ok" and by[("24", "ok")].status == "ok"
        for code in ("01", "24"):
            failed = by[(code, "fail")]
            assert failed.status == "failed"
            assert "deliberate failure" in failed.error
            assert Path(failed.ipynb).is_file()  # papermill's error notebook kept
        assert (tmp_path / "01-ha-noi" / "done.txt").read_text() == "01"
        html = (tmp_path / "01-ha-noi" / "ok.html").read_text(encoding="utf-8")
        assert "xong 01" in html and "pathlib" not in html  # output shown, code hidden
        index = (tmp_path / "index.html").read_text(encoding="utf-8")
        assert "01-ha-noi/index.html" in index
        summary = runner.summary_table(results)
        assert "2 lỗi / failed" in summary

    def test_dead_kernel_is_a_failed_run_not_a_crash(self, tmp_path, fake_notebooks):
        results = runner.run(["01", "04"], ["die"], out_root=tmp_path, jobs=2, progress=False)
        by = {r.province_code: r for r in results}
        assert by["01"].status == "ok"
        assert by["04"].status == "failed" and by["04"].error

    def test_unknown_parameter_stops_before_any_kernel(self, tmp_path, fake_notebooks, monkeypatch):
        monkeypatch.setattr(runner, "execute_task", lambda t: pytest.fail("kernel started"))
        with pytest.raises(InputError):
            runner.run(["01"], ["missing_notebook"], out_root=tmp_path, progress=False)


class TestMergeSummaries:
    def test_merges_per_notebook_files(self, tmp_path):
        (tmp_path / "summary_01_status.json").write_text(json.dumps({"a": 1}), encoding="utf-8")
        (tmp_path / "summary_02_pilots.json").write_text(json.dumps({"b": 2}), encoding="utf-8")
        merged = json.loads(runner.merge_summaries(tmp_path).read_text(encoding="utf-8"))
        assert merged == {"01_status": {"a": 1}, "02_pilots": {"b": 2}}

    def test_nothing_to_merge(self, tmp_path):
        assert runner.merge_summaries(tmp_path) is None


@pytest.fixture
def nb_copy(tmp_path, monkeypatch):
    """Copies of the test notebooks in a temp folder the runner is pointed at."""
    folder = tmp_path / "nbs"
    folder.mkdir()
    for name in ("ok", "fail"):
        (folder / f"{name}.ipynb").write_bytes((NB_DIR / f"{name}.ipynb").read_bytes())
    (folder / "ok2.ipynb").write_bytes((NB_DIR / "ok.ipynb").read_bytes())
    monkeypatch.setattr(runner, "notebook_path", lambda nb: folder / f"{nb}.ipynb")
    return folder


def statuses(results):
    return {(r.province_code, r.notebook): r.status for r in results}


@pytest.mark.slow
class TestIncrementalRuns:
    def test_unchanged_inputs_skip_and_each_change_reruns_only_its_runs(
        self, tmp_path, nb_copy, monkeypatch
    ):
        out = tmp_path / "out"
        first = runner.run(["01", "24"], ["ok", "ok2"], out_root=out, jobs=2, progress=False)
        assert set(statuses(first).values()) == {"ok"}
        again = runner.run(["01", "24"], ["ok", "ok2"], out_root=out, jobs=2, progress=False)
        assert set(statuses(again).values()) == {"skipped"}

        # notebook file changed → only that notebook reruns, for every province
        nb = nb_copy / "ok2.ipynb"
        nb.write_text(nb.read_text(encoding="utf-8").replace("xong", "xong!"), encoding="utf-8")
        res = statuses(
            runner.run(["01", "24"], ["ok", "ok2"], out_root=out, jobs=2, progress=False)
        )
        assert res == {
            ("01", "ok"): "skipped",
            ("24", "ok"): "skipped",
            ("01", "ok2"): "ok",
            ("24", "ok2"): "ok",
        }

        # a province overlay changed → only that province reruns
        overlays = tmp_path / "provinces"
        overlays.mkdir()
        monkeypatch.setattr(runner.paths, "PROVINCE_PARAMS_DIR", overlays)
        res = statuses(
            runner.run(["01", "24"], ["ok", "ok2"], out_root=out, jobs=2, progress=False)
        )
        assert set(res.values()) == {"skipped"}  # an empty overlay folder changes nothing
        (overlays / "24-bac-ninh.yaml").write_text(
            "programme:\n  end_year: 2026\n", encoding="utf-8"
        )
        res = statuses(
            runner.run(["01", "24"], ["ok", "ok2"], out_root=out, jobs=2, progress=False)
        )
        assert res == {
            ("01", "ok"): "skipped",
            ("01", "ok2"): "skipped",
            ("24", "ok"): "ok",
            ("24", "ok2"): "ok",
        }

        # the library source or a key package changed → everything reruns
        monkeypatch.setattr(runner, "source_fingerprint", lambda: "changed")
        res = statuses(runner.run(["01"], ["ok"], out_root=out, jobs=1, progress=False))
        assert res == {("01", "ok"): "ok"}

    def test_data_file_change_reruns(self, tmp_path, nb_copy):
        out = tmp_path / "out"
        data = tmp_path / "survey.csv"
        data.write_text("a\n1\n", encoding="utf-8")
        runner.run(["01"], ["ok"], out_root=out, data_file=str(data), progress=False, jobs=1)
        assert statuses(
            runner.run(["01"], ["ok"], out_root=out, data_file=str(data), progress=False, jobs=1)
        ) == {("01", "ok"): "skipped"}
        data.write_text("a\n2\n", encoding="utf-8")
        assert statuses(
            runner.run(["01"], ["ok"], out_root=out, data_file=str(data), progress=False, jobs=1)
        ) == {("01", "ok"): "ok"}

    def test_force_and_missing_outputs_and_interrupted_runs_rerun(self, tmp_path, nb_copy):
        out = tmp_path / "out"
        runner.run(["01"], ["ok"], out_root=out, progress=False, jobs=1)
        assert statuses(
            runner.run(["01"], ["ok"], out_root=out, progress=False, jobs=1, force=True)
        ) == {("01", "ok"): "ok"}
        (out / "01-ha-noi" / "ok.html").unlink()  # an output went missing
        assert statuses(runner.run(["01"], ["ok"], out_root=out, progress=False, jobs=1)) == {
            ("01", "ok"): "ok"
        }
        # an interrupted run leaves no cache record: it is rerun, never taken as finished
        (out / "01-ha-noi" / ".cache" / "ok.json").unlink()
        assert statuses(runner.run(["01"], ["ok"], out_root=out, progress=False, jobs=1)) == {
            ("01", "ok"): "ok"
        }

    def test_failed_runs_are_redone_and_only_they(self, tmp_path, nb_copy):
        out = tmp_path / "out"
        runner.run(["01"], ["ok", "fail"], out_root=out, progress=False, jobs=2)
        res = statuses(runner.run(["01"], ["ok", "fail"], out_root=out, progress=False, jobs=2))
        assert res == {("01", "ok"): "skipped", ("01", "fail"): "failed"}


class TestTaskKey:
    def test_dependent_notebook_key_follows_upstream_summaries(self, tmp_path):
        task = runner.build_tasks(["01"], ["03_budget"], tmp_path)[0]
        folder = Path(task.out_dir)
        folder.mkdir(parents=True)
        k0 = runner.task_key(task, "c")
        (folder / "summary_02_pilots.json").write_text("{}", encoding="utf-8")
        k1 = runner.task_key(task, "c")
        (folder / "summary_01_status.json").write_text("{}", encoding="utf-8")  # not read by 03
        k2 = runner.task_key(task, "c")
        assert k0 != k1 and k1 == k2


@pytest.mark.slow
class TestDaskScheduler:
    def test_runs_on_a_local_cluster_of_two_worker_processes(self, tmp_path, nb_copy):
        distributed = pytest.importorskip("distributed")
        with distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster:
            results = runner.run(
                ["01", "24"],
                ["ok", "fail"],
                out_root=tmp_path,
                progress=False,
                scheduler=cluster.scheduler_address,
            )
        by = {(r.province_code, r.notebook): r for r in results}
        assert {k: r.status for k, r in by.items()} == {
            ("01", "ok"): "ok",
            ("24", "ok"): "ok",
            ("01", "fail"): "failed",
            ("24", "fail"): "failed",
        }
        assert "deliberate failure" in by[("24", "fail")].error
        assert (tmp_path / "24-bac-ninh" / "done.txt").read_text() == "24"
        assert (tmp_path / "01-ha-noi" / "ok.html").is_file()


class TestDeclaredParameters:
    def test_reads_names_and_literal_types_without_a_kernel(self):
        assert runner.declared_parameters(NB_DIR / "ok.ipynb") == {
            "province": "str",
            "params_file": "str",
            "data_file": "str",
            "output_dir": "str",
            "interactive": "bool",
        }

    def test_notebook_without_parameters_cell(self, tmp_path):
        nb = tmp_path / "x.ipynb"
        nb.write_text(
            '{"cells": [{"cell_type": "code", "metadata": {}, "source": "a = 1"}]}',
            encoding="utf-8",
        )
        assert runner.declared_parameters(nb) == {}
        assert "no 'parameters' cell" in runner.check_parameters(nb, {"a": 1})[0].rule_en


class TestSourceFingerprint:
    def test_command_line_changes_do_not_rerun_notebooks(self, monkeypatch, tmp_path):
        lib = tmp_path / "ntmplan"
        lib.mkdir()
        for name in ("status.py", "cli.py"):
            (lib / name).write_text("x = 1\n", encoding="utf-8")
        monkeypatch.setattr(runner, "__file__", str(lib / "runner.py"))
        before = runner.source_fingerprint()
        (lib / "cli.py").write_text("x = 2\n", encoding="utf-8")
        assert runner.source_fingerprint() == before
        (lib / "status.py").write_text("x = 2\n", encoding="utf-8")
        assert runner.source_fingerprint() != before


class TestKernelRetry:
    def test_kernel_failure_is_retried_once_and_cell_errors_never(self, tmp_path):
        from papermill.exceptions import PapermillExecutionError

        calls = []

        class FlakyKernel:
            @staticmethod
            def execute_notebook(*args, **kwargs):
                calls.append(1)
                if len(calls) == 1:
                    raise RuntimeError("Address already in use")

        task = runner.build_tasks(["01"], ["ok"], tmp_path)[0]
        runner._execute_with_retry(FlakyKernel, task, tmp_path / "x.ipynb")
        assert len(calls) == 2

        class CellError:
            @staticmethod
            def execute_notebook(*args, **kwargs):
                calls.append(1)
                raise PapermillExecutionError(0, 1, "ValueError", "bad", "ValueError", [])

        calls.clear()
        with pytest.raises(PapermillExecutionError):
            runner._execute_with_retry(CellError, task, tmp_path / "x.ipynb")
        assert len(calls) == 1


class TestUseForkServer:
    @pytest.mark.parametrize(
        ("fork", "scheduler", "runs", "jobs", "expected"),
        [
            (True, None, 3, 2, True),  # a worker runs two notebooks: worth the server
            (True, None, 2, 2, False),  # one notebook per worker: fresh kernels are quicker
            (True, None, 1, 1, False),
            (True, None, 2, 1, True),
            (False, None, 200, 2, False),  # --fresh-kernels
            (True, "tcp://10.0.0.5:8786", 200, 2, False),  # Dask workers may be elsewhere
        ],
    )
    def test_decision(self, fork, scheduler, runs, jobs, expected):
        assert runner.use_fork_server(fork, scheduler, runs, jobs) is expected

    def test_server_is_not_part_of_the_cache_key(self, tmp_path):
        import dataclasses

        task = runner.build_tasks(["24"], ["02_pilots"], tmp_path)[0]
        other = dataclasses.replace(task, kernel_server="123:/tmp/x.sock")
        common = runner.source_fingerprint()
        assert runner.task_key(task, common) == runner.task_key(other, common)


@pytest.mark.slow
class TestForkedKernelsInBatches:
    def test_forked_and_fresh_kernels_export_identical_files(self, tmp_path, monkeypatch):
        """Real notebooks for one province, with and without the fork server: same bytes."""
        from ntmplan.batch import forkserver

        started = []
        real = forkserver.kernel_server

        def spy():
            started.append(1)
            return real()

        monkeypatch.setattr(forkserver, "kernel_server", spy)
        nbs = ["01_status", "02_pilots", "06_plan"]
        forked = runner.run(["24"], nbs, out_root=tmp_path / "fork", jobs=1, progress=False)
        assert started == [1]
        fresh = runner.run(
            ["24"], nbs, out_root=tmp_path / "fresh", jobs=1, progress=False, fork_kernels=False
        )
        assert started == [1]
        assert {r.status for r in forked + fresh} == {"ok"}

        def files(root: Path) -> dict[str, bytes]:
            folder = root / "24-bac-ninh"
            return {
                str(p.relative_to(folder)): p.read_bytes()
                for p in sorted(folder.rglob("*"))
                if p.is_file() and p.suffix not in (".ipynb",) and ".cache" not in p.parts
            }

        a, b = files(tmp_path / "fork"), files(tmp_path / "fresh")
        assert set(a) == set(b)
        assert any(name.endswith(".png") for name in a) and "ke_hoach_bac-ninh.docx" in a
        assert [n for n in a if a[n] != b[n]] == []

    def test_a_batch_of_one_run_per_worker_starts_no_server(self, tmp_path, fake_notebooks):
        from ntmplan.batch import forkserver

        def boom():
            raise AssertionError("no server expected")

        orig = forkserver.kernel_server
        forkserver.kernel_server = boom
        try:
            results = runner.run(["01"], ["ok"], out_root=tmp_path, jobs=2, progress=False)
        finally:
            forkserver.kernel_server = orig
        assert [r.status for r in results] == ["ok"]
