"""Tests for ntmplan.notebook.jupyter_config — a planner's edit saved in JupyterLab reaches the
repository without outputs, and the repository stays consistent.

The save goes through jupyter_server's own ``FileContentsManager`` configured with the project's
configuration file, as ``make lab`` runs it (``--config``), on a copy of ``notebooks/``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jupyter_server.services.contents.filemanager import FileContentsManager
from traitlets.config import Config

from ntmplan.core import paths
from ntmplan.notebook import jupyter_config, strip
from tests.notebook.notebook_checks import ruff, stored_problems

NOTEBOOK = "03_budget.ipynb"


@pytest.fixture
def manager(tmp_path):
    """The project's contents manager on a copy of ``notebooks/`` (the server's root)."""
    root = tmp_path / "notebooks"
    shutil.copytree(paths.NOTEBOOKS_DIR, root)
    config = Config(jupyter_config.server_config())
    data = tmp_path / "jupyter-data"  # trust signatures and their secret: not the user's
    data.mkdir()
    config.NotebookNotary.data_dir = str(data)
    return FileContentsManager(config=config, root_dir=str(root))


def read(manager: FileContentsManager, path: str = NOTEBOOK) -> dict:
    """The notebook file as saved on disk."""
    return json.loads((Path(manager.root_dir) / path).read_text(encoding="utf-8"))


def as_lab_sends(model: dict) -> dict:
    """The contents model JupyterLab sends back: plain JSON, and what the kernel filled in."""
    content = json.loads(json.dumps(model["content"]))
    content["metadata"]["language_info"] = {
        "name": "python",
        "version": "3.11.9",
        "mimetype": "text/x-python",
        "codemirror_mode": {"name": "ipython", "version": 3},
    }
    content["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    return {"type": "notebook", "format": "json", "content": content}


class TestConfigFile:
    def test_sets_the_strip_hook(self):
        config = jupyter_config.server_config()
        hook = config["FileContentsManager"]["pre_save_hook"]
        assert hook == "ntmplan.notebook.strip.pre_save_hook"
        manager = FileContentsManager(config=Config(config), root_dir=str(paths.NOTEBOOKS_DIR))
        assert manager.pre_save_hook is strip.pre_save_hook

    def test_lab_options_name_the_file(self):
        assert jupyter_config.lab_options() == [f"--config={jupyter_config.CONFIG_FILE}"]
        assert jupyter_config.CONFIG_FILE.is_file()

    def test_missing_file(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            jupyter_config.server_config(tmp_path / "none.json")


class TestSaveAsJupyterLab:
    def test_planner_edit_is_saved_without_outputs(self, manager):
        model = as_lab_sends(manager.get(NOTEBOOK, content=True))
        cells = model["content"]["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        edited = code[2]
        edited["source"] += '\nprint("đã sửa / edited")'
        edited["execution_count"] = 12
        edited["outputs"] = [
            {"output_type": "stream", "name": "stdout", "text": "đã sửa / edited\n"}
        ]
        code[1]["execution_count"] = 11
        code[1]["outputs"] = [
            {
                "output_type": "display_data",
                "data": {"text/plain": "<Figure>", "image/png": "iVBORw0KGgo="},
                "metadata": {},
            }
        ]
        code[1]["metadata"]["scrolled"] = True
        manager.save(model, NOTEBOOK)

        on_disk = Path(manager.root_dir) / NOTEBOOK
        saved = read(manager)
        saved_cell = next(c for c in saved["cells"] if c["id"] == edited["id"])
        assert "".join(saved_cell["source"]).endswith(
            'print("đã sửa / edited")'
        )  # the edit is kept
        assert all(
            c.get("outputs", []) == [] and c.get("execution_count") is None for c in saved["cells"]
        )
        assert saved["metadata"]["language_info"] == {"name": "python"}
        assert "widgets" not in saved["metadata"]
        assert stored_problems(on_disk) == []
        assert strip.is_stripped(saved)
        proc = ruff("check", notebook=on_disk)  # as notebooks/03_budget.ipynb in the repository
        assert proc.returncode == 0, proc.stdout + proc.stderr

    def test_only_the_edited_cell_changes(self, manager):
        before = json.loads((paths.NOTEBOOKS_DIR / NOTEBOOK).read_text(encoding="utf-8"))
        model = as_lab_sends(manager.get(NOTEBOOK, content=True))
        cells = model["content"]["cells"]
        title = next(i for i, c in enumerate(cells) if c["cell_type"] == "markdown")
        code = next(i for i, c in enumerate(cells) if i and c["cell_type"] == "code")
        cells[title]["source"] += "\n\nGhi chú của tỉnh."
        cells[code]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x\n"}]
        manager.save(model, NOTEBOOK)
        after = read(manager)
        changed = [a["id"] for a, b in zip(after["cells"], before["cells"], strict=True) if a != b]
        assert changed == [before["cells"][title]["id"]]
        assert after["metadata"] == before["metadata"]

    def test_saving_without_an_edit_keeps_the_bytes(self, manager):
        original = (paths.NOTEBOOKS_DIR / NOTEBOOK).read_bytes()
        manager.save(as_lab_sends(manager.get(NOTEBOOK, content=True)), NOTEBOOK)
        assert (Path(manager.root_dir) / NOTEBOOK).read_bytes() == original

    def test_other_notebooks_keep_their_outputs(self, manager):
        model = as_lab_sends(manager.get(NOTEBOOK, content=True))
        model["content"]["cells"][2]["outputs"] = [
            {"output_type": "stream", "name": "stdout", "text": "x\n"}
        ]
        manager.new_untitled(type="directory")  # "Untitled Folder": not notebooks/
        manager.save(model, "Untitled Folder/03_budget.ipynb")
        saved = read(manager, "Untitled Folder/03_budget.ipynb")
        assert saved["cells"][2]["outputs"] != []
