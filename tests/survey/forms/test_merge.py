"""The merged survey: read back by load_survey and load_villages; a partial one says so."""

from __future__ import annotations

import openpyxl
import pandas as pd

from ntmplan.core.paths import SAMPLE_SURVEY as SAMPLE
from ntmplan.survey.forms import NOTE_SHEET, PARTIAL_TITLE, write_merged_survey
from ntmplan.survey.loading import load_survey
from ntmplan.survey.villages import VILLAGE_COLUMNS, load_villages


def test_complete_survey_round_trips(tmp_path):
    survey = load_survey(SAMPLE).head(3)
    villages = pd.DataFrame(
        [
            [
                "01",
                survey["commune_code"].iloc[0],
                2025,
                "Thôn Đoài",
                "thon",
                100,
                50,
                60,
                True,
                False,
                None,
                2,
                0,
            ]
        ],
        columns=list(VILLAGE_COLUMNS),
    )
    out = write_merged_survey(tmp_path / "k.xlsx", survey, villages)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["khao_sat", "thon"]
    assert wb["khao_sat"]["A3"].value == "01" and wb["khao_sat"]["B3"].number_format == "@"
    back = load_survey(out)
    assert back["commune_code"].tolist() == survey["commune_code"].tolist()
    assert back["households"].tolist() == survey["households"].tolist()
    assert load_villages(out, communes=back)["mobile_broadband"].tolist() == [False]


def test_partial_survey_opens_on_its_note(tmp_path):
    survey = load_survey(SAMPLE).head(1)
    empty = pd.DataFrame(columns=list(VILLAGE_COLUMNS))
    out = write_merged_survey(tmp_path / "k.xlsx", survey, empty, partial_note=["Thiếu xã 03613"])
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [NOTE_SHEET, "khao_sat", "thon"]
    assert [c.value for (c,) in wb[NOTE_SHEET].iter_rows(max_col=1)] == [
        PARTIAL_TITLE,
        "Thiếu xã 03613",
    ]
    assert wb["khao_sat"].oddHeader.center.text.startswith(PARTIAL_TITLE)
    assert len(load_survey(out)) == 1 and load_villages(out) is None
