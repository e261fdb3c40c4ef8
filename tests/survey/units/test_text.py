"""Tests for ntmplan.survey.units.text: folding names and slugs."""

from __future__ import annotations

from ntmplan.survey import units as U


class TestFold:
    def test_accents_case_and_d_are_folded(self):
        # "Đắk Lắk" → d-a-k l-a-k without marks, lower case
        assert U.fold("Đắk Lắk") == "dak lak"

    def test_punctuation_becomes_single_spaces(self):
        assert U.fold("  Bà Rịa -  Vũng Tàu ") == "ba ria vung tau"

    def test_old_and_new_tone_placement_fold_equal(self):
        # "Hòa" (new placement) and "Hoà" (old placement) are the same name
        assert U.fold("Hòa Đồng") == U.fold("Hoà Đồng") == "hoa dong"


class TestSlugify:
    def test_hyphenated_ascii(self):
        assert U.slugify("Hồ Chí Minh") == "ho-chi-minh"
