"""Notebook 02 end to end with and without village rows (slow).

With the illustrative villages of Lai Châu (12), 02 lists the villages and writes them to the
summary, the village workbook and the letter. For a province without village rows (Điện Biên,
11), the summary is exactly what :func:`ntmplan.tasks.pilots.summary` gives, and no village
file or village text appears: 02 behaves as before.
"""

from __future__ import annotations

import json

import pytest


def run_02(province: str, out):
    import papermill

    from ntmplan.core import paths

    out.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        str(paths.NOTEBOOKS_DIR / "02_pilots.ipynb"),
        str(out / "02_pilots.ipynb"),
        parameters={
            "province": province,
            "params_file": "",
            "data_file": "",
            "output_dir": str(out),
            "interactive": False,
        },
        kernel_name="python3",
        progress_bar=False,
        cwd=str(paths.ROOT),
    )
    return json.loads((out / "summary_02_pilots.json").read_text(encoding="utf-8"))


def letter_text(out) -> str:
    import docx

    (path,) = out.glob("cong_van_*.docx")
    doc = docx.Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.mark.slow
class TestNotebook02Villages:
    def test_province_with_villages(self, tmp_path):
        from ntmplan.notebook import context
        from ntmplan.tasks import pilots

        out = tmp_path / "12"
        s = run_02("12", out)
        ctx = context.open_workbook("02_pilots", "12", output_dir=str(tmp_path / "ctx"))
        expected = pilots.village_summary(
            pilots.evaluate_villages(ctx.villages, ctx.survey, ctx.params), ctx.params
        )
        assert s["villages"] == expected
        assert s["villages"]["villages"] == len(ctx.villages)
        assert (out / "thon_thong_minh.xlsx").is_file()
        text = letter_text(out)
        assert "Bảng 2. Các thôn chọn xây dựng mô hình thôn nông thôn mới thông minh" in text
        for village in s["villages"]["chosen"]:
            assert village["village_name"] in text

    def test_province_without_villages_is_unchanged(self, tmp_path):
        from ntmplan.notebook import context
        from ntmplan.tasks import pilots

        out = tmp_path / "11"
        s = run_02("11", out)
        ctx = context.open_workbook("02_pilots", "11", output_dir=str(tmp_path / "ctx"))
        assert ctx.villages is None
        expected = json.loads(json.dumps(pilots.summary(ctx.survey, ctx.params)))
        assert "villages" not in s
        assert {k: s[k] for k in expected} == expected
        assert not (out / "thon_thong_minh.xlsx").exists()
        text = letter_text(out)
        assert "Bảng 2" not in text and "mô hình thôn" not in text
