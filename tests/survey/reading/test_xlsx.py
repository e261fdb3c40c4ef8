"""Tests of ntmplan.survey.reading.xlsx helpers (hand-written rows)."""

from __future__ import annotations

import unicodedata

from ntmplan.survey.reading.xlsx import nfc_rows

#: "Việt" typed with combining marks (NFD) and precomposed (NFC).
NFD = unicodedata.normalize("NFD", "Việt")
NFC = "Vi\u1ec7t"


def test_nfc_rows_leaves_nfc_text_alone_without_a_problem():
    rows = [["Xã A", None], ["12", NFC]]
    problems = []
    assert nfc_rows(rows, "f.xlsx", problems) is rows
    assert problems == []


def test_nfc_rows_normalises_and_notes_once_with_the_sheet():
    problems = []
    out = nfc_rows([[NFD, None], [NFD, "x"]], "f.xlsx", problems, "Thôn")
    assert out == [[NFC, None], [NFC, "x"]]
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.row, p.column, p.value, p.severity, p.sheet) == (
        "f.xlsx",
        None,
        None,
        "NFD",
        "warning",
        "Thôn",
    )


def test_nfc_rows_without_sheet_names_none():
    problems = []
    nfc_rows([[NFD]], "f.xlsx", problems)
    assert problems[0].sheet is None
