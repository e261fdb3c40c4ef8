"""Deterministic outputs: the same inputs give byte-identical CSV, XLSX, JSON and YAML.

Every writer is called twice with the same inputs, more than a second apart (so a
timestamp with one-second resolution anywhere in a file would show), into two
different folders; the bytes must be equal. A real notebook run (02 pilots for
Cao Bằng) is done twice, by two command-line runs at the same time, into two
output roots, and its exports and figures compared too.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ntmplan.core.params import default_params, write_resolved
from ntmplan.core.writers import write_csv, write_excel, write_json
from ntmplan.survey import schema
from ntmplan.survey.loading import load_survey
from ntmplan.survey.template import write_template
from ntmplan.tasks import budget, datashare

SAMPLE = Path(__file__).parents[1] / "data" / "sample" / "khao_sat_2025_du_lieu_minh_hoa.csv"


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    """The illustrative survey of Cao Bằng (04)."""
    s = load_survey(SAMPLE)
    return s[s["province_code"] == "04"].reset_index(drop=True)


def write_everything(folder: Path, survey: pd.DataFrame, key_order: int) -> None:
    """Call every writer; ``key_order`` changes only the insertion order of dict keys."""
    folder.mkdir(parents=True)
    write_excel(
        folder / "survey.xlsx", {"Khảo sát": survey, "Trống": survey.head(0)}, labels=schema.LABELS
    )
    write_csv(folder / "survey.csv", survey)
    figures = {
        "tỉnh": "Cao Bằng",
        "n": np.int64(53),
        "share": np.float64(0.5),
        "missing": float("nan"),
        "codes": {"01273", "01276", "01279"},
        "frame": survey[["commune_code", "households"]].head(3),
        "when": pd.Timestamp("2025-07-01"),
    }
    items = list(figures.items())
    write_json(folder / "summary.json", dict(items if key_order == 0 else reversed(items)))
    write_template(folder / "mau_khao_sat.xlsx")
    write_resolved(default_params(), folder / "params_resolved.yaml")
    datashare.export_package(survey, folder, "04-cao-bang", date="2025-07-01")
    result = budget.build({"survey": survey})
    budget.write_xlsx(folder / "budget.xlsx", budget.export_tables(result))


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def two_writes(tmp_path_factory, survey):
    base = tmp_path_factory.mktemp("det")
    write_everything(base / "a", survey, key_order=0)
    time.sleep(1.1)  # a clock-dependent byte would differ
    write_everything(base / "b", survey, key_order=1)
    return tree(base / "a"), tree(base / "b")


class TestWriters:
    @pytest.mark.parametrize(
        "name",
        [
            "survey.xlsx",
            "survey.csv",
            "summary.json",
            "mau_khao_sat.xlsx",
            "params_resolved.yaml",
            "budget.xlsx",
        ],
    )
    def test_same_bytes(self, two_writes, name):
        a, b = two_writes
        assert a[name] == b[name]

    def test_export_package_same_folder_and_bytes(self, two_writes):
        a, b = two_writes
        exports_a = {k: v for k, v in a.items() if k.startswith("data_export/")}
        exports_b = {k: v for k, v in b.items() if k.startswith("data_export/")}
        assert len(exports_a) == 4  # data CSV, dictionary, datapackage.json, SHA256SUMS
        assert exports_a == exports_b  # same version folder name (content hash) and same bytes

    def test_json_keys_sorted(self, two_writes):
        text = two_writes[0]["summary.json"].decode("utf-8")
        assert (
            text.index('"codes"') < text.index('"frame"') < text.index('"n"') < text.index('"tỉnh"')
        )
        assert '"missing": null' in text and '"01273",\n    "01276"' in text

    def test_no_wall_clock_in_workbooks(self, two_writes):
        import io
        import zipfile

        for name in ("survey.xlsx", "mau_khao_sat.xlsx", "budget.xlsx"):
            with zipfile.ZipFile(io.BytesIO(two_writes[0][name])) as zf:
                assert {i.date_time for i in zf.infolist()} == {(2025, 1, 1, 0, 0, 0)}
                core = zf.read("docProps/core.xml").decode()
                assert core.count("2025-01-01T00:00:00Z") == 2


@pytest.mark.slow
class TestNotebookRunTwice:
    def test_pilots_exports_identical(self, tmp_path):
        """Two command-line runs of 02 for Cao Bằng, at the same time, into two output roots."""
        procs = {
            name: subprocess.Popen(
                [sys.executable, "-m", "ntmplan", "run", "--province", "04", "--notebooks", "02"]
                + ["--out", str(tmp_path / name), "--jobs", "1", "--quiet"],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for name in ("a", "b")
        }
        for proc in procs.values():
            out, _ = proc.communicate(timeout=600)
            assert proc.returncode == 0, out
        runs = {name: tmp_path / name / "04-cao-bang" for name in procs}
        compared = [
            "pilots.xlsx",
            "dang_ky_thi_diem_trung_uong.xlsx",
            "summary_02_pilots.json",
            "summary.json",
            "params_resolved.yaml",
        ]
        for name in compared:
            assert (runs["a"] / name).read_bytes() == (runs["b"] / name).read_bytes(), name
        figures = sorted(p.name for p in (runs["a"] / "figures").glob("*.png"))
        assert figures
        for name in figures:
            assert (runs["a"] / "figures" / name).read_bytes() == (
                runs["b"] / "figures" / name
            ).read_bytes(), name
