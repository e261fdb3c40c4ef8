"""Tests for ntmplan.notebook.strip — the stored form of a workbook and the pre-save hook."""

from __future__ import annotations

import copy
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from ntmplan.notebook import strip


def executed() -> dict:
    """A small notebook as JupyterLab holds it after running: outputs, counts, UI metadata."""
    return {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": 3,
                "id": "c01-00",
                "metadata": {"tags": ["parameters"], "execution": {"iopub.status.busy": "x"}},
                "outputs": [],
                "source": 'province = "01"',
            },
            {
                "cell_type": "markdown",
                "id": "c01-01",
                "metadata": {"jupyter": {"source_hidden": True}},
                "source": "# Tiêu đề ![a](attachment:a.png)",
                "attachments": {"a.png": {"image/png": "iVBORw0KGgo="}},
            },
            {
                "cell_type": "code",
                "execution_count": 4,
                "id": "c01-02",
                "metadata": {"collapsed": False, "scrolled": True},
                "outputs": [{"output_type": "stream", "name": "stdout", "text": "24\n"}],
                "source": "print(province)",
            },
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "version": "3.11.9", "mimetype": "text/x-python"},
            "widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}}},
            "papermill": {"duration": 1.0},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


class TestStripNotebook:
    def test_no_outputs_no_counts(self):
        out = strip.strip_notebook(executed())
        code = [c for c in out["cells"] if c["cell_type"] == "code"]
        assert [c["outputs"] for c in code] == [[], []]
        assert [c["execution_count"] for c in code] == [None, None]

    def test_cells_keep_only_their_tags(self):
        out = strip.strip_notebook(executed())
        assert [c["metadata"] for c in out["cells"]] == [{"tags": ["parameters"]}, {}, {}]

    def test_notebook_keeps_its_kernel_and_language_name(self):
        out = strip.strip_notebook(executed())
        assert out["metadata"] == {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        }

    def test_sources_ids_and_attachments_unchanged(self):
        nb = executed()
        out = strip.strip_notebook(nb)
        for before, after in zip(nb["cells"], out["cells"], strict=True):
            assert after["source"] == before["source"] and after["id"] == before["id"]
        assert out["cells"][1]["attachments"] == nb["cells"][1]["attachments"]
        assert (out["nbformat"], out["nbformat_minor"]) == (4, 5)

    def test_input_not_modified_and_idempotent(self):
        nb = executed()
        kept = copy.deepcopy(nb)
        once = strip.strip_notebook(nb)
        assert nb == kept
        assert strip.strip_notebook(once) == once

    def test_notebook_node_stays_a_valid_notebook_node(self):
        node = nbformat.from_dict(executed())
        out = strip.strip_notebook(node)
        assert isinstance(out, nbformat.NotebookNode)
        assert out.cells[0].metadata.tags == ["parameters"]
        nbformat.validate(out)

    def test_not_a_notebook(self):
        with pytest.raises(KeyError):
            strip.strip_notebook({"metadata": {}})


class TestIsStripped:
    def test_executed_and_stripped(self):
        assert not strip.is_stripped(executed())
        assert strip.is_stripped(strip.strip_notebook(executed()))


class TestIsProjectNotebook:
    @pytest.mark.parametrize(
        "path",
        [
            "notebooks/01_status.ipynb",
            "/x/copy/notebooks/03_budget.ipynb",
            Path("notebooks/00_n.ipynb"),
        ],
    )
    def test_workbooks(self, path):
        assert strip.is_project_notebook(path)

    @pytest.mark.parametrize(
        "path",
        [
            "outputs/24-bac-ninh/01_status.ipynb",  # an executed report keeps its outputs
            "tests/data/notebooks/ok.ipynb",
            "notebooks/Untitled.ipynb",
            "notebooks/01_status.py",
            "01_status.ipynb",
        ],
    )
    def test_other_files(self, path):
        assert not strip.is_project_notebook(path)


class TestPreSaveHook:
    def test_strips_a_workbook(self, tmp_path):
        model = {"type": "notebook", "format": "json", "content": executed()}
        manager = SimpleNamespace(root_dir=str(tmp_path))
        strip.pre_save_hook(model=model, path="notebooks/01_status.ipynb", contents_manager=manager)
        assert model["content"] == strip.strip_notebook(executed())

    def test_api_path_relative_to_the_root(self, tmp_path):
        model = {"type": "notebook", "content": executed()}
        root = tmp_path / "notebooks"  # the server serves the notebooks folder itself
        strip.pre_save_hook(model, "/02_pilots.ipynb", SimpleNamespace(root_dir=str(root)))
        assert strip.is_stripped(model["content"])

    def test_leaves_other_notebooks_and_files_alone(self, tmp_path):
        manager = SimpleNamespace(root_dir=str(tmp_path))
        report = {"type": "notebook", "content": executed()}
        strip.pre_save_hook(report, "outputs/24-bac-ninh/01_status.ipynb", manager)
        assert report["content"] == executed()
        text = {"type": "file", "format": "text", "content": "x"}
        strip.pre_save_hook(text, "notebooks/01_status.ipynb", manager)
        assert text["content"] == "x"

    def test_without_a_contents_manager(self):
        model = {"type": "notebook", "content": executed()}
        strip.pre_save_hook(model, "notebooks/01_status.ipynb")
        assert strip.is_stripped(model["content"])
