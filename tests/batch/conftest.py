"""Fixtures of the batch tests: the tiny test notebooks (ok / fail / die …) and copies of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntmplan.batch import runner

NB_DIR = Path(__file__).resolve().parents[1] / "data" / "notebooks"


@pytest.fixture
def fake_notebooks(monkeypatch):
    """Point the runner at the tiny test notebooks (ok / fail / die)."""
    monkeypatch.setattr(runner, "notebook_path", lambda nb: NB_DIR / f"{nb}.ipynb")


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
    """Return ``{(province, notebook): status}`` of a batch's results."""
    return {(r.province_code, r.notebook): r.status for r in results}
