"""The illustrative sample's commune-group columns (drawn in ntmplan.survey.sample.draws)."""

from __future__ import annotations

from ntmplan.survey import commune_groups, schema
from ntmplan.survey.sample.draws import BIG_CITY_PROVINCES

NEW = (
    "satisfaction_online",
    "prominent_sector_other",
    "commune_group",
    "agriculture_share",
    "urban_oriented",
    "ethnic_region",
)


class TestGroupColumns:
    def test_columns_present_and_valid(self, current):
        assert set(NEW) <= set(current.columns)
        typed, problems = schema.validate_survey(current.head(200))
        assert [p for p in problems if p.severity == "error"] == []
        assert len(typed) == 200

    def test_group_column_left_empty(self, current):
        assert current["commune_group"].isna().all()

    def test_peri_urban_communes_of_the_big_cities_are_group_1(self, current):
        groups = commune_groups(current)
        big = current["province_code"].isin(BIG_CITY_PROVINCES)
        assert (groups[big] == 1).mean() > 0.1
        assert (groups[~big] == 1).mean() < 0.05

    def test_upland_region_ii_iii_communes_are_group_3(self, current):
        groups = commune_groups(current)
        assert set(current.loc[groups == 3, "ethnic_region"]) <= {2, 3}
        # the Northern mountains (Lào Cai 15, Điện Biên 11, Lai Châu 12) are mostly group 3
        north = current["province_code"].isin(["11", "12", "15"])
        assert (groups[north] == 3).mean() > 0.5

    def test_other_sector_written_out(self, current):
        other = current["prominent_sector"] == "khac"
        assert other.any()
        assert current.loc[other, "prominent_sector_other"].notna().all()
        assert current.loc[~other, "prominent_sector_other"].isna().all()

    def test_shares_in_range(self, current):
        assert current["agriculture_share"].between(0, 1).all()
        assert set(current["ethnic_region"]) <= {0, 1, 2, 3}
