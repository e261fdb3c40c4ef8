"""validate_villages: every rule on small hand-made tables, expected problems written by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import MissingColumnError
from ntmplan.survey.villages import VILLAGE_COLUMNS, validate_villages

#: A commune table as validated (only the columns the village checks read).
COMMUNES = pd.DataFrame(
    {
        "province_code": ["12", "12"],
        "commune_code": ["03390", "03394"],
        "year": [2026, 2026],
        "villages": [2, 9],
        "households": [150, 900],
        "villages_fiber": [2, 3],
        "villages_4g": [2, 9],
    }
)


def village(**changes) -> dict:
    row = {
        "province_code": "12",
        "commune_code": "03390",
        "year": "2026",
        "village_name": "Thôn Nà Khan",
        "village_type": "Thôn",
        "households": "120",
        "households_internet": "90",
        "households_smart_device": "100",
        "fixed_broadband": "Có",
        "mobile_broadband": "1",
        "prominent_sector": "Chăn nuôi",
        "dx_demand": "3",
        "digital_providers": "1",
    }
    row.update(changes)
    return row


def table(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(VILLAGE_COLUMNS))


def found(problems, severity="error") -> set:
    return {(p.row, p.column) for p in problems if p.severity == severity}


class TestValidateVillages:
    def test_a_good_table_is_typed(self):
        typed, problems = validate_villages(table(village()), communes=COMMUNES, sheet="thon")
        assert problems == []
        row = typed.iloc[0].to_dict()
        assert row == {
            "province_code": "12",
            "commune_code": "03390",
            "year": 2026,
            "village_name": "Thôn Nà Khan",
            "village_type": "thon",
            "households": 120,
            "households_internet": 90,
            "households_smart_device": 100,
            "fixed_broadband": True,
            "mobile_broadband": True,
            "prominent_sector": "chan_nuoi",
            "dx_demand": 3,
            "digital_providers": 1,
        }
        assert str(typed["households"].dtype) == "int64" and typed["fixed_broadband"].dtype == bool

    def test_labels_as_headers_and_short_codes_are_read(self):
        raw = table(village(commune_code="3390", province_code="12")).rename(
            columns={
                "village_name": "Tên thôn/bản/ấp",
                "fixed_broadband": "Có Internet cáp quang (băng rộng cố định)",
            }
        )
        typed, problems = validate_villages(raw, communes=COMMUNES)
        assert problems == [] and typed["commune_code"].tolist() == ["03390"]

    def test_each_rule_is_reported_at_its_row_and_column(self):
        raw = table(
            village(),  # row 2: fine
            village(
                village_name="Bản Hon",
                households="50",
                households_internet="60",
                households_smart_device="40",
            ),  # 3
            village(village_name="Bản Mới", dx_demand="6", village_type="xóm"),  # 4
            village(village_name="Bản Cũ", households="nhiều", digital_providers="-1"),  # 5
            village(village_name=None, fixed_broadband="có lẽ"),  # 6
        )
        typed, problems = validate_villages(raw, communes=COMMUNES, file="f.xlsx", sheet="thon")
        assert found(problems) == {
            (3, "households_internet"),
            (4, "village_type"),
            (4, "dx_demand"),
            (5, "households"),
            (5, "digital_providers"),
            (6, "village_name"),
            (6, "fixed_broadband"),
        }
        assert {(p.file, p.sheet) for p in problems} == {("f.xlsx", "thon")}
        assert typed["village_name"].tolist() == ["Thôn Nà Khan"]

    def test_a_village_twice_in_a_commune_and_year_is_an_error_on_both_rows(self):
        raw = table(village(), village(village_name="thôn nà khan"))
        _, problems = validate_villages(raw, communes=COMMUNES)
        assert found(problems) == {(2, "village_name"), (3, "village_name")}
        assert "các dòng 2, 3" in problems[0].rule_vi

    def test_the_commune_must_be_in_the_commune_sheet_that_year(self):
        raw = table(
            village(commune_code="03405"),
            village(year="2025"),
            village(province_code="11", village_name="B"),
        )
        _, problems = validate_villages(raw, communes=COMMUNES)
        assert found(problems) == {(2, "commune_code"), (3, "year"), (4, "province_code")}

    def test_without_communes_the_codes_are_checked_against_the_units(self):
        raw = table(village(commune_code="99999"), village(province_code="11", village_name="B"))
        _, problems = validate_villages(raw)
        assert found(problems) == {(2, "commune_code"), (3, "commune_code")}

    def test_totals_that_disagree_with_the_commune_are_warnings(self):
        # commune 03390 declares 2 villages, 150 households, 2 with fibre: its 2 villages hold 200
        # households and only one has fibre
        raw = table(
            village(),
            village(
                village_name="Bản Hon",
                households="80",
                households_internet="10",
                households_smart_device="10",
                fixed_broadband="Không",
            ),
        )
        typed, problems = validate_villages(raw, communes=COMMUNES)
        assert len(typed) == 2
        assert found(problems, "warning") == {(2, "households"), (2, "fixed_broadband")}

    def test_missing_required_column_and_unknown_column(self):
        raw = table(village()).drop(columns=["households"]).assign(ghi_chu="x")
        typed, problems = validate_villages(raw)
        assert found(problems) == {(1, "households")}
        assert found(problems, "warning") == {(1, "ghi_chu")}
        assert typed.empty and list(typed.columns) == list(VILLAGE_COLUMNS)

    def test_communes_without_the_key_columns_is_refused(self):
        with pytest.raises(MissingColumnError):
            validate_villages(table(village()), communes=COMMUNES.drop(columns=["year"]))
