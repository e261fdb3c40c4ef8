"""Tests for ntmplan.survey.legacy.convert: merges, splits, unmatched rows, totals, the report.

Fixtures: :mod:`tests.survey.legacy_fixtures` (expected values computed by hand in comments).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ntmplan.core import paths
from ntmplan.core.errors import MissingColumnError
from ntmplan.core.params import default_params
from ntmplan.survey.legacy import SURVEY_COLUMNS, convert_legacy, drop_partial_units
from tests.survey.legacy_fixtures import L1, L2, L3, L4, convert, legacy_fixture, row, survey


class TestConvertLegacy:
    def test_merge_sums_counts_and_reweights_shares(self):
        out, _ = convert()
        n1 = row(out, "20001")
        assert (
            n1["province_code"] == "70"
            and n1["commune_name"] == "Xã An Bình"
            and n1["unit_type"] == "xã"
        )
        assert n1["households"] == 400  # 100 + 300
        assert n1["population"] == 1400  # 400 + 1000
        assert n1["officials"] == 40  # 10 + 30
        assert n1["villages_4g"] == 9  # 4 + 5
        assert n1["households_internet_smart"] == 230  # 50 + 180
        # officials-weighted: (0.5 × 10 + 0.9 × 30) / 40 = 32 / 40 = 0.8 (a plain mean would be 0.7)
        assert n1["files_online_share"] == pytest.approx(0.8)
        # max_columns: digital_services max(2, 3) = 3, digital_providers max(1, 2) = 2
        assert n1["digital_services"] == 3 and n1["digital_providers"] == 2

    def test_bool_category_and_ordinal_rules(self):
        out, _ = convert()
        n1 = row(out, "20001")
        assert n1["postal_point"]  # True in both parts
        assert not n1["radio_it"]  # False in L2 → not met ("all" rule)
        assert n1["prominent_sector"] == "chan_nuoi"  # L2 has more households (300 > 100)
        assert n1["ntm_level"] == "dat_chuan"  # lowest of dat_chuan, nang_cao
        assert n1["commune_category"] == "zone_iii"  # zone_iii before zone_i in the priority list
        # (1 × 100 + 3 × 300) / 400 = 2.5 → rounded half up = 3 (banker's rounding would give 2)
        assert n1["dx_demand"] == 3

    def test_bool_rule_any_from_params(self):
        p = default_params()
        p["datashare"]["conversion"]["bool_rule"] = "any"
        out, report = convert(params=p)
        assert row(out, "20001")["radio_it"]
        assert any("ít nhất một" in r["rule_vi"] for r in report.rules)

    def test_split_default_goes_to_default_successor(self):
        out, report = convert()
        n2 = row(out, "20002")
        assert n2["households"] == 301  # L3 200 + all of L4 101
        assert n2["villages"] == 8  # 5 + 3
        assert "20003" not in set(out["commune_code"])
        assert report.n_split == 1 and report.n_split_allocated == 0

    def test_split_by_area_allocates_with_largest_remainder(self):
        out, report = convert(split_weights="area")
        n2, n3 = row(out, "20002"), row(out, "20003")
        # L4 by area 0.75 / 0.25:
        # population 350 → 262.5 / 87.5 → floors 262 / 87, one left, tie → default first: 263 / 87
        assert (n2["population"] - 700, n3["population"]) == (263, 87)
        # households 101 by the population parts 263/87: 75.89 / 25.11 → 75 / 25 + 1 to .89 → 76 / 25
        assert (n2["households"] - 200, n3["households"]) == (76, 25)
        # villages 3 → 2.25 / 0.75 → floors 2 / 0, one left → larger remainder .75: 2 / 1
        assert (n2["villages"] - 5, n3["villages"]) == (2, 1)
        # officials 7 → 5.25 / 1.75 → 5 / 1 + 1 to .75 → 5 / 2
        assert (n2["officials"] - 20, n3["officials"]) == (5, 2)
        # villages_fiber 3 follows the villages parts 2/1 → 2 / 1 (never above villages)
        assert n3["villages_fiber"] == 1 and n3["villages_fiber"] <= n3["villages"]
        assert n3["unit_type"] == "phường" and n3["commune_name"] == "Phường Cát"
        # shares are copied to the parts: N3 = L4's 0.5
        assert n3["files_online_share"] == pytest.approx(0.5)
        assert report.n_split_allocated == 1 and report.split_method == "area"
        assert report.preserved

    def test_split_weights_table(self):
        table = pd.DataFrame(
            {
                "legacy_commune_code": ["10004", "10004"],
                "commune_code": ["20002", "20003"],
                "weight": [1.0, 1.0],
            }
        )
        out, report = convert(split_weights=table)
        # households 101 half/half: population first 175/175; households by those: 50.5/50.5 → 51/50
        assert row(out, "20003")["households"] == 50
        assert row(out, "20002")["households"] == 200 + 51
        assert report.split_method == "table"

    def test_totals_preserved_for_merges_and_splits(self):
        for method in ("default", "area"):
            out, report = convert(split_weights=method)
            matched = survey(L1, L2, L3, L4)
            for col in ("households", "population", "officials", "villages", "households_internet"):
                assert out[col].sum() == matched[col].sum()
            totals = report.totals.set_index("measure")
            # households: before (all 7 rows) = 100+300+200+101+100+100+100 = 1001; matched = 701
            assert totals.loc["households", "before"] == 1001
            assert (
                totals.loc["households", "before_matched"]
                == 701
                == totals.loc["households", "after"]
            )
            assert report.preserved

    def test_unmatched_rows_reported_with_reasons(self):
        _, report = convert()
        assert report.n_rows == 7 and report.n_matched == 4 and report.n_unmatched == 3
        reasons = dict(
            zip(
                report.unmatched["legacy_commune_code"],
                report.unmatched["reason_code"],
                strict=True,
            )
        )
        assert reasons == {
            "10005": "unknown_code",
            "10006": "province_mismatch",
            "10007": "no_target",
        }
        mismatch = report.unmatched.set_index("legacy_commune_code").loc["10006", "reason"]
        assert "91" in mismatch and "90" in mismatch
        assert (
            report.unmatched.set_index("legacy_commune_code").loc["10005", "input_row"] == 6
        )  # 5th row → Excel row 6

    def test_counts_merged_and_units_without_data(self):
        out, report = convert()
        assert report.n_output == 2 == len(out)
        assert report.n_merged == 4  # L1, L2 (→ N1) and L3, L4 (→ N2)
        assert report.n_merged_units == 2
        # rural units without data: 20004 (xã) and 20005 (đặc khu); 20003 is a phường
        assert sorted(report.units_without_data["commune_code"]) == ["20004", "20005"]

    def test_partial_units(self):
        out, report = convert()
        # N2's predecessors by the crosswalk: 10003, 10004, 10006, 10008; 10006 was not matched and
        # 10008 is absent → partial. N1 (10001, 10002) is complete.
        part = report.partial_units.set_index("commune_code")
        assert list(part.index) == ["20002"]
        assert (
            part.loc["20002", "n_legacy_missing"] == 2
            and part.loc["20002", "n_legacy_present"] == 2
        )
        assert "10008 Thị trấn H" in part.loc["20002", "missing_legacy"]
        assert list(drop_partial_units(out, report)["commune_code"]) == ["20001"]

    def test_output_columns_dtypes_and_metadata(self):
        out, report = convert()
        assert list(out.columns) == list(SURVEY_COLUMNS)
        assert out["households"].dtype == "int64" and out["postal_point"].dtype == bool
        assert out["files_online_share"].dtype == "float64"
        assert out.attrs["conversion"]["from_scheme"] == "legacy"
        assert [r["rule"] for r in out.attrs["conversion"]["rules"]] == [
            r["rule"] for r in report.rules
        ]
        json.dumps(report.to_dict(), ensure_ascii=False)  # serialisable
        assert "Số hộ" in report.summary_text()

    def test_missing_prominent_sector_ignored(self):
        out, _ = convert(survey(L1, {**L2, "prominent_sector": None}))
        assert row(out, "20001")["prominent_sector"] == "trong_trot"  # only L1 names one

    def test_optional_columns_carried_from_the_largest_part(self):
        frame = survey(L1, L2).assign(
            ethnic_region=[3, 1],  # L1 (100 households) region III, L2 (300) region I
            agriculture_share=[0.05, 0.4],
            urban_oriented=[None, True],
            satisfaction_online=[True, None],  # L2 does not say: the largest part naming one
        )
        out, _ = convert(frame)
        r = row(out, "20001")
        assert r["ethnic_region"] == 1 and r["agriculture_share"] == 0.4
        assert bool(r["urban_oriented"]) and bool(r["satisfaction_online"])  # L1 alone names it
        assert r["commune_group"] is None

    def test_optional_columns_may_be_absent(self):
        out, _ = convert(survey(L1, L2))
        assert row(out, "20001")["ethnic_region"] is None

    def test_several_years_kept_apart(self):
        frame = survey(L1, L2, {**L1, "year": 2024, "households": 110}, {**L2, "year": 2024})
        out, _ = convert(frame)
        assert out.set_index("year").loc[2024, "households"] == 410 and len(out) == 2

    def test_missing_column(self):
        with pytest.raises(MissingColumnError, match="officials"):
            convert(legacy_fixture().drop(columns="officials"))

    def test_duplicate_legacy_code_in_a_year(self):
        with pytest.raises(ValueError, match="10001"):
            convert(survey(L1, L1))

    def test_invalid_params_option(self):
        p = default_params()
        p["datashare"]["conversion"]["ntm_level_rule"] = "highest"
        with pytest.raises(ValueError, match="ntm_level_rule"):
            convert(params=p)

    def test_invalid_split_weights(self):
        with pytest.raises(ValueError, match="split_weights"):
            convert(split_weights="population")

    def test_input_frame_unchanged(self):
        frame = legacy_fixture()
        copy = frame.copy()
        convert(frame, split_weights="area")
        pd.testing.assert_frame_equal(frame, copy)


needs_sample = pytest.mark.skipif(
    not paths.SAMPLE_LEGACY_SURVEY.is_file(), reason="illustrative legacy sample not generated yet"
)


@pytest.mark.slow
@needs_sample
def test_converted_sample_passes_validation():
    from ntmplan.survey import loading, schema

    legacy = loading.load_survey(paths.SAMPLE_LEGACY_SURVEY, scheme="legacy")
    for method in ("default", "area"):
        out, report = convert_legacy(legacy, split_weights=method)
        assert report.n_unmatched == 0 and report.preserved
        assert out["households"].sum() == legacy["households"].sum()
        _, problems = schema.validate_survey(out, scheme="current")
        assert [p for p in problems if p.severity == "error"] == []
