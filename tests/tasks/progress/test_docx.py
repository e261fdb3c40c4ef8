"""The Word Báo cáo: administrative parts present, tables in Vietnamese, deterministic."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.tasks import progress
from tests.tasks.progress.fixtures import params


def tables():
    closeout = pd.DataFrame(
        {
            "label_vi": ["Chỉ tiêu 8.4"],
            "year": [2025],
            "value": [0.9],
            "target": [0.97],
            "met": [False],
            "margin": [-0.07],
            "communes": [10],
            "communes_short": [1],
        }
    )
    return {
        "closeout": closeout,
        "pilots": None,
        "assumptions": progress.plain_assumptions(params()),
    }


class TestWriteReportDocx:
    def test_parts_and_bytes(self, tmp_path):
        from docx import Document

        kw = dict(
            province_code="24",
            tables=tables(),
            sentences={
                "closeout": ["Tỉnh đạt 0/1 mục tiêu."],
                "notes": progress.method_notes(params()),
            },
            figures=[tmp_path / "missing.png"],
            labels=progress.LABELS,
            params=params(),
            illustrative=True,
        )
        a = progress.write_report_docx(tmp_path / "a.docx", **kw)
        b = progress.write_report_docx(tmp_path / "b.docx", **kw)
        assert a.read_bytes() == b.read_bytes()
        doc = Document(str(a))
        text = "\n".join(p.text for p in doc.paragraphs)
        assert "BÁO CÁO" in text and "V. GIẢ ĐỊNH VÀ LƯU Ý" in text and "Dữ liệu minh họa" in text
        assert "Chưa có số liệu." in text  # the pilots table was None
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        assert "90,0%" in cells and "✗" in cells and "Chỉ tiêu" in cells
        assert "Tỉnh Bắc Ninh".upper() in cells[0] or any("BẮC NINH" in c for c in cells)
        assert not any(w in text + " ".join(cells) for w in ("assumption", "True", "False", "nan"))

    def test_wrong_suffix(self, tmp_path):
        with pytest.raises(ValueError, match="docx"):
            progress.write_report_docx(
                tmp_path / "a.pdf",
                province_code="24",
                tables={},
                sentences={},
                figures=None,
                labels={},
                params=params(),
            )

    def test_unknown_province(self, tmp_path):
        with pytest.raises(ValueError, match="99"):
            progress.write_report_docx(
                tmp_path / "a.docx",
                province_code="99",
                tables={},
                sentences={},
                figures=None,
                labels={},
                params=params(),
            )
