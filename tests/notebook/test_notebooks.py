"""Notebook-level tests: nbval executes 01 for two provinces; the batch runner produces
every report and export for one province end to end (both slow)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ntmplan.batch import runner
from ntmplan.core import catalogue, paths


def _parameterize(nb_name: str, folder: Path, **params) -> Path:
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = load_notebook_node(str(paths.NOTEBOOKS_DIR / f"{nb_name}.ipynb"))
    nb = parameterize_notebook(nb, params)
    target = folder / f"{nb_name}_{params.get('province', 'x')}.ipynb"
    nbformat.write(nb, str(target))
    return target


@pytest.mark.slow
def test_status_notebook_runs_under_nbval_for_two_provinces(tmp_path):
    files = [
        _parameterize(
            "01_status", tmp_path, province=code, output_dir=str(tmp_path / code), interactive=flag
        )
        for code, flag in (("04", False), ("24", True))
    ]
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "-q",
            "-p",
            "no:cacheprovider",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout and "failed" not in proc.stdout
    for code in ("04", "24"):
        summary = json.loads(
            (tmp_path / code / "summary_01_status.json").read_text(encoding="utf-8")
        )
        assert summary["province_code"] == code and summary["illustrative"] is True


@pytest.mark.slow
def test_batch_run_for_one_province_produces_every_report(tmp_path):
    notebooks = runner.available_notebooks()
    results = runner.run(["24"], notebooks, out_root=tmp_path, jobs=2, progress=False)
    failed = [(r.notebook, r.error) for r in results if r.status != "ok"]
    assert failed == []
    folder = tmp_path / "24-bac-ninh"
    for nb in notebooks:
        where = tmp_path / paths.NATIONAL_DIR if nb == catalogue.NATIONAL.id else folder
        html = (where / f"{nb}.html").read_text(encoding="utf-8")
        assert "import ntmplan" not in html and "from ntmplan" not in html  # code hidden
        assert "Dữ liệu minh họa" in html  # illustrative notice on every report
    merged = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert set(merged) == {nb for nb in notebooks if nb != catalogue.NATIONAL.id}
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "Bắc Ninh" in index and "24-bac-ninh/index.html" in index
