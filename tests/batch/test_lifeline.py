"""Tests for ntmplan.batch.lifeline: a child dies with its parent, even on kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from ntmplan.batch import lifeline

PARENT = (
    "import os, sys, time\n"
    "from ntmplan.batch.lifeline import bind_to_parent\n"
    "me = os.getpid()\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    bind_to_parent(me)\n"
    "    time.sleep(120)\n"
    "    os._exit(0)\n"
    "print(pid, flush=True)\n"
    "time.sleep(120)\n"
)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux-only")
class TestDieWithParent:
    def test_the_request_is_taken(self):
        assert lifeline.die_with_parent(signal.SIGKILL) is True
        lifeline.die_with_parent(0)  # 0 clears it again for this test process

    def test_child_dies_when_its_parent_is_killed(self):
        parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
        child = int(parent.stdout.readline())
        assert alive(child)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(child)


class TestParentGone:
    def test_own_parent_is_not_gone_another_pid_is(self):
        assert lifeline.parent_gone(os.getppid()) is False
        assert lifeline.parent_gone(os.getppid() + 1) is True
