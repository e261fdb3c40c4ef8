"""The registration letter prints the province's reason for a commune not meeting the conditions."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import default_params
from ntmplan.tasks.pilots import letter


def _registration(reason) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "pilot_type_vi": ["Xã nông thôn mới thông minh"] * 2,
            "rank": [1, 2],
            "commune_code": ["03388", "03391"],
            "commune_name": ["Xã A", "Xã B"],
            "sector_vi": ["Trồng trọt", "Du lịch nông thôn"],
            "conditions_met": ["7/7", "6/7"],
            "missing_vi": ["", "thiếu máy tính nối mạng cho 7 cán bộ"],
            "override_reason": [None, reason],
            "score": [80.0, 61.0],
        }
    )


class TestAnnexTable:
    def test_reason_column_when_a_commune_is_overridden(self):
        out = letter.annex_table(_registration("Xã điểm của tỉnh"))
        col = "Lý do tỉnh đề nghị (xã chưa đủ điều kiện)"
        assert out[col].tolist() == ["", "Xã điểm của tỉnh"]

    def test_no_reason_column_otherwise(self):
        out = letter.annex_table(_registration(None))
        assert "Lý do tỉnh đề nghị (xã chưa đủ điều kiện)" not in out.columns


class TestLetterBody:
    def test_reason_written_in_the_letter(self, tmp_path):
        import docx

        path = letter.write_registration_letter(
            _registration("Xã điểm của tỉnh"),
            tmp_path / letter.letter_file_name("12"),
            params=default_params(),
            province_code="12",
        )
        text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        assert "tỉnh đề nghị tham gia thí điểm, kèm lý do: Xã B (Xã điểm của tỉnh)" in text
