"""Which sheets of a workbook are read as the survey (visible survey-shaped ones; hidden never silently)."""

import openpyxl
import pytest

from ntmplan.core.errors import InputError
from ntmplan.survey.reading.sheets import choose_sheets, sheet_kind
from ntmplan.survey.reading.xlsx import excel_cell_text

HEADER = ["province_code", "commune_code", "commune_name", "year", "households"]


def book(*sheets: tuple[str, str, list]):
    """A workbook of (title, state, rows) sheets."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, state, rows in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        ws.sheet_state = state
    return wb


def choose(wb, sheet=None):
    return choose_sheets(wb, sheet, "f.xlsx", excel_cell_text)


SURVEY = [HEADER, ["01", "00376", "Xã Sóc Sơn", 2025, 100]]
NOTES = [["Ghi chú"], ["Điền mỗi xã một dòng"]]


class TestSheetKind:
    def test_survey_village_other(self):
        wb = book(
            ("Số liệu", "visible", SURVEY),
            ("thon", "visible", SURVEY),
            ("Thôn", "visible", [["commune_code", "village_name", "households", "year"]]),
            ("Ghi chú", "visible", NOTES),
        )
        kinds = [sheet_kind(ws, excel_cell_text) for ws in wb.worksheets]
        assert kinds == ["survey", "village", "village", "other"]


class TestChooseSheets:
    def test_one_survey_sheet_among_notes_is_read_with_the_usual_note(self):
        chosen, notes = choose(book(("Ghi chú", "visible", NOTES), ("Số liệu", "visible", SURVEY)))
        assert chosen == ["Số liệu"]
        assert len(notes) == 1 and "read sheet 'Số liệu'" in notes[0].rule_en

    def test_khao_sat_alone_gives_no_note(self):
        chosen, notes = choose(book(("khao_sat", "visible", SURVEY), ("Ghi chú", "visible", NOTES)))
        assert (chosen, notes) == (["khao_sat"], [])

    def test_hidden_survey_sheet_is_ignored_when_a_visible_one_exists(self):
        chosen, notes = choose(book(("khao_sat", "hidden", SURVEY), ("Năm nay", "visible", SURVEY)))
        assert chosen == ["Năm nay"]
        assert [n.severity for n in notes] == ["warning"]
        assert "hidden survey-shaped sheet(s) khao_sat ignored" in notes[0].rule_en

    def test_very_hidden_counts_as_hidden(self):
        chosen, notes = choose(book(("Cũ", "veryHidden", SURVEY), ("Mới", "visible", SURVEY)))
        assert chosen == ["Mới"] and "Cũ ignored" in notes[0].rule_en

    def test_only_hidden_survey_sheets_are_read_with_a_warning(self):
        chosen, notes = choose(book(("Ghi chú", "visible", NOTES), ("Dữ liệu", "hidden", SURVEY)))
        assert chosen == ["Dữ liệu"]
        assert "only hidden sheets hold survey data" in notes[0].rule_en

    def test_two_visible_survey_sheets_are_both_read_and_named(self):
        chosen, notes = choose(
            book(
                ("khao_sat", "visible", SURVEY),
                ("Cụm 2", "visible", SURVEY),
                ("thon", "visible", SURVEY),
            )
        )
        assert chosen == ["khao_sat", "Cụm 2"]
        assert [n.rule_en for n in notes] == [
            "2 sheets look like survey data; all were read and merged: khao_sat, Cụm 2"
        ]

    def test_sheet_asked_for_is_read_even_hidden_with_a_warning(self):
        wb = book(("khao_sat", "visible", SURVEY), ("Cũ", "hidden", SURVEY))
        chosen, notes = choose(wb, "cu")
        assert chosen == ["Cũ"] and "is hidden" in notes[0].rule_en
        assert choose(wb, "khao_sat") == (["khao_sat"], [])

    def test_missing_sheet_asked_for(self):
        with pytest.raises(InputError) as exc:
            choose(book(("khao_sat", "visible", SURVEY)), "2024")
        assert "no sheet named '2024'" in exc.value.problems[0].rule_en

    def test_no_survey_sheet_at_all(self):
        with pytest.raises(InputError) as exc:
            choose(book(("A", "visible", NOTES), ("B", "visible", NOTES)))
        assert "no survey sheet" in exc.value.problems[0].rule_en

    def test_empty_template_sheet_is_the_fallback(self):
        assert choose(book(("khao_sat", "visible", []), ("Ghi chú", "visible", NOTES)))[0] == [
            "khao_sat"
        ]
