"""Faults that really happen in batch runs: a cell raising, a kernel dying, a worker killed,
an output folder that cannot be written.

Each test causes the fault for real (tiny notebooks in tests/data/notebooks) and
checks that the other runs finish, the summary names each failure with its
reason, a failed run's partial outputs are not taken as a result (no cache
record, no summary merged), and a rerun redoes only what failed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntmplan import cli
from ntmplan.batch import runner

NB_DIR = Path(__file__).parent / "data" / "notebooks"


@pytest.fixture
def test_notebooks(monkeypatch):
    """Point the runner at the tiny test notebooks."""
    monkeypatch.setattr(runner, "notebook_path", lambda nb: NB_DIR / f"{nb}.ipynb")


def by_key(results) -> dict:
    return {(r.province_code, r.notebook): r for r in results}


def statuses(results) -> dict:
    return {k: r.status for k, r in by_key(results).items()}


def cache_record(out: Path, folder: str, notebook: str) -> Path:
    return out / folder / runner.CACHE_DIR / f"{notebook}.json"


@pytest.mark.slow
class TestFaultsInBatchRuns:
    def test_dead_kernel_and_cell_error_after_a_partial_write(self, tmp_path, test_notebooks):
        out = tmp_path / "out"
        # for 04, one notebook's kernel dies (os._exit) and another raises after writing part of
        # its outputs; 01 runs the same notebooks without trouble
        results = runner.run(["01", "04"], ["die", "partial"], out_root=out, jobs=2, progress=False)
        res = by_key(results)
        assert len(results) == 4
        # the other runs finish
        for key in [("01", "die"), ("01", "partial")]:
            assert res[key].status == "ok", res[key].error
        # each failure named with its reason
        assert res[("04", "die")].status == "failed"
        assert "DeadKernelError" in res[("04", "die")].error or "died" in res[("04", "die")].error
        assert res[("04", "partial")].status == "failed"
        assert "RuntimeError: hỏng sau khi đã ghi một phần" in res[("04", "partial")].error
        table = runner.summary_table(results)
        assert "2 lỗi / failed" in table
        for code, nb in [("04", "die"), ("04", "partial")]:
            line = next(ln for ln in table.splitlines() if ln.startswith(code) and f" {nb} " in ln)
            assert "LỖI" in line and res[(code, nb)].error[:40] in line
        # papermill's failed notebook is kept for reading, and the index marks the failure
        assert Path(res[("04", "partial")].ipynb).is_file()
        index = (out / "04-cao-bang" / "index.html").read_text(encoding="utf-8")
        assert "failed after a partial write" in index
        # partial outputs of a failed run are not a result: no cache record, summary not merged
        for nb in ("die", "partial"):
            assert not cache_record(out, "04-cao-bang", nb).exists()
        assert cache_record(out, "01-ha-noi", "partial").is_file()
        assert not (out / "04-cao-bang" / "summary_partial.json").exists()
        assert not (out / "04-cao-bang" / "summary.json").exists()  # every run of 04 failed
        assert json.loads((out / "01-ha-noi" / "summary.json").read_text(encoding="utf-8")) == {
            "partial": {"province": "01"}
        }
        log = {
            (r["province_code"], r["notebook"]): r
            for r in json.loads((out / "run_log.json").read_text(encoding="utf-8"))
        }
        assert log[("04", "partial")]["status"] == "failed"

    def test_stale_summary_of_an_earlier_success_is_not_kept_when_the_rerun_fails(
        self, tmp_path, test_notebooks, monkeypatch
    ):
        out = tmp_path / "out"
        folder = tmp_path / "nbs"
        folder.mkdir()
        partial = (NB_DIR / "partial.ipynb").read_text(encoding="utf-8")
        partial = partial.replace("summary_partial.json", "summary_step.json")
        (folder / "step.ipynb").write_text(
            partial.replace('province == \\"04\\"', "False"), encoding="utf-8"
        )
        monkeypatch.setattr(runner, "notebook_path", lambda nb: folder / f"{nb}.ipynb")
        assert statuses(runner.run(["04"], ["step"], out_root=out, jobs=1, progress=False)) == {
            ("04", "step"): "ok"
        }
        merged = out / "04-cao-bang" / "summary.json"
        assert json.loads(merged.read_text(encoding="utf-8")) == {"step": {"province": "04"}}
        # the notebook changes and now fails before writing anything
        broken = partial.replace('"import json\\n"', '"raise RuntimeError(\\"hỏng / broken\\")\\n"')
        assert broken != partial
        (folder / "step.ipynb").write_text(broken, encoding="utf-8")
        res = by_key(runner.run(["04"], ["step"], out_root=out, jobs=1, progress=False))[
            ("04", "step")
        ]
        assert res.status == "failed" and "broken" in res.error
        assert not (out / "04-cao-bang" / "summary_step.json").exists()
        assert not merged.exists()  # the old figures are not left looking current

    def test_killed_worker_fails_only_its_own_run(self, tmp_path, test_notebooks):
        out = tmp_path / "out"
        results = runner.run(["01", "08"], ["kill_worker"], out_root=out, jobs=2, progress=False)
        res = by_key(results)
        assert statuses(results) == {
            ("01", "kill_worker"): "ok",
            ("08", "kill_worker"): "failed",
        }
        assert res[("08", "kill_worker")].error == runner.WORKER_DIED
        assert "worker process running this notebook died" in runner.summary_table(results)
        assert not cache_record(out, "08-tuyen-quang", "kill_worker").exists()
        assert cache_record(out, "01-ha-noi", "kill_worker").is_file()

    def test_output_folder_that_cannot_be_written(self, tmp_path, test_notebooks):
        out = tmp_path / "out"
        out.mkdir()
        # tests run as root, which ignores permissions: a regular file where the folder belongs
        # cannot be written into by anyone
        blocker = out / "04-cao-bang"
        blocker.write_text("không phải thư mục / not a folder", encoding="utf-8")
        results = runner.run(["01", "04"], ["ok"], out_root=out, jobs=2, progress=False)
        res = by_key(results)
        assert res[("01", "ok")].status == "ok"
        assert res[("04", "ok")].status == "failed"
        assert "04-cao-bang" in res[("04", "ok")].error and "Error" in res[("04", "ok")].error
        assert "04-cao-bang" in runner.summary_table(results)
        assert (out / "index.html").is_file() and (out / "run_log.json").is_file()
        assert (
            blocker.read_text(encoding="utf-8") == "không phải thư mục / not a folder"
        )  # untouched
        # once the folder can be written, a rerun redoes only that run
        blocker.unlink()
        again = statuses(runner.run(["01", "04"], ["ok"], out_root=out, jobs=2, progress=False))
        assert again == {("01", "ok"): "skipped", ("04", "ok"): "ok"}
        assert (out / "04-cao-bang" / "done.txt").read_text() == "04"


class TestOutputsRootIsAFile:
    def test_refused_before_any_kernel(self, tmp_path, test_notebooks, monkeypatch):
        target = tmp_path / "outputs"
        target.write_text("x", encoding="utf-8")
        monkeypatch.setattr(runner, "execute_task", lambda t: pytest.fail("kernel started"))
        with pytest.raises(runner.InputError) as exc:
            runner.run(["01"], ["ok"], out_root=target, progress=False)
        assert exc.value.problems[0].column == "--out"
        assert "the outputs folder is a file" in exc.value.problems[0].rule_en

    def test_cli_exit_1_without_traceback(self, tmp_path, capsys):
        target = tmp_path / "outputs"
        target.write_text("x", encoding="utf-8")
        assert cli.main(["run", "--province", "01", "--notebooks", "01", "--out", str(target)]) == 1
        err = capsys.readouterr().err
        assert "the outputs folder is a file" in err and "Traceback" not in err
        assert target.read_text(encoding="utf-8") == "x"


def _index_text(out: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(out.rglob("index.html")))


@pytest.mark.slow
class TestStoppedRuns:
    """A run stopped by Ctrl+C or ``kill -9``: nothing of it is merged, listed or left running."""

    def _start_slow_batch(self, tmp_path):
        from tests import run_process_helpers as h

        nbs = tmp_path / "nbs"
        h.write_notebook(nbs, "03_budget", h.slow_body("summary_03_budget.json", "budget.xlsx"))
        h.write_notebook(nbs, "01_status", h.slow_body("summary_01_status.json", seconds=0))
        out = tmp_path / "out"
        # three runs on two workers: the kernel fork server is used too
        args = ["run", "--province", "01", "--province", "04", "--province", "08"]
        proc, mark = h.start_run(
            nbs, [*args, "--notebooks", "03", "--out", str(out), "--jobs", "2"]
        )
        started = h.wait_for(
            lambda: len(list(out.glob("*/summary_03_budget.json"))) >= 2 or proc.poll() is not None,
            120,
        )
        assert started and proc.poll() is None, proc.communicate()
        return nbs, out, proc, mark

    def _later_run_of_01(self, nbs, out, monkeypatch):
        monkeypatch.setattr(runner, "notebook_path", lambda nb: nbs / f"{nb}.ipynb")
        results = runner.run(["01"], ["01_status"], out_root=out, jobs=1, progress=False)
        assert statuses(results) == {("01", "01_status"): "ok"}
        merged = json.loads((out / "01-ha-noi" / "summary.json").read_text(encoding="utf-8"))
        assert list(merged) == ["01_status"]  # the interrupted 03 is not merged
        assert "budget.xlsx" not in _index_text(out)
        assert not list(out.rglob(".*.running.ipynb"))

    def test_ctrl_c_stops_cleanly_and_the_unfinished_03_is_never_merged(
        self, tmp_path, monkeypatch
    ):
        import os
        import signal

        from tests import run_process_helpers as h

        nbs, out, proc, mark = self._start_slow_batch(tmp_path)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl+C in a terminal does
        stdout, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 130, stderr
        assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
        assert "interrupted" in stderr
        assert h.wait_for(lambda: not h.marked_processes(mark), 10), h.marked_processes(mark)
        # the unfinished runs' summaries and exports are gone, the log says what happened
        assert not list(out.glob("*/summary_03_budget.json"))
        assert not list(out.glob("*/budget.xlsx"))
        log = json.loads((out / "run_log.json").read_text(encoding="utf-8"))
        assert {r["status"] for r in log} == {"failed"}
        assert all("interrupted" in r["error"] for r in log)
        self._later_run_of_01(nbs, out, monkeypatch)

    def test_kill_9_of_the_runner_leaves_no_process_and_nothing_listed(self, tmp_path, monkeypatch):
        import os
        import signal

        from tests import run_process_helpers as h

        nbs, out, proc, mark = self._start_slow_batch(tmp_path)
        assert len(h.marked_processes(mark)) >= 4  # runner, server, workers, kernels
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
        assert h.wait_for(lambda: not h.marked_processes(mark), 10), h.marked_processes(mark)
        # nothing was listed: no run log or index of the killed batch, and the next run
        # (the lock went with the killed runner) neither merges nor lists what it left
        assert not (out / "run_log.json").exists()
        assert not (out / "index.html").exists()
        self._later_run_of_01(nbs, out, monkeypatch)


@pytest.mark.slow
class TestFailedRerunSupersedes:
    def test_a_failed_rerun_of_02_lists_no_old_exports(self, tmp_path, monkeypatch):
        from tests import run_process_helpers as h

        nbs = tmp_path / "nbs"
        body = h.slow_body("summary_02_pilots.json", "pilots.xlsx", seconds=0)
        h.write_notebook(nbs, "02_pilots", body)
        monkeypatch.setattr(runner, "notebook_path", lambda nb: nbs / f"{nb}.ipynb")
        out = tmp_path / "out"
        first = runner.run(["04"], ["02_pilots"], out_root=out, jobs=1, progress=False)
        assert statuses(first) == {("04", "02_pilots"): "ok"}
        folder = out / "04-cao-bang"
        assert "pilots.xlsx" in (folder / "index.html").read_text(encoding="utf-8")
        h.write_notebook(nbs, "02_pilots", "raise RuntimeError('hỏng / broken')")
        again = runner.run(["04"], ["02_pilots"], out_root=out, jobs=1, progress=False)
        assert statuses(again) == {("04", "02_pilots"): "failed"}
        assert not (folder / "pilots.xlsx").exists()  # superseded: removed
        assert "pilots.xlsx" not in (folder / "index.html").read_text(encoding="utf-8")
        assert not (folder / "summary.json").exists()


class TestOutputsFolderChecks:
    def test_a_folder_that_cannot_be_written_is_refused_before_any_kernel(
        self, tmp_path, capsys, monkeypatch
    ):
        import errno

        from ntmplan.batch import lock

        monkeypatch.setattr(runner, "execute_task", lambda t: pytest.fail("kernel started"))

        def read_only(*_a, **_k):
            raise OSError(errno.EROFS, "Read-only file system")

        monkeypatch.setattr(lock.os, "open", read_only)
        code = cli.main(
            ["run", "--province", "01", "--notebooks", "01", "--out", str(tmp_path / "ro")]
        )
        err = capsys.readouterr().err
        assert code == 1
        assert "cannot write into the outputs folder (Read-only file system)" in err
        assert "Không ghi được vào thư mục kết quả" in err and "Traceback" not in err

    def test_national_alone_on_an_empty_folder_says_what_to_run_first(
        self, tmp_path, capsys, monkeypatch
    ):
        monkeypatch.setattr(runner, "execute_task", lambda t: pytest.fail("kernel started"))
        argv = ["run", "--province", "24", "--notebooks", "00", "--out", str(tmp_path / "o")]
        assert cli.main(argv) == 1
        err = capsys.readouterr().err
        assert "holds no province results for the national roll-up" in err
        assert "UFuncTypeError" not in err and "Traceback" not in err
