"""Stored workbooks carry no outputs: strip a notebook before it is saved to ``notebooks/``.

The workbooks in ``notebooks/`` are the only source of the reports; they are stored without
outputs, execution counts or transient metadata, so a planner's edit in JupyterLab shows in the
repository as that edit only. :func:`strip_notebook` is the pure rule; :func:`pre_save_hook` is
the ``FileContentsManager.pre_save_hook`` of the project's Jupyter server
(:mod:`ntmplan.notebook.jupyter_config`) and applies it to :func:`is_project_notebook` files only
(executed copies under ``outputs/`` keep their outputs).
"""

from __future__ import annotations

import copy
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from ntmplan.core.paths import NOTEBOOKS_DIR

#: File names of the stored workbooks (``01_status.ipynb``…), as the batch runner finds them.
WORKBOOK_GLOB = "[0-9][0-9]_*.ipynb"
#: Cell metadata a stored cell keeps (``parameters`` is a tag); everything else is transient
#: (``collapsed``, ``scrolled``, ``execution`` timings, ``jupyter.source_hidden``, ``papermill``…).
CELL_METADATA_KEPT = ("tags",)
#: Notebook metadata a stored notebook keeps; of ``language_info`` only its ``name``
#: (the kernel adds its version, which differs between machines). Widget state is dropped.
NOTEBOOK_METADATA_KEPT = ("kernelspec", "language_info")


def strip_notebook(nb: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of a notebook as it is stored: no outputs, no counts, no transient metadata.

    Parameters
    ----------
    nb : dict
        A notebook in nbformat 4 JSON form (``nbformat.NotebookNode`` or a plain dict, such as
        the ``content`` of a Jupyter contents model).

    Returns
    -------
    dict
        A deep copy (of the same type) in which every code cell has ``outputs == []`` and
        ``execution_count`` None, every cell keeps only :data:`CELL_METADATA_KEPT` metadata,
        and the notebook keeps only :data:`NOTEBOOK_METADATA_KEPT` metadata. Sources, cell ids
        and attachments are unchanged; ``nb`` itself is not modified.

    Raises
    ------
    KeyError
        If ``nb`` has no ``cells`` list.
    """
    out = copy.deepcopy(nb)
    for cell in out["cells"]:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        metadata = cell.get("metadata") or {}
        cell["metadata"] = type(metadata)(
            (k, v) for k, v in metadata.items() if k in CELL_METADATA_KEPT
        )
    metadata = out.get("metadata") or {}
    kept = type(metadata)((k, v) for k, v in metadata.items() if k in NOTEBOOK_METADATA_KEPT)
    info = kept.get("language_info")
    if isinstance(info, dict) and "name" in info:
        kept["language_info"] = type(info)(name=info["name"])
    out["metadata"] = kept
    return out


def is_stripped(nb: dict[str, Any]) -> bool:
    """Tell whether a notebook is already in its stored form (:func:`strip_notebook` is a no-op).

    Parameters
    ----------
    nb : dict
        A notebook in nbformat 4 JSON form.

    Returns
    -------
    bool

    Raises
    ------
    KeyError
        If ``nb`` has no ``cells`` list.
    """
    return strip_notebook(nb) == nb


def is_project_notebook(path: str | Path) -> bool:
    """Tell whether a file is one of the project's stored workbooks, ``notebooks/NN_name.ipynb``.

    Parameters
    ----------
    path : str or Path
        The file's path on disk (absolute, or relative to the project).

    Returns
    -------
    bool
        True for a file named like :data:`WORKBOOK_GLOB` directly in a folder named like the
        project's ``notebooks/`` (a copy of that folder counts; executed notebooks under
        ``outputs/`` and test notebooks do not).
    """
    path = Path(path)
    return path.parent.name == NOTEBOOKS_DIR.name and fnmatch(path.name, WORKBOOK_GLOB)


def pre_save_hook(model: dict, path: str, contents_manager: Any = None, **kwargs: Any) -> None:
    """Strip a workbook's contents model before the Jupyter server writes it (``pre_save_hook``).

    Parameters
    ----------
    model : dict
        The contents model being saved; for a project notebook its ``content`` is replaced by
        :func:`strip_notebook` of it. Other files and notebooks are left alone.
    path : str
        API path of the file, relative to the server's root folder.
    contents_manager : jupyter_server.services.contents.manager.ContentsManager, optional
        The server's contents manager; its ``root_dir`` locates ``path`` on disk.
    **kwargs
        Ignored (the server may pass more in later versions).

    Returns
    -------
    None
        ``model`` is changed in place.
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    root = getattr(contents_manager, "root_dir", "") or ""
    if is_project_notebook(Path(root) / path.lstrip("/")):
        model["content"] = strip_notebook(model["content"])
