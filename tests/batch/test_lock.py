"""Tests for ntmplan.batch.lock: one batch at a time per outputs folder."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from ntmplan import cli
from ntmplan.batch import lock, runner
from ntmplan.core.errors import InputError

HOLDER = (
    "import sys, time\n"
    "from ntmplan.batch.lock import output_lock\n"
    "with output_lock(sys.argv[1]):\n"
    "    print('held', flush=True)\n"
    "    time.sleep(float(sys.argv[2]))\n"
    "    print('releasing', flush=True)\n"
)


def hold(folder, seconds: float) -> subprocess.Popen:
    """Hold the lock on ``folder`` in another process for ``seconds``."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


class TestOutputLock:
    def test_a_second_run_stops_with_a_message_naming_the_first(self, tmp_path):
        proc = hold(tmp_path, 30)
        try:
            with pytest.raises(InputError) as exc:
                with lock.output_lock(tmp_path):
                    pass
            problem = exc.value.problems[0]
            assert problem.column == "--out"
            assert "another run is writing into this outputs folder" in problem.rule_en
            assert f"PID {proc.pid}" in problem.rule_en
            assert "Một lượt chạy khác đang ghi" in problem.rule_vi
        finally:
            proc.kill()
            proc.wait()

    def test_wait_takes_the_lock_once_the_first_run_ends(self, tmp_path):
        proc = hold(tmp_path, 1.5)
        import select

        with lock.output_lock(tmp_path, wait=True):
            # got it only after the holder said it was letting go (the line is already there)
            assert select.select([proc.stdout], [], [], 0)[0]
            assert proc.stdout.readline().strip() == "releasing"
        proc.wait()

    def test_reentrant_in_one_process_and_released_after(self, tmp_path):
        with lock.output_lock(tmp_path):
            with lock.output_lock(tmp_path / "."):
                pass
        proc = hold(tmp_path, 0)  # free again: another process takes it
        proc.wait()

    def test_a_file_in_the_way(self, tmp_path):
        target = tmp_path / "out"
        target.write_text("x", encoding="utf-8")
        with pytest.raises(InputError) as exc:
            with lock.output_lock(target):
                pass
        assert "the outputs folder is a file" in exc.value.problems[0].rule_en
        assert target.read_text(encoding="utf-8") == "x"

    def test_a_folder_nobody_may_create(self):
        # /sys refuses new entries even to root: a real folder that cannot be written
        with pytest.raises(InputError) as exc:
            with lock.output_lock("/sys/ntmplan-test-out"):
                pass
        assert "cannot write into the outputs folder" in exc.value.problems[0].rule_en

    def test_cli_second_run_exits_1_without_traceback(self, tmp_path, capsys, monkeypatch):
        monkeypatch.setattr(runner, "execute_task", lambda t: pytest.fail("kernel started"))
        proc = hold(tmp_path, 30)
        try:
            argv = ["run", "--province", "01", "--notebooks", "01", "--out", str(tmp_path)]
            start = time.monotonic()
            assert cli.main(argv) == 1
            assert time.monotonic() - start < 25  # it stopped, it did not wait
        finally:
            proc.kill()
            proc.wait()
        err = capsys.readouterr().err
        assert "another run is writing into this outputs folder" in err
        assert "Traceback" not in err
