"""The village columns (contract) and their headers."""

from ntmplan.survey.villages import VILLAGE_COLUMNS, VILLAGE_LABELS, village_column_for_header


class TestVillageFields:
    def test_columns_in_order(self):
        assert VILLAGE_COLUMNS == (
            "province_code",
            "commune_code",
            "year",
            "village_name",
            "village_type",
            "households",
            "households_internet",
            "households_smart_device",
            "fixed_broadband",
            "mobile_broadband",
            "prominent_sector",
            "dx_demand",
            "digital_providers",
        )

    def test_shared_columns_keep_the_commune_labels(self):
        assert VILLAGE_LABELS["households"] == "Số hộ"
        assert VILLAGE_LABELS["village_name"] == "Tên thôn/bản/ấp"


class TestVillageColumnForHeader:
    def test_names_labels_any_case_or_accents(self):
        assert village_column_for_header("village_name") == "village_name"
        assert village_column_for_header("TEN THON/BAN/AP") == "village_name"
        assert village_column_for_header("Phủ sóng 4G/5G / mobile_broadband") == "mobile_broadband"
        assert (
            village_column_for_header("Ghi chú") is None and village_column_for_header(None) is None
        )
