"""Tests for ntmplan.batch.execute: one run, and the retry of a kernel that failed to start."""

from __future__ import annotations

import pytest

from ntmplan.batch import execute, tasks


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

        task = tasks.build_tasks(["01"], ["ok"], tmp_path)[0]
        execute.execute_with_retry(FlakyKernel, task, tmp_path / "x.ipynb")
        assert len(calls) == 2

        class CellError:
            @staticmethod
            def execute_notebook(*args, **kwargs):
                calls.append(1)
                raise PapermillExecutionError(0, 1, "ValueError", "bad", "ValueError", [])

        calls.clear()
        with pytest.raises(PapermillExecutionError):
            execute.execute_with_retry(CellError, task, tmp_path / "x.ipynb")
        assert len(calls) == 1

    def test_the_first_attempt_forks_from_the_server_and_the_retry_does_not(self, tmp_path):
        import dataclasses

        managers = []

        class FlakyKernel:
            @staticmethod
            def execute_notebook(*args, **kwargs):
                managers.append(kwargs.get("kernel_manager_class"))
                if len(managers) == 1:
                    raise RuntimeError("kernel died")

        task = tasks.build_tasks(["01"], ["ok"], tmp_path)[0]
        task = dataclasses.replace(task, kernel_server="123:/tmp/x.sock")
        execute.execute_with_retry(FlakyKernel, task, tmp_path / "x.ipynb")
        assert managers[0] is not None and managers[1] is None
        assert managers[0].kernel_server.default_value == "123:/tmp/x.sock"


class TestExecutedNotebookKeepsNoRawHtml:
    def test_a_params_label_with_a_script_is_stored_as_text(self, tmp_path, monkeypatch):
        import nbformat
        import papermill

        label = '<script>alert("x")</script><img src=x onerror=alert(1)>'

        def fake_execute(source, target, **kwargs):  # what 02 displays: "**{label_vi}**"
            nb = nbformat.v4.new_notebook()
            cell = nbformat.v4.new_code_cell("display(Markdown(f'**{label}**'))")
            cell.outputs = [
                nbformat.v4.new_output(
                    "display_data", data={"text/markdown": f"**{label}**", "text/plain": "x"}
                )
            ]
            nb.cells = [cell]
            nbformat.write(nb, target)

        monkeypatch.setattr(papermill, "execute_notebook", fake_execute)
        task = tasks.build_tasks(["01"], ["02_pilots"], tmp_path)[0]
        result = execute.execute_task(task)
        stored = (tmp_path / "01-ha-noi" / "02_pilots.ipynb").read_text(encoding="utf-8")
        assert result.ipynb and "<script" not in stored and "<img" not in stored
        md = nbformat.reads(stored, as_version=4).cells[0].outputs[0]["data"]["text/markdown"]
        assert md == '**&lt;script>alert("x")&lt;/script>&lt;img src=x onerror=alert(1)>**'
