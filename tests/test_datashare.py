"""Tests for ntmplan.tasks.datashare: legacy conversion, quality report, export package.

Fixtures are built by hand below; expected values are computed by hand in comments.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ntmplan.core import paths
from ntmplan.core.params import default_params
from ntmplan.tasks import datashare as D
from ntmplan.tasks.status import MissingColumnError

# ----------------------------------------------------------------- fixture helpers

#: A neutral commune; tests override what they need.
BASE = {
    "province_code": "90",
    "commune_code": "10001",
    "commune_name": "Xã A",
    "unit_type": "xã",
    "year": 2023,
    "households": 100,
    "population": 400,
    "villages": 4,
    "officials": 10,
    "villages_fiber": 2,
    "villages_4g": 4,
    "postal_point": True,
    "radio_it": True,
    "households_internet": 60,
    "households_smart_device": 70,
    "households_internet_smart": 50,
    "officials_computer": 10,
    "officials_email": 8,
    "officials_eoffice": 6,
    "files_online_share": 0.5,
    "criterion_8_4": True,
    "digital_services": 2,
    "community_tech_members": 5,
    "cooperatives": 2,
    "cooperatives_digital": 1,
    "ocop_products": 3,
    "ocop_products_online": 1,
    "households_selling_online": 10,
    "prominent_sector": "trong_trot",
    "digital_providers": 1,
    "dx_demand": 1,
    "ntm_level": "dat_chuan",
    "commune_category": "zone_i",
}


def survey(*rows: dict) -> pd.DataFrame:
    """A typed survey frame from row overrides of BASE."""
    frame = pd.DataFrame([{**BASE, **r} for r in rows], columns=list(BASE))
    ints = [c for c, v in BASE.items() if isinstance(v, int) and not isinstance(v, bool)]
    frame = frame.astype({c: "int64" for c in ints})
    frame = frame.astype({c: bool for c in ("postal_point", "radio_it", "criterion_8_4")})
    for c in ("prominent_sector", "commune_category"):
        frame[c] = frame[c].astype(object).where(frame[c].notna(), None)
    return frame


# Legacy fixture (province "90"):
#   L1 10001 + L2 10002  → merged into N1 20001
#   L3 10003             → N2 20002 (one to one)
#   L4 10004             → split: default N2 20002 (area 30 km²), N3 20003 (area 10 km²)
#   L5 10005             → not in the crosswalk (unknown code)
#   L6 10006             → crosswalk says legacy province 91 (province mismatch)
#   L7 10007             → in the crosswalk without a 2025 unit (no target)
L1 = {"commune_code": "10001", "commune_name": "Xã A"}
L2 = {
    "commune_code": "10002",
    "commune_name": "Xã B",
    "households": 300,
    "population": 1000,
    "villages": 6,
    "officials": 30,
    "villages_fiber": 6,
    "villages_4g": 5,
    "radio_it": False,
    "households_internet": 200,
    "households_smart_device": 250,
    "households_internet_smart": 180,
    "officials_computer": 20,
    "officials_email": 30,
    "officials_eoffice": 25,
    "files_online_share": 0.9,
    "digital_services": 3,
    "community_tech_members": 10,
    "cooperatives": 1,
    "cooperatives_digital": 0,
    "ocop_products": 0,
    "ocop_products_online": 0,
    "households_selling_online": 20,
    "prominent_sector": "chan_nuoi",
    "digital_providers": 2,
    "dx_demand": 3,
    "ntm_level": "nang_cao",
    "commune_category": "zone_iii",
}
L3 = {
    "commune_code": "10003",
    "commune_name": "Xã C",
    "households": 200,
    "population": 700,
    "villages": 5,
    "officials": 20,
}
L4 = {
    "commune_code": "10004",
    "commune_name": "Xã D",
    "households": 101,
    "population": 350,
    "villages": 3,
    "officials": 7,
    "villages_fiber": 3,
    "villages_4g": 3,
    "officials_computer": 7,
    "officials_email": 7,
    "officials_eoffice": 6,
}
L5 = {"commune_code": "10005", "commune_name": "Xã E"}
L6 = {"commune_code": "10006", "commune_name": "Xã F"}
L7 = {"commune_code": "10007", "commune_name": "Xã G"}

CROSSWALK = pd.DataFrame(
    {
        "legacy_province_code": ["90", "90", "90", "90", "91", "90", "90"],
        "legacy_commune_code": ["10001", "10002", "10003", "10004", "10006", "10007", "10008"],
        "legacy_commune_name": ["Xã A", "Xã B", "Xã C", "Xã D", "Xã F", "Xã G", "Thị trấn H"],
        "province_code": ["70", "70", "70", "70", "70", None, "70"],
        "commune_code": ["20001", "20001", "20002", "20002", "20002", None, "20002"],
        "commune_name": [
            "Xã An Bình",
            "Xã An Bình",
            "Xã Bình Minh",
            "Xã Bình Minh",
            "Xã Bình Minh",
            None,
            "Xã Bình Minh",
        ],
        "is_split": [False, False, False, True, False, False, False],
        "is_default_target": [True, True, True, True, True, False, True],
        "n_targets": [1, 1, 1, 2, 1, 0, 1],
        "match_note": [None, None, None, "split among 2", None, "không có / none", None],
    }
)
SPLIT_TARGETS = pd.DataFrame(
    {
        "legacy_province_code": ["90", "90"],
        "legacy_commune_code": ["10004", "10004"],
        "legacy_commune_name": ["Xã D", "Xã D"],
        "province_code": ["70", "70"],
        "commune_code": ["20002", "20003"],
        "commune_name": ["Xã Bình Minh", "Phường Cát"],
        "area_km2": [30.0, 10.0],
        "area_share": [0.75, 0.25],
        "is_default": [True, False],
    }
)
UNITS = pd.DataFrame(
    {
        "province_code": ["70", "70", "70", "70", "70"],
        "commune_code": ["20001", "20002", "20003", "20004", "20005"],
        "commune_name": ["Xã An Bình", "Xã Bình Minh", "Phường Cát", "Xã Đông", "Đặc khu Đảo"],
        "unit_type": ["xã", "xã", "phường", "xã", "đặc khu"],
    }
)


def legacy_fixture() -> pd.DataFrame:
    return survey(L1, L2, L3, L4, L5, L6, L7)


def convert(frame=None, params=None, split_weights=None):
    return D.convert_legacy(
        legacy_fixture() if frame is None else frame,
        params,
        split_weights,
        crosswalk=CROSSWALK,
        split_targets=SPLIT_TARGETS,
        units=UNITS,
    )


def row(frame: pd.DataFrame, code: str) -> pd.Series:
    hit = frame[frame["commune_code"] == code]
    assert len(hit) == 1, code
    return hit.iloc[0]


# ----------------------------------------------------------------- conversion


class TestAllocate:
    def test_ties_go_to_earlier_rows_and_total_is_kept(self):
        # 10 by three equal weights: quotas 3.33 each → floors 3,3,3, one left → first row: 4,3,3
        got = D._allocate(pd.Series([10, 10, 10]), pd.Series([1.0, 1.0, 1.0]), pd.Series([0, 0, 0]))
        assert got.tolist() == [4, 3, 3]

    def test_largest_remainder(self):
        # 7 by .5/.3/.2: quotas 3.5, 2.1, 1.4 → floors 3,2,1 (6), the one left → largest remainder .5: 4,2,1
        got = D._allocate(pd.Series([7, 7, 7]), pd.Series([0.5, 0.3, 0.2]), pd.Series([1, 1, 1]))
        assert got.tolist() == [4, 2, 1]

    def test_groups_are_independent(self):
        got = D._allocate(
            pd.Series([5, 5, 3]), pd.Series([1.0, 1.0, 2.0]), pd.Series(["a", "a", "b"])
        )
        assert got.tolist() == [3, 2, 3]  # 2.5/2.5 → 3,2 ; single row keeps 3


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
        assert list(D.drop_partial_units(out, report)["commune_code"]) == ["20001"]

    def test_output_columns_dtypes_and_metadata(self):
        out, report = convert()
        assert list(out.columns) == list(D.SURVEY_COLUMNS)
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


class TestConversionRules:
    def test_rules_text_follows_params(self):
        rules = {r["rule"]: r for r in D.conversion_rules(None, "area")}
        assert "mọi xã cũ" in rules["bool_rule"]["rule_vi"]
        assert "officials" in rules["shares"]["rule_en"]
        assert "area" in rules["split_weights"]["rule_en"]


# ----------------------------------------------------------------- quality report

# Current-units fixture (province "70"; units in UNITS): 20001 and 20002 surveyed; 20004, 20005 missing.
Q1 = {
    "province_code": "70",
    "commune_code": "20001",
    "commune_name": "Xã An Bình",
    "year": 2025,
    "households": 2000,
    "population": 7000,
    "villages": 10,
    "officials": 30,
}
Q2 = {
    "province_code": "70",
    "commune_code": "20002",
    "commune_name": "Xã Bình Minh",
    "year": 2025,
    "households": 100,  # below 300 → warning
    "population": 1000,  # 10 persons per household → above 7 → warning
    "villages": 3,
    "officials": 25,
    "prominent_sector": None,
}


class TestQualityReport:
    def report(self, frame, previous=None):
        return D.quality_report(frame, None, previous, units=UNITS)

    def test_completeness(self):
        q = self.report(survey(Q1, Q2))
        comp = q["completeness"].set_index("column")
        assert comp.loc["prominent_sector", "completeness"] == pytest.approx(0.5)  # 1 of 2
        assert comp.loc["households", "completeness"] == 1.0
        # matrix: 4 rural units (2 surveyed + 20004, 20005 missing) × 33 columns; missing ones all 0
        m = q["completeness_matrix"]
        assert list(m.columns) == ["20001", "20002", "20004", "20005"]
        assert m["20004"].sum() == 0 and m.loc["prominent_sector", "20002"] == 0
        assert q["completeness_by_province"].loc["households", "70"] == pytest.approx(
            0.5
        )  # 2 of 4 units

    def test_range_warnings(self):
        q = self.report(survey(Q1, Q2))
        found = set(zip(q["ranges"]["commune_code"], q["ranges"]["check"], strict=True))
        assert found == {("20002", "households"), ("20002", "persons_per_household")}
        assert set(q["ranges"]["severity"]) == {"warning"}
        assert q["ranges"].set_index("check").loc[
            "persons_per_household", "value"
        ] == pytest.approx(10.0)

    def test_missing_and_unknown_units(self):
        q = self.report(survey(Q1, Q2, {**Q1, "commune_code": "29999", "households": 2100}))
        assert sorted(q["missing_units"]["commune_code"]) == [
            "20004",
            "20005",
        ]  # phường 20003 not expected
        assert list(q["unknown_units"]["commune_code"]) == ["29999"]

    def test_duplicates(self):
        q = self.report(
            survey(Q1, Q1, Q2, {**Q2, "commune_code": "20004", "commune_name": "Xã Đông"})
        )
        kinds = sorted(zip(q["duplicates"]["commune_code"], q["duplicates"]["check"], strict=True))
        assert kinds == [
            ("20001", "duplicate_key"),
            ("20001", "duplicate_key"),
            ("20002", "identical_values"),
            ("20004", "identical_values"),
        ]

    def test_jumps_against_previous(self):
        previous = survey({**Q1, "year": 2023, "households": 1000, "population": 6500})
        q = self.report(survey(Q1, Q2), previous)
        jumps = q["jumps"]
        # households 1000 → 2000: ratio 2 > 1.5 and change 1000 ≥ 300 → flagged
        # population 6500 → 7000: ratio 1.08 → not flagged
        assert list(zip(jumps["commune_code"], jumps["column"], strict=True)) == [
            ("20001", "households")
        ]
        assert (
            jumps.iloc[0]["ratio"] == pytest.approx(2.0) and jumps.iloc[0]["year_previous"] == 2023
        )

    def test_zero_previous_counts_as_infinite_ratio(self):
        previous = survey({**Q1, "year": 2023, "cooperatives": 0})
        q = self.report(survey({**Q1, "cooperatives": 12}), previous)
        # 0 → 12: change 12 ≥ 10, ratio infinite → flagged
        assert list(q["jumps"]["column"]) == ["cooperatives"] and np.isinf(
            q["jumps"].iloc[0]["ratio"]
        )

    def test_overview_counts(self):
        q = self.report(survey(Q1, Q2))
        counts = q["overview"].set_index("check")["count"]
        assert counts["ranges"] == 2 and counts["missing_units"] == 2 and counts["jumps"] == 0

    def test_missing_column(self):
        with pytest.raises(MissingColumnError, match="year"):
            self.report(survey(Q1).drop(columns="year"))


# ----------------------------------------------------------------- export package


def current_fixture() -> pd.DataFrame:
    return survey(
        Q1,
        {**Q2, "households": 400, "population": 1500},
        {**Q1, "commune_code": "20004", "commune_name": "Xã Đông", "households": 1500},
    )


class TestExportPackage:
    def test_layout_and_checksums(self, tmp_path):
        folder = D.export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        assert folder.parent == tmp_path / "data_export"
        assert folder.name.startswith("2025-07-01-") and len(folder.name) == len("2025-07-01-") + 12
        names = sorted(p.name for p in folder.iterdir())
        assert names == [
            "SHA256SUMS",
            "datapackage.json",
            "khao_sat_70-thu.csv",
            "tu_dien_du_lieu.csv",
        ]
        for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
            digest, name = line.split("  ")
            assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
        sums = hashlib.sha256((folder / "SHA256SUMS").read_bytes()).hexdigest()
        assert folder.name.endswith(sums[:12])
        assert D.verify_checksums(folder) == []

    def test_csv_and_dictionary(self, tmp_path):
        folder = D.export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        text = (folder / "khao_sat_70-thu.csv").read_text(encoding="utf-8")
        assert text.splitlines()[0] == ",".join(D.SURVEY_COLUMNS)
        assert len(text.splitlines()) == 4 and "Xã Đông" in text
        dictionary = (folder / "tu_dien_du_lieu.csv").read_bytes()
        assert dictionary.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Vietnamese correctly
        assert "Số hộ" in dictionary.decode("utf-8-sig")

    def test_descriptor_schema_from_survey_schema(self, tmp_path):
        folder = D.export_package(
            current_fixture(), tmp_path, "70-thu", date="2025-07-01", illustrative=True
        )
        desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        fields = {f["name"]: f for f in desc["resources"][0]["schema"]["fields"]}
        assert list(fields) == list(D.SURVEY_COLUMNS)
        assert (
            fields["households"]["type"] == "integer"
            and fields["households"]["constraints"]["minimum"] == 1
        )
        assert fields["files_online_share"]["constraints"] == {
            "required": True,
            "minimum": 0,
            "maximum": 1,
        }
        assert fields["postal_point"]["type"] == "boolean"
        assert "dat_chuan" in fields["ntm_level"]["constraints"]["enum"]
        assert fields["households"]["title"] == "Số hộ"
        assert "minh họa" in desc["description"]

    def test_reexport_is_idempotent_even_on_another_day(self, tmp_path):
        first = D.export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        stamp = (first / "datapackage.json").stat().st_mtime_ns
        again = D.export_package(current_fixture(), tmp_path, "70-thu", date="2025-08-15")
        assert again == first
        assert (first / "datapackage.json").stat().st_mtime_ns == stamp  # not rewritten
        assert sorted(p.name for p in (tmp_path / "data_export").iterdir()) == [
            first.name
        ]  # no temp left

    def test_changed_content_gets_a_new_version(self, tmp_path):
        first = D.export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        changed = current_fixture().assign(households=lambda f: f["households"] + 1)
        second = D.export_package(changed, tmp_path, "70-thu", date="2025-07-01")
        assert second != first and first.is_dir() and second.is_dir()

    def test_corrupted_version_is_not_reused_nor_overwritten(self, tmp_path):
        first = D.export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        (first / "khao_sat_70-thu.csv").write_text("broken", encoding="utf-8")
        with pytest.raises(ValueError, match="never overwritten"):
            D.export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        assert D.verify_checksums(first) == [
            "Mã SHA-256 không khớp / checksum mismatch: khao_sat_70-thu.csv"
        ]
        fresh = D.export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-02")
        assert fresh.name.startswith("2025-07-02-")

    def test_bad_date_and_label(self, tmp_path):
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            D.export_package(current_fixture(), tmp_path, "x", date="1/7/2025")
        with pytest.raises(ValueError, match="label"):
            D.export_package(current_fixture(), tmp_path, "—", date="2025-07-01")

    def test_missing_column(self, tmp_path):
        with pytest.raises(MissingColumnError, match="households"):
            D.export_package(
                current_fixture().drop(columns="households"), tmp_path, "x", date="2025-07-01"
            )

    def test_national_folder(self, tmp_path):
        folder = D.export_national(current_fixture(), tmp_path, date="2025-07-01")
        assert folder.parent == tmp_path / "00-toan-quoc" / "data_export"
        assert (folder / "khao_sat_toan-quoc.csv").is_file()


@pytest.mark.slow  # the first frictionless validation imports jsonschema grammars (several seconds)
class TestValidatePackage:
    def test_valid_package(self, tmp_path):
        folder = D.export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        ok, errors = D.validate_package(folder)
        assert ok and errors == []
        assert D.validate_package(folder / "datapackage.json")[0]

    def test_invalid_value_and_checksum_reported(self, tmp_path):
        folder = D.export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        csv = folder / "khao_sat_70-thu.csv"
        csv.write_text(
            csv.read_text(encoding="utf-8").replace(",2000,", ",-5,", 1), encoding="utf-8"
        )
        ok, errors = D.validate_package(folder)
        assert not ok
        assert any("checksum" in e for e in errors)
        assert any("households" in e and "constraint" in e for e in errors)

    def test_missing_descriptor(self, tmp_path):
        ok, errors = D.validate_package(tmp_path)
        assert not ok and any("datapackage.json" in e for e in errors)


# ----------------------------------------------------------------- summary, assumptions


class TestSummary:
    def test_keys_and_values(self, tmp_path):
        q = D.quality_report(survey(Q1, Q2), None, None, units=UNITS)
        folder = D.export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        _, report = convert()
        s = D.summary(q, folder, tmp_path, (True, []), report)
        json.dumps(s)
        assert s["n_rows"] == 2
        # 2 rows × 33 columns = 66 cells, one empty (Q2's sector); commune_category filled
        assert s["completeness"] == round(65 / 66, 4)
        assert s["incomplete_columns"] == {"prominent_sector": 0.5}
        assert s["n_problems"] == s["n_range_warnings"] + s["n_missing_units"] == 4
        assert (
            s["export_path"] == f"data_export/{folder.name}" and s["export_version"] == folder.name
        )
        assert s["export_valid"] is True and s["export_errors"] == 0
        assert s["conversion"]["n_unmatched"] == 3 and s["conversion"]["totals_preserved"] is True

    def test_empty(self):
        s = D.summary()
        assert s["export_version"] is None and s["conversion"] is None


class TestAssumptions:
    def test_every_leaf_listed_with_source(self):
        table = D.assumptions()
        keys = set(table["key"])
        assert {
            "datashare.conversion.bool_rule",
            "datashare.export.hash_length",
            "datashare.quality.ranges.households",
        } <= keys
        assert table["source"].str.len().gt(0).all()


class TestLegacySource:
    def test_choice(self, tmp_path):
        assert D.legacy_source(tmp_path / "x.csv", "legacy", False) == tmp_path / "x.csv"
        assert (
            D.legacy_source(tmp_path / "x.csv", "current", False) is None
        )  # never mix with real data
        if paths.SAMPLE_LEGACY_SURVEY.is_file():
            assert (
                D.legacy_source(tmp_path / "x.csv", "current", True) == paths.SAMPLE_LEGACY_SURVEY
            )


# ----------------------------------------------------------------- integration with the packaged data


needs_sample = pytest.mark.skipif(
    not paths.SAMPLE_LEGACY_SURVEY.is_file(), reason="illustrative legacy sample not generated yet"
)


@pytest.mark.slow
@needs_sample
class TestBundledLegacySample:
    def test_converted_sample_passes_validation(self):
        from ntmplan.survey import loading, schema

        legacy = loading.load_survey(paths.SAMPLE_LEGACY_SURVEY, scheme="legacy")
        for method in ("default", "area"):
            out, report = D.convert_legacy(legacy, split_weights=method)
            assert report.n_unmatched == 0 and report.preserved
            assert out["households"].sum() == legacy["households"].sum()
            _, problems = schema.validate_survey(out, scheme="current")
            assert [p for p in problems if p.severity == "error"] == []

    def test_cli_conversion(self, tmp_path, capsys, file_hash):
        from ntmplan.core import writers
        from ntmplan.core.errors import InputError
        from ntmplan.survey import loading, schema

        legacy = loading.load_survey(paths.SAMPLE_LEGACY_SURVEY, scheme="legacy")
        src = tmp_path / "cu.csv"
        writers.write_csv(src, legacy[legacy["province_code"] == "36"])  # Nam Định → Ninh Bình
        before = file_hash(src)
        dst = tmp_path / "moi.csv"
        assert D.run_convert_legacy(src, dst) == 0
        assert file_hash(src) == before
        meta = json.loads((tmp_path / "moi.csv.metadata.json").read_text(encoding="utf-8"))
        assert meta["input"]["sha256"] == before and meta["report"]["totals_preserved"] is True
        assert meta["output"]["sha256"] == file_hash(dst)
        converted = loading.load_survey(dst)
        assert set(converted["province_code"]) == {"37"}
        assert "Đối chiếu được" in capsys.readouterr().out
        with pytest.raises(InputError, match="1 vấn đề"):
            D.run_convert_legacy(src, src)
        with pytest.raises(InputError):
            D.run_convert_legacy(src, tmp_path / "." / "cu.csv")
        assert file_hash(src) == before
        errors = [p for p in schema.validate_survey(converted)[1] if p.severity == "error"]
        assert errors == []

    def test_province_selection(self):
        out, report = D.convert_legacy_province(paths.SAMPLE_LEGACY_SURVEY, "37")
        assert set(out["province_code"]) == {"37"} and report.n_unmatched == 0
        assert set(report.mapping["legacy_province_code"]) >= {
            "36"
        }  # Nam Định became part of Ninh Bình


def test_missing_input_file_is_an_input_error(tmp_path):
    from ntmplan.core.errors import InputError

    with pytest.raises(InputError):
        D.run_convert_legacy(tmp_path / "none.csv", tmp_path / "out.csv")


def test_labels_cover_outputs():
    _, report = convert()
    q = D.quality_report(
        survey(Q1, Q2), None, survey({**Q1, "year": 2023, "households": 1000}), units=UNITS
    )
    frames = [
        report.unmatched,
        report.totals,
        report.mapping,
        report.partial_units,
        report.counts_table(),
    ]
    frames += [
        q[k]
        for k in (
            "overview",
            "completeness",
            "ranges",
            "duplicates",
            "missing_units",
            "unknown_units",
            "jumps",
        )
    ]
    for frame in frames:
        for col in frame.columns:
            assert col in D.LABELS, col
    assert Path(D.__file__).parent.name == "datashare"
