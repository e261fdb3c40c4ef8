"""The bundled list of approved central pilots, carried into the 2025 units."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.survey import units
from ntmplan.tasks import progress


@pytest.fixture(scope="module")
def carried():
    return progress.pilots_in_2025_units(progress.read_central_pilots(), units.legacy_crosswalk())


class TestCentralPilots:
    def test_first_batch_six_smart_three_ecommerce_each_sourced(self):
        pilots = progress.read_central_pilots()
        assert pilots["pilot_type"].value_counts().to_dict() == {
            "smart_commune": 6,
            "ecommerce_commune": 3,
        }
        assert (pilots["source"].str.len() > 0).all()

    def test_tan_my_chanh_lies_in_a_ward_of_dong_thap(self, carried):
        row = carried[carried["legacy_commune_name"] == "Xã Tân Mỹ Chánh"].iloc[0]
        assert row["province_code"] == "82" and row["commune_name"] == "Phường Mỹ Phong"
        assert bool(row["in_ward"])
        assert carried["in_ward"].sum() == 1

    def test_every_pilot_has_a_2025_unit(self, carried):
        assert (carried["commune_code"] != "").all()
        assert progress.province_pilots(carried, "24")["legacy_commune_name"].tolist() == [
            "Xã Phúc Hòa"
        ]

    def test_no_match_is_kept_with_empty_unit(self):
        pilots = progress.read_central_pilots().head(1).assign(legacy_commune_code="99999")
        out = progress.pilots_in_2025_units(pilots, units.legacy_crosswalk())
        assert len(out) == 1 and out.loc[0, "commune_code"] == "" and not out.loc[0, "in_ward"]

    def test_missing_column(self, tmp_path):
        path = tmp_path / "p.csv"
        pd.DataFrame({"pilot_type": ["smart_commune"]}).to_csv(path, index=False)
        with pytest.raises(KeyError, match="legacy_commune_code"):
            progress.read_central_pilots(path)


class TestPilotsView:
    def test_chosen_and_central_rows(self, carried):
        view = progress.pilots_view(
            [{"pilot_type": "smart_commune", "commune_name": "Xã A"}],
            progress.province_pilots(carried, "82"),
        )
        assert view["pilot_type_vi"].tolist()[0] == "Xã nông thôn mới thông minh"
        ward = view[view["legacy_unit"].str.startswith("Xã Tân Mỹ Chánh")]
        assert ward["unit_2025"].iloc[0].startswith("Phường Mỹ Phong — nay thuộc phường")
