"""Central pilots carried into a ward are flagged by the legacy conversion, never dropped."""

from __future__ import annotations

import pandas as pd

from ntmplan.core import paths
from ntmplan.survey.legacy import convert_legacy_province, pilots


def mapping(rows):
    return pd.DataFrame(
        rows,
        columns=[
            "year",
            "legacy_province_code",
            "legacy_commune_code",
            "legacy_commune_name",
            "province_code",
            "commune_code",
            "commune_name",
        ],
    )


UNITS = pd.DataFrame({"commune_code": ["28273", "07330"], "unit_type": ["phường", "xã"]})
IN_WARD = "Xã thí điểm do Trung ương chỉ đạo nay thuộc phường / central pilots now in a ward"


class TestPilotsInWards:
    def test_pilot_in_a_ward_listed_pilot_in_a_commune_not(self):
        m = mapping(
            [
                (2023, "82", "28291", "Xã Tân Mỹ Chánh", "82", "28273", "Phường Mỹ Phong"),
                (2023, "24", "07324", "Xã Phúc Hòa", "24", "07330", "Xã Phúc Hòa"),
                (2023, "82", "28999", "Xã Khác", "82", "28273", "Phường Mỹ Phong"),
            ]
        )
        out = pilots.pilots_in_wards(m, UNITS, pilots.read_central_pilots())
        assert out["legacy_commune_name"].tolist() == ["Xã Tân Mỹ Chánh"]
        assert out.loc[0, "pilot_type"] == "ecommerce_commune" and out.loc[0, "year"] == 2023
        assert "3445/BNN-VPĐP" in out.loc[0, "source"]

    def test_none_when_the_input_has_no_pilot(self):
        m = mapping([(2023, "82", "28999", "Xã Khác", "82", "28273", "Phường Mỹ Phong")])
        assert pilots.pilots_in_wards(m, UNITS, pilots.read_central_pilots()).empty


class TestConversionReport:
    def test_dong_thap_flags_tan_my_chanh(self):
        _, report = convert_legacy_province(paths.SAMPLE_LEGACY_SURVEY, "82")
        assert report.pilots_in_wards["legacy_commune_name"].tolist() == ["Xã Tân Mỹ Chánh"]
        assert dict(report.counts_table().itertuples(index=False))[IN_WARD] == 1
        assert "Tân Mỹ Chánh" in report.summary_text()
        assert report.to_dict()["pilots_in_wards"][0]["commune_name"] == "Phường Mỹ Phong"

    def test_bac_ninh_has_none(self):
        _, report = convert_legacy_province(paths.SAMPLE_LEGACY_SURVEY, "24")
        assert report.pilots_in_wards.empty
        assert dict(report.counts_table().itertuples(index=False))[IN_WARD] == 0
