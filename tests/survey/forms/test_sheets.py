"""Cell values and dropdown lists of the form sheets (hand-written expectations)."""

from __future__ import annotations

import numpy as np

from ntmplan.survey.forms.sheets import cell_value, dropdown_table, offered_pairs
from ntmplan.survey.schema import FIELD_BY_NAME
from ntmplan.survey.villages import VILLAGE_FIELD_BY_NAME


class TestCellValue:
    def test_values_as_a_commune_would_type_them(self):
        assert cell_value(True, FIELD_BY_NAME["postal_point"], None) == "Có"
        assert cell_value(np.False_, FIELD_BY_NAME["radio_it"], None) == "Không"
        assert cell_value("dat_chuan", FIELD_BY_NAME["ntm_level"], None) == "Đạt chuẩn NTM"
        assert cell_value("buon", VILLAGE_FIELD_BY_NAME["village_type"], None) == "Buôn"
        assert cell_value(np.int64(12), FIELD_BY_NAME["households"], None) == 12
        assert cell_value(None, FIELD_BY_NAME["prominent_sector"], None) is None
        assert cell_value(float("nan"), FIELD_BY_NAME["files_online_share"], None) is None
        assert cell_value("00004", FIELD_BY_NAME["commune_code"], None) == "00004"


class TestDropdowns:
    def test_each_list_once_yes_no_first(self):
        fields = (
            FIELD_BY_NAME["prominent_sector"],
            VILLAGE_FIELD_BY_NAME["prominent_sector"],
            VILLAGE_FIELD_BY_NAME["village_type"],
        )
        lists = dropdown_table(fields, None)
        assert lists["list"].drop_duplicates().tolist() == ["yes_no", "sectors", "village_types"]
        assert lists.loc[lists["list"] == "village_types", "label"].tolist()[:3] == [
            "Thôn",
            "Bản",
            "Ấp",
        ]

    def test_unit_types_offer_capitalised_labels(self):
        assert offered_pairs(FIELD_BY_NAME["unit_type"], None) == [
            ("xã", "Xã"),
            ("phường", "Phường"),
            ("đặc khu", "Đặc khu"),
        ]
