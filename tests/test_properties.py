"""Property-based tests (hypothesis) of the core rules.

- Pilots: adding a commune's reported shortfalls to its counts makes it pass every
  condition of the pilot type (``ntmplan.tasks.pilots.check_eligibility``), whatever the
  thresholds.
- Legacy → 2025 conversion preserves every summed total
  (``ntmplan.tasks.datashare.convert_legacy`` with a small generated crosswalk, merges and
  splits with explicit weights).
- Budget tables sum to their totals by every grouping (``ntmplan.tasks.budget.build``,
  ``totals``, ``pivot``), whatever the unit costs, source splits and envelopes.
- Validation never raises on arbitrary text in any cell: it reports
  (``ntmplan.survey.schema.validate_survey``; the CLI path ``collect_problems`` never
  falls back to "unexpected error").

Settings are deterministic (``derandomize=True``) with modest example counts.
"""

from __future__ import annotations

import copy
import csv
import io
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntmplan.core.params import default_params
from ntmplan.survey import schema
from ntmplan.survey.loading import load_survey
from ntmplan.survey.validate import collect_problems
from ntmplan.tasks import budget, datashare, pilots

SAMPLE = Path(__file__).parents[1] / "data" / "sample" / "khao_sat_2025_du_lieu_minh_hoa.csv"

PROPERTY = settings(
    derandomize=True,
    database=None,
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def sample_rows(n: int = 3, province: str = "01") -> tuple[list[str], list[list[str]]]:
    """Header and the first ``n`` rows (strings) of a province in the bundled sample."""
    with open(SAMPLE, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], [r for r in rows[1:] if r[0] == province][:n]


@pytest.fixture(scope="module")
def cao_bang() -> pd.DataFrame:
    """The validated illustrative survey of Cao Bằng (04), 53 communes."""
    survey = load_survey(SAMPLE)
    return survey[survey["province_code"] == "04"].reset_index(drop=True)


# ---------------------------------------------------------------- generated survey rows


@st.composite
def counts_row(draw) -> dict:
    """Counts of one commune that satisfy the schema's bounds (parts ≤ totals, population ≥ households)."""
    row: dict[str, int] = {}
    for f in schema.FIELDS:
        if f.kind != "int" or f.name == "dx_demand" or f.optional:
            continue
        lo = f.minimum or 0
        hi = 60 if f.name in ("villages", "officials") else 5000
        for other in f.at_most:
            hi = min(hi, row[other])
        for other in f.at_least:
            lo = max(lo, row[other])
            hi = max(hi, lo + 5000)
        row[f.name] = draw(st.integers(lo, max(lo, hi)))
    row["dx_demand"] = draw(st.integers(1, 5))
    return row


def survey_frame(rows: list[dict], codes: list[str], province: str = "01") -> pd.DataFrame:
    """A survey frame with exactly the DESIGN.md columns and dtypes around generated counts."""
    n = len(rows)
    frame = pd.DataFrame(rows)
    frame["province_code"] = province
    frame["commune_code"] = codes
    frame["commune_name"] = [f"Xã Thử {i}" for i in range(n)]
    frame["unit_type"] = "xã"
    frame["year"] = 2023
    for col in ("postal_point", "radio_it", "criterion_8_4"):
        frame[col] = True
    frame["files_online_share"] = 0.5
    frame["prominent_sector"] = "trong_trot"
    frame["ntm_level"] = "dat_chuan"
    frame["commune_category"] = "other"
    for col in schema.COLUMNS:
        if col not in frame and schema.FIELD_BY_NAME[col].optional:
            frame[col] = None  # an optional column left empty, as validation gives it
        elif schema.FIELD_BY_NAME[col].kind in ("int", "year"):
            frame[col] = frame[col].astype("int64")
    return frame[list(schema.COLUMNS)]


# ---------------------------------------------------------------- pilots

SHORTFALL_TO_COUNT = {
    "shortfall_households": "households_internet_smart",
    "shortfall_officials_computer": "officials_computer",
    "shortfall_officials_email": "officials_email",
    "shortfall_officials_eoffice": "officials_eoffice",
    "shortfall_villages_fiber": "villages_fiber",
    "shortfall_villages_4g": "villages_4g",
    "shortfall_providers": "digital_providers",
    "shortfall_ocop_online": "ocop_products_online",
    "shortfall_households_selling": "households_selling_online",
}

#: Threshold keys that are shares (0–1) and those that are minimum counts.
SHARE_KEYS = (
    "villages_fiber_share",
    "villages_4g_share",
    "households_internet_smart_share",
    "officials_computer_share",
    "officials_email_share",
    "officials_eoffice_share",
    "households_selling_online_share",
)
MIN_KEYS = ("digital_providers_min", "ocop_products_online_min")


class TestShortfallsClosePilotGaps:
    @PROPERTY
    @given(
        rows=st.lists(counts_row(), min_size=1, max_size=8),
        shares=st.fixed_dictionaries({k: st.integers(0, 100) for k in SHARE_KEYS}),
        minimums=st.fixed_dictionaries({k: st.integers(0, 4) for k in MIN_KEYS}),
        pilot_type=st.sampled_from(["smart_commune", "ecommerce_commune"]),
    )
    def test_adding_shortfalls_passes_every_condition(self, rows, shares, minimums, pilot_type):
        params = default_params()
        th = params["pilots"]["thresholds"]
        for key, pct in shares.items():
            th[key] = pct / 100  # e.g. 0.37 read as the exact fraction 37/100
        th.update(minimums)
        survey = survey_frame(rows, [f"{i:05d}" for i in range(len(rows))])
        # the demand for digital transformation is the commune's own: no budget line closes it
        survey["dx_demand"] = survey["dx_demand"].clip(lower=th["sector_min_dx_demand"])
        before = pilots.check_eligibility(survey, params, pilot_type)
        shortfalls = [c for c in SHORTFALL_TO_COUNT if c in before.columns]
        fixed = survey.copy()
        for col in shortfalls:
            fixed[SHORTFALL_TO_COUNT[col]] += before[col].to_numpy()
        # the shortfall never asks for more than the whole (households, villages, officials)
        for part, whole in [
            ("households_internet_smart", "households"),
            ("officials_computer", "officials"),
            ("villages_fiber", "villages"),
        ]:
            assert (fixed[part] <= fixed[whole]).all()
        after = pilots.check_eligibility(fixed, params, pilot_type)
        gates = pilots.gate_columns(after)
        assert after[gates].all(axis=None), after.loc[~after["eligible"], "missing_vi"].tolist()
        assert after["eligible"].all()
        assert (after[shortfalls] == 0).all(axis=None)
        # and a commune already eligible had nothing to add
        assert (before.loc[before["eligible"], shortfalls] == 0).all(axis=None)


# ---------------------------------------------------------------- legacy → 2025


@st.composite
def conversion_case(draw):
    """Legacy survey rows, a crosswalk onto a few new units (merges, splits) and split weights."""
    n_new = draw(st.integers(1, 4))
    n_legacy = draw(st.integers(1, 8))
    new_codes = [f"2{i:04d}" for i in range(1, n_new + 1)]
    legacy_codes = [f"1{i:04d}" for i in range(1, n_legacy + 1)]
    targets = [draw(st.sampled_from(new_codes)) for _ in legacy_codes]
    split = [draw(st.booleans()) if n_new > 1 else False for _ in legacy_codes]
    crosswalk = pd.DataFrame(
        {
            "legacy_province_code": "02",
            "legacy_commune_code": legacy_codes,
            "commune_code": targets,
            "is_split": split,
            "match_note": "",
        }
    )
    weights = []
    for code, default, is_split in zip(legacy_codes, targets, split, strict=True):
        if not is_split:
            continue
        parts = draw(st.lists(st.sampled_from(new_codes), min_size=2, max_size=n_new, unique=True))
        for part in parts:
            weights.append(
                {
                    "legacy_commune_code": code,
                    "commune_code": part,
                    "weight": draw(st.integers(1, 9)) / 10,
                    "is_default": part == default,
                }
            )
    weights = pd.DataFrame(
        weights, columns=["legacy_commune_code", "commune_code", "weight", "is_default"]
    )
    units = pd.DataFrame(
        {
            "province_code": "08",
            "commune_code": new_codes,
            "commune_name": [f"Xã Mới {c}" for c in new_codes],
            "unit_type": "xã",
        }
    )
    years = draw(st.lists(st.sampled_from([2022, 2023]), min_size=1, max_size=2, unique=True))
    frames = []
    for year in years:
        rows = [draw(counts_row()) for _ in legacy_codes]
        f = survey_frame(rows, legacy_codes, province="02")
        f["year"] = np.int64(year)
        frames.append(f)
    return pd.concat(frames, ignore_index=True), crosswalk, weights, units


class TestLegacyConversionPreservesTotals:
    @settings(PROPERTY, max_examples=20)
    @given(case=conversion_case())
    def test_summed_totals_are_preserved(self, case):
        survey, crosswalk, weights, units = case
        params = default_params()
        converted, report = datashare.convert_legacy(
            survey, params, split_weights=weights, crosswalk=crosswalk, units=units
        )
        assert report.n_unmatched == 0
        summed = [
            c
            for c in datashare.COUNT_COLUMNS
            if c not in params["datashare"]["conversion"]["max_columns"]
        ]
        for year in survey["year"].unique():
            before = survey.loc[survey["year"] == year, summed].sum()
            after = converted.loc[converted["year"] == year, summed].sum()
            pd.testing.assert_series_equal(after, before, check_names=False)
        assert report.preserved
        # every new unit respects the bounds (parts never above their totals)
        assert (converted["households_internet_smart"] <= converted["households"]).all()
        assert (converted["population"] >= converted["households"]).all()
        assert set(converted["commune_code"]) <= set(units["commune_code"])


# ---------------------------------------------------------------- budget


class TestBudgetTablesAddUp:
    @settings(PROPERTY, max_examples=20)
    @given(
        picks=st.lists(st.integers(0, 52), min_size=1, max_size=12, unique=True),
        members=st.integers(0, 40),
        unit_cost_factor=st.integers(5, 30),
        socialised_factor=st.integers(0, 20),
        central_cap=st.one_of(st.none(), st.integers(0, 4000)),
        provincial_cap=st.one_of(st.none(), st.integers(0, 4000)),
        scheme=st.sampled_from(["current", "legacy"]),
    )
    def test_every_grouping_sums_to_the_total(
        self,
        cao_bang,
        picks,
        members,
        unit_cost_factor,
        socialised_factor,
        central_cap,
        provincial_cap,
        scheme,
    ):
        params = default_params()
        b = params["budget"]
        b["unit_cost_factor"] = unit_cost_factor / 10
        b["socialised_factor"] = socialised_factor / 10
        b["envelopes"] = {
            k: v
            for k, v in {"central": central_cap, "provincial": provincial_cap}.items()
            if v is not None
        }
        survey = cao_bang.iloc[picks].copy()
        survey["community_tech_members"] = members
        result = budget.build({"survey": survey}, params, scheme)
        tidy, costs, t = result["tidy"], result["costs"], result["totals"]
        total = float(tidy["amount_mvnd"].sum())
        close = dict(rel=1e-9, abs=1e-6)
        assert t["total"] == pytest.approx(total, **close)
        assert total == pytest.approx(
            float(costs["cost_mvnd"].sum()), **close
        )  # envelopes move money, never lose it
        for key in ("by_source", "by_year", "by_activity"):
            assert float(t[key].sum()) == pytest.approx(total, **close)
        for key in ("year_x_source", "activity_x_source"):
            assert float(t[key].to_numpy().sum()) == pytest.approx(total, **close)
        by_activity = tidy.groupby("activity")["amount_mvnd"].sum()
        cost_by_activity = costs.groupby("activity")["cost_mvnd"].sum()
        pd.testing.assert_series_equal(
            by_activity.sort_index(), cost_by_activity.sort_index(), check_names=False, rtol=1e-9
        )
        for rows in ("year", "activity"):
            table = budget.pivot(tidy, rows, params).set_index(budget.LABELS[rows])
            body, total_col = table.iloc[:-1], table.columns[-1]
            np.testing.assert_allclose(
                body.drop(columns=total_col).sum(axis=1), body[total_col], rtol=1e-9, atol=1e-6
            )
            np.testing.assert_allclose(body.sum(axis=0), table.iloc[-1], rtol=1e-9, atol=1e-6)
            assert float(table.iloc[-1][total_col]) == pytest.approx(total, **close)


# ---------------------------------------------------------------- validation never raises

HEADER, ROWS = sample_rows(3)
#: Text people really paste into cells, plus arbitrary Unicode.
NASTY = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "nan",
            "NaN",
            "inf",
            "-inf",
            "1e400",
            "-0",
            "0x1F",
            "1_000",
            "١٢٣",
            "１２",
            "12,5",
            "1.234.567",
            "65%",
            "%",
            "--5",
            "=1+1",
            "@SUM(A1)",
            "<script>alert(1)</script>",
            "TRUE",
            "#DIV/0!",
            "2025-02-30",
            "31/12/2025",
            "9" * 40,
            "x" * 5000,
            "\x00",
            "\ufeff",
            "a\nb",
            'a"b',
            "ă\u0301",
        ]
    ),
)


class TestValidationNeverRaises:
    @settings(PROPERTY, max_examples=30)
    @given(
        edits=st.lists(
            st.tuples(st.integers(0, len(ROWS) - 1), st.sampled_from(HEADER), NASTY),
            min_size=1,
            max_size=6,
        )
    )
    def test_arbitrary_text_in_any_cell_is_reported(self, edits):
        frame = pd.DataFrame([list(r) for r in ROWS], columns=HEADER, dtype=object)
        for row, column, text in edits:
            frame.at[row, column] = text
        typed, problems = schema.validate_survey(frame)
        assert list(typed.columns) == list(schema.COLUMNS)
        assert all(isinstance(p.rule_vi, str) and p.rule_en for p in problems)
        # the rows kept are exactly those without an error, fully typed
        bad_rows = {p.row for p in problems if p.severity == "error" and p.row is not None}
        assert len(typed) == len(ROWS) - len(bad_rows)
        for f in schema.FIELDS:
            if f.kind in ("int", "year") and not f.optional:
                assert typed[f.name].dtype == "int64"
            elif f.kind == "int":  # an optional count: whole numbers, or None when left empty
                assert all(v is None or float(v).is_integer() for v in typed[f.name]), f.name
        assert typed["files_online_share"].between(0, 1).all()

    @settings(PROPERTY, max_examples=20)
    @given(
        edits=st.lists(
            st.tuples(st.integers(0, len(ROWS) - 1), st.sampled_from(HEADER), NASTY),
            min_size=1,
            max_size=4,
        ),
        header=st.one_of(st.none(), st.tuples(st.sampled_from(HEADER), st.text(max_size=20))),
    )
    def test_arbitrary_text_in_a_csv_file_never_gives_an_unexpected_error(self, edits, header):
        rows = [list(r) for r in ROWS]
        head = list(HEADER)
        for row, column, text in edits:
            rows[row][HEADER.index(column)] = text
        if header is not None:
            head[HEADER.index(header[0])] = header[1]
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerows([head, *rows])
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "khao_sat.csv"
            path.write_bytes(buf.getvalue().encode("utf-8", errors="surrogatepass"))
            before = path.read_bytes()
            problems = collect_problems(path)
            assert path.read_bytes() == before
        unexpected = [p for p in problems if p.rule_en.startswith("unexpected error")]
        assert unexpected == []


def test_property_fixtures_are_consistent():
    """The generated counts pass validation: failures above are the code's, not the generator's."""
    row = {
        "households": 10,
        "population": 30,
        "villages": 2,
        "officials": 3,
        "villages_fiber": 1,
        "villages_4g": 2,
        "households_internet": 5,
        "households_smart_device": 6,
        "households_internet_smart": 4,
        "officials_computer": 3,
        "officials_email": 2,
        "officials_eoffice": 1,
        "digital_services": 0,
        "community_tech_members": 4,
        "cooperatives": 1,
        "cooperatives_digital": 1,
        "ocop_products": 2,
        "ocop_products_online": 1,
        "households_selling_online": 1,
        "digital_providers": 1,
        "dx_demand": 3,
    }
    frame = survey_frame([row], ["00004"])
    _typed, problems = schema.validate_survey(copy.deepcopy(frame))
    assert [
        p
        for p in problems
        if p.severity == "error" and p.column not in ("commune_code", "commune_name")
    ] == []
