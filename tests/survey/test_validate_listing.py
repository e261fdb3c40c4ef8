"""The printed listing of ``validate``: capped per rule, the rest counted."""

from ntmplan.core.errors import Problem
from ntmplan.survey.validate import MAX_PER_RULE, format_problems


def test_listing_is_capped_per_rule_and_counts_the_rest():
    many = [
        Problem("f.csv", r, "households", "x", f"«Số hộ» dòng {r}", f"households row {r}")
        for r in range(2, 2 + MAX_PER_RULE + 7)
    ]
    other = [Problem("f.csv", 3, "year", "25", "Năm phải có 4 chữ số", "year must have 4 digits")]
    text = format_problems(many + other, "f.csv")
    lines = text.splitlines()
    assert f"{MAX_PER_RULE + 8} lỗi / errors, 0 cảnh báo / warnings" in text
    assert (
        sum("households row" in ln for ln in lines) == MAX_PER_RULE + 1
    )  # 20 rows + the count line
    assert "… còn 7 dòng khác cùng quy tắc" in text and "7 more with this rule" in text
    assert any("year must have 4 digits" in ln for ln in lines)


def test_short_listing_has_no_count_line():
    text = format_problems([Problem("f.csv", 2, "year", "25", "a", "b")], "f.csv")
    assert "more with this rule" not in text
