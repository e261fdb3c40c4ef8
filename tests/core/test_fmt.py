"""Tests for ntmplan.core.fmt (expected strings written by hand)."""

from ntmplan.core import fmt


class TestNumber:
    def test_float_vietnamese_separators(self):
        assert fmt.number(1234567.891, 1) == "1.234.567,9"

    def test_integer_has_no_decimals(self):
        assert fmt.number(77468, 1) == "77.468"

    def test_zero_digits_rounds(self):
        assert fmt.number(2.5e3, 0) == "2.500"

    def test_negative(self):
        assert fmt.number(-1500.25, 2) == "-1.500,25"


class TestPercent:
    def test_share_to_percent(self):
        assert fmt.percent(0.573) == "57,3%"

    def test_whole(self):
        assert fmt.percent(1, 0) == "100%"
