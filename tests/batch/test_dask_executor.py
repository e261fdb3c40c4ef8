"""The --scheduler path says what to install when the optional Dask extra is missing."""

from __future__ import annotations

import sys

import pytest

from ntmplan.batch.dask_executor import dask_executor_factory, require_distributed
from ntmplan.core.errors import InputError


class TestRequireDistributed:
    def test_missing_package_is_a_located_input_error(self, monkeypatch):
        monkeypatch.setitem(sys.modules, "distributed", None)  # import now raises ImportError
        with pytest.raises(InputError) as err:
            dask_executor_factory("tcp://10.0.0.5:8786")
        (problem,) = err.value.problems
        assert problem.column == "--scheduler" and problem.value == "tcp://10.0.0.5:8786"
        assert "ntmplan[dask]" in problem.rule_vi and "ntmplan[dask]" in problem.rule_en

    def test_installed_package_gives_its_client(self):
        distributed = pytest.importorskip("distributed")
        assert require_distributed("tcp://x:1") is distributed.Client


def test_cli_run_with_scheduler_but_no_distributed_exits_1_without_traceback(
    monkeypatch, capsys, tmp_path
):
    from ntmplan import cli

    monkeypatch.setitem(sys.modules, "distributed", None)
    code = cli.main(
        ["run", "--province", "01", "--notebooks", "01", "--scheduler", "tcp://127.0.0.1:1"]
        + ["--out", str(tmp_path / "out")]
    )
    text = capsys.readouterr()
    assert code == 1
    assert "ntmplan[dask]" in text.out + text.err and "Traceback" not in text.out + text.err
