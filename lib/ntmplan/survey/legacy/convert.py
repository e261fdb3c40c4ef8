"""Carrying a survey keyed by legacy codes (63 provinces, before 1 Jul 2025) into the 2025 units.

The steps live beside this module: :mod:`~ntmplan.survey.legacy.matching` (rows to new
units), :mod:`~ntmplan.survey.legacy.allocation` (split communes),
:mod:`~ntmplan.survey.legacy.aggregate` (one row per new unit) and
:mod:`~ntmplan.survey.legacy.findings` (the report's tables); the rules are in
:mod:`~ntmplan.survey.legacy.rules`.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.survey import units as admin_units
from ntmplan.survey.legacy.aggregate import aggregate_parts, attach_units
from ntmplan.survey.legacy.allocation import allocate_counts, split_weight_table
from ntmplan.survey.legacy.findings import (
    mapping_table,
    merged_rows,
    partial_units,
    totals_table,
    units_without_data,
)
from ntmplan.survey.legacy.matching import (
    legacy_rows,
    match_crosswalk,
    split_parts,
    unmatched_rows,
)
from ntmplan.survey.legacy.pilots import pilots_in_wards, read_central_pilots
from ntmplan.survey.legacy.report import ConversionReport
from ntmplan.survey.legacy.rules import (
    COUNT_COLUMNS,
    REQUIRED_COLUMNS,
    SURVEY_COLUMNS,
    conversion_params,
    conversion_rules,
)


def convert_legacy(
    survey: pd.DataFrame,
    params: dict | None = None,
    split_weights=None,
    *,
    crosswalk: pd.DataFrame | None = None,
    split_targets: pd.DataFrame | None = None,
    units: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, ConversionReport]:
    """Carry a survey keyed by legacy codes into the 2025 units.

    Parameters
    ----------
    survey : pandas.DataFrame
        A validated legacy-scheme survey (``ntmplan.survey.loading.load_survey(path, "legacy")``):
        the survey columns with legacy province and commune codes. Any number of years.
    params : dict, optional
        Resolved params (``datashare.conversion``, ``datashare.quality.expected_unit_types``);
        defaults when None.
    split_weights : {"default", "area"} or pandas.DataFrame, optional
        How split legacy units are shared; None = ``datashare.conversion.split_weights``.
        A DataFrame gives explicit weights: legacy_commune_code, commune_code, weight
        (optionally is_default); legacy units it lists are allocated by it, others go to
        their default successor.
    crosswalk : pandas.DataFrame, optional
        Legacy → 2025 table with the columns of :func:`ntmplan.survey.units.legacy_crosswalk`
        (at least legacy_province_code, legacy_commune_code, commune_code, is_split,
        match_note). Default: the packaged one.
    split_targets : pandas.DataFrame, optional
        Table of :func:`ntmplan.survey.units.legacy_split_targets` (used with ``"area"``).
    units : pandas.DataFrame, optional
        2025 units (province_code, commune_code, commune_name, unit_type) giving the
        new units' names and types. Default :func:`ntmplan.survey.units.current_units`.

    Returns
    -------
    (pandas.DataFrame, ConversionReport)
        The survey in 2025 units — exactly the survey columns and dtypes, one row per
        new unit and year, sorted by province, commune, year; ``attrs["conversion"]``
        holds the rules and the headline counts — and the report.

    Raises
    ------
    MissingColumnError
        If a survey column (or a needed crosswalk column) is missing.
    ValueError
        If a legacy commune appears twice in the same year, or a params option is invalid.
    """
    cp = conversion_params(params)
    p = params_or_defaults(params)
    require_columns(survey, REQUIRED_COLUMNS, "survey")
    absent = [c for c in SURVEY_COLUMNS if c not in survey.columns]  # optional columns
    survey = survey.assign(**{c: None for c in absent}) if absent else survey
    crosswalk = admin_units.legacy_crosswalk() if crosswalk is None else crosswalk
    units = admin_units.current_units() if units is None else units
    require_columns(
        crosswalk,
        ["legacy_province_code", "legacy_commune_code", "commune_code", "is_split"],
        "crosswalk",
    )
    require_columns(units, ["province_code", "commune_code", "commune_name", "unit_type"], "units")
    method, weights = split_weight_table(
        cp["split_weights"] if split_weights is None else split_weights, split_targets
    )

    s = legacy_rows(survey)
    m = match_crosswalk(s, crosswalk)
    bad, unmatched = unmatched_rows(m)
    matched = m.loc[~bad].copy()
    matched["_is_split"] = matched["_is_split"].astype(bool)

    parts = split_parts(matched, method, weights)
    n_parts = parts.groupby("_row")["_row"].transform("size")
    parts = parts.assign(**allocate_counts(parts, cp["max_columns"]))
    out, n_legacy = aggregate_parts(parts, cp, list(p["survey"]["ntm_levels"]))
    out, u = attach_units(out, units)

    summed = [c for c in COUNT_COLUMNS if c not in cp["max_columns"]]
    rules = conversion_rules(params, method)
    mapping = mapping_table(parts, n_parts, u)
    report = ConversionReport(
        n_rows=int(len(s)),
        n_matched=int(len(matched)),
        n_merged=int(len(merged_rows(parts))),
        n_split=int(matched["_is_split"].sum()),
        n_split_allocated=int(parts.loc[n_parts > 1, "_row"].nunique()),
        n_unmatched=int(bad.sum()),
        n_output=int(len(out)),
        n_merged_units=int((n_legacy > 1).sum()),
        split_method=method,
        unmatched=unmatched,
        mapping=mapping,
        totals=totals_table(s, matched, out, summed),
        units_without_data=units_without_data(
            units, out, p["datashare"]["quality"]["expected_unit_types"]
        ),
        partial_units=partial_units(crosswalk, weights, out, parts),
        rules=rules,
        pilots_in_wards=pilots_in_wards(mapping, units, read_central_pilots()),
    )
    out.attrs = {
        "conversion": {
            "from_scheme": "legacy",
            "to_scheme": "current",
            "split_method": method,
            "rules": rules,
            "n_rows": report.n_rows,
            "n_matched": report.n_matched,
            "n_unmatched": report.n_unmatched,
            "totals_preserved": report.preserved,
        }
    }
    return out, report
