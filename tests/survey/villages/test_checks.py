"""Tests of ntmplan.survey.villages.checks helpers (hand-written columns)."""

from __future__ import annotations

import pandas as pd

from ntmplan.survey.villages.checks import outside_range


def test_outside_range_flags_both_ends_but_not_the_bounds_or_missing():
    s = pd.Series([2019, 2020, 2030, 2031, pd.NA], dtype="Int64")
    found = outside_range(s, 2020, 2030, "«Năm» phải trong khoảng 2020–2030")
    assert found.mask.tolist() == [True, False, False, True, False]
    assert found.rule_vi == "«Năm» phải trong khoảng 2020–2030"
    assert found.rule_en == "must be between 2020 and 2030"
    assert found.severity == "error"


def test_outside_range_keeps_the_index():
    s = pd.Series([0.5, 4.0], index=[7, 9])
    found = outside_range(s, 1, 3, "x")
    assert found.mask.to_dict() == {7: True, 9: True}
