"""Tests for ntmplan.tasks.plan.current_state: section II, units reviewed against the province's units."""

from __future__ import annotations

from ntmplan.tasks import plan
from ntmplan.tasks.plan.current_state import MEASURES_NOTE, coverage_text, current_state_section
from tests.tasks.plan.fixtures import s01


def _ctx(summary: dict | None) -> dict:
    return plan.reading.normalise({"01_status": summary} if summary else {})


def _units(xa: int, phuong: int, dac_khu: int, scope=("xã", "đặc khu")) -> dict:
    by_type = {"xã": xa, "phường": phuong, "đặc khu": dac_khu}
    return {
        "by_type": by_type,
        "total": xa + phuong + dac_khu,
        "in_scope": sum(by_type[t] for t in scope),
        "scope_unit_types": list(scope),
    }


class TestCoverage:
    def test_six_of_ninety_nine(self):
        # 95 xã + 4 đặc khu = 99 units in scope, 10 phường outside; 6 surveyed → "6/99"
        s = {**s01(), "n_communes": 6, "n_units": 6, "units_in_province": _units(95, 10, 4)}
        text = coverage_text(s)
        assert text.startswith("6/99 xã, đặc khu thuộc phạm vi đánh giá có số liệu khảo sát")
        assert "tỉnh có 95 xã, 4 đặc khu và 10 phường, tổng số 109 đơn vị hành chính cấp xã" in text
        assert "10 phường không thuộc phạm vi xây dựng nông thôn mới" in text

    def test_bac_ninh_six_of_sixty_six(self):
        # Bắc Ninh: 66 xã + 33 phường = 99; no đặc khu, so only "xã" is named
        s = {**s01(), "n_communes": 6, "n_units": 6, "units_in_province": _units(66, 33, 0)}
        text = coverage_text(s)
        assert text.startswith("6/66 xã thuộc phạm vi đánh giá")
        assert "tổng số 99 đơn vị hành chính cấp xã" in text
        assert "trên tổng số 6" not in text

    def test_surveyed_wards_are_said_to_be_left_out(self):
        # 8 rows surveyed, 6 in scope → 2 outside
        s = {**s01(), "n_communes": 6, "n_units": 8, "units_in_province": _units(66, 33, 0)}
        assert "Khảo sát còn có 2 đơn vị ngoài phạm vi, không tính vào đánh giá." in coverage_text(
            s
        )

    def test_thousands_use_a_dot(self):
        s = {**s01(), "n_communes": 1200, "n_units": 1200, "units_in_province": _units(1500, 0, 0)}
        assert coverage_text(s).startswith("1.200/1.500 xã")

    def test_old_summary_without_units(self):
        # a 01 summary written before units_in_province existed: no ratio, and no "of n_units"
        s = s01()
        text = coverage_text(s)
        assert text.startswith("2 xã, đặc khu thuộc phạm vi đánh giá có số liệu khảo sát")
        assert "chưa có số đơn vị hành chính cấp xã của tỉnh" in text
        assert "/" not in text


class TestSection:
    def test_paragraphs(self, params):
        s = {**s01(), "n_communes": 6, "n_units": 6, "units_in_province": _units(95, 10, 4)}
        sec = current_state_section(_ctx(s), params)
        assert sec.available
        assert sec.paragraphs[0].startswith("Năm khảo sát 2025: 6/99 xã, đặc khu")
        assert MEASURES_NOTE in sec.paragraphs

    def test_tables_label_their_measure(self, params):
        sec = current_state_section(_ctx(s01()), params)
        pillars, indicators = sec.tables[0], sec.tables[1]
        assert any("gia quyền theo số hộ" in c for c in pillars.columns)
        assert any("mỗi xã tính một lần" in c for c in pillars.columns)
        assert "bình quân gia quyền theo số hộ" in indicators.attrs["caption"]
        assert list(indicators.columns)[1].startswith(
            "Giá trị của tỉnh: bình quân gia quyền theo số hộ"
        )
        # villages_fiber_share 0.5 → "50,0%"
        assert indicators.iloc[:, 1].tolist()[0] == "50,0%"

    def test_note_names_both_measures(self):
        assert "bình quân gia quyền theo số hộ" in MEASURES_NOTE
        assert "tỷ lệ xã đạt" in MEASURES_NOTE

    def test_missing_01(self, params):
        sec = current_state_section(_ctx(None), params)
        assert not sec.available and "Chưa có số liệu" in sec.paragraphs[0]
