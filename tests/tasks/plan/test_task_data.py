"""Tests for ntmplan.tasks.plan.task_data: task 5 (data) sentences from the 05 summary."""

from __future__ import annotations

from ntmplan.tasks.plan.docx_text import plain
from ntmplan.tasks.plan.section import Section
from ntmplan.tasks.plan.task_data import data_paragraphs
from tests.tasks.plan.fixtures import s05

ZERO = {
    "n_range_warnings": 0,
    "n_duplicate_rows": 0,
    "n_missing_units": 0,
    "n_unknown_units": 0,
    "n_jumps": 0,
}


def paragraphs(summary: dict) -> list[str]:
    sec = Section("data", "5. Dữ liệu")
    data_paragraphs(sec, summary)
    return sec.paragraphs


class TestFindings:
    def test_nothing_found_asks_for_no_review(self):
        # Bắc Ninh's plan read "Phát hiện 0 …, 0 …: cần rà soát, cập nhật trước khi chia sẻ."
        text = paragraphs({**s05(), **ZERO})[1]
        assert text.startswith("Không phát hiện giá trị ngoài khoảng hợp lý, dòng trùng")
        assert "cần rà soát" not in text and "0" not in text

    def test_findings_are_counted_and_flagged(self):
        text = paragraphs({**s05(), **ZERO, "n_duplicate_rows": 3})[1]
        assert text.startswith("Phát hiện 0 giá trị ngoài khoảng hợp lý, 3 dòng trùng")
        assert text.endswith("cần rà soát, cập nhật trước khi chia sẻ.")


class TestCompleteness:
    def test_equal_shares_are_said_once(self):
        text = paragraphs(
            {**s05(), "completeness": 0.942, "completeness_with_missing_units": 0.942}
        )[0]
        assert text == "Rà soát chất lượng 2 dòng số liệu khảo sát: độ đầy đủ 94,2%."

    def test_different_shares_both_given(self):
        text = paragraphs({**s05(), "completeness": 0.98, "completeness_with_missing_units": 0.9})[
            0
        ]
        assert text.endswith("độ đầy đủ 98,0% (tính cả các xã chưa có trong khảo sát: 90,0%).")


class TestExportForWord:
    def test_the_check_survives_without_the_path_as_a_sentence(self):
        # Word drops the sentence naming the export folder; what remains starts with a capital.
        export = next(p for p in paragraphs(s05()) if "Frictionless" in p)
        assert plain(export) == (
            "Gói dữ liệu được kiểm tra theo chuẩn Frictionless Data Package: hợp lệ."
        )
