"""Tests for ntmplan.batch.runner: failure isolation, incremental runs, schedulers, fork server use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntmplan.batch import kernel_server, runner
from ntmplan.core.errors import InputError
from tests.batch.conftest import statuses


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


@pytest.mark.slow
class TestForkedKernelsInBatches:
    def test_forked_and_fresh_kernels_export_identical_files(self, tmp_path, monkeypatch):
        """Real notebooks for one province, with and without the fork server: same bytes."""
        started = []
        real = kernel_server.kernel_server

        def spy(env=None):
            started.append(env)
            return real(env=env)

        monkeypatch.setattr(kernel_server, "kernel_server", spy)
        nbs = ["01_status", "02_pilots", "06_plan"]
        forked = runner.run(["24"], nbs, out_root=tmp_path / "fork", jobs=1, progress=False)
        [env] = started  # the server is told the batch's survey and cache folder
        assert json.loads(env["NTMPLAN_PRELOAD_SURVEYS"])["province"] == "24"
        assert env["NTMPLAN_CACHE_DIR"] == str(tmp_path / "fork" / ".cache")
        fresh = runner.run(
            ["24"], nbs, out_root=tmp_path / "fresh", jobs=1, progress=False, fork_kernels=False
        )
        assert len(started) == 1  # the fresh batch started no server
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
        def boom():
            raise AssertionError("no server expected")

        orig = kernel_server.kernel_server
        kernel_server.kernel_server = boom
        try:
            results = runner.run(["01"], ["ok"], out_root=tmp_path, jobs=2, progress=False)
        finally:
            kernel_server.kernel_server = orig
        assert [r.status for r in results] == ["ok"]
