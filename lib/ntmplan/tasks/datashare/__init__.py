"""Data for the national shared database (guidance task 5, notebook 05).

Three jobs, each a set of pure functions (frames + params in, frames out) plus
a few thin writers:

- **Legacy → 2025 conversion** (:func:`convert_legacy`, CLI
  ``ntmplan convert-legacy IN --out OUT`` via :func:`run_convert_legacy`):
  a survey keyed by legacy codes (63 provinces, before 1 Jul 2025) is carried
  into the 2025 units with the crosswalk of :mod:`ntmplan.survey.units`. The rules
  (params ``datashare.conversion``) are written into the
  :class:`ConversionReport`, into ``frame.attrs["conversion"]`` and into the
  CLI's ``<out>.metadata.json``.
- **Data-quality report** (:func:`quality_report`): completeness, plausible
  ranges (warnings, distinct from validation errors), duplicates, units of the
  official list missing from the survey, year-to-year jumps.
- **Export package** (:func:`export_package`, :func:`export_national`,
  :func:`validate_package`): a versioned folder
  ``<out_root>/data_export/<date>-<hash>/`` with the survey CSV (UTF-8), a
  Frictionless ``datapackage.json`` (Table Schema generated from
  :data:`ntmplan.survey.schema.FIELDS`), the Vietnamese data dictionary and
  ``SHA256SUMS``.

Conversion rules (defaults; each can be changed in params)
----------------------------------------------------------
- Counts of the legacy communes that became one new unit are **summed**;
  ``max_columns`` (digital services, digital providers) take the largest part.
- ``files_online_share`` is re-weighted by ``officials``:
  Σ(share × officials) / Σ officials.
- Yes/no criteria: ``bool_rule = all`` — met only if met in every part.
- ``ntm_level``: the lowest level among the parts (``ntm_level_rule``).
- ``prominent_sector``: the sector of the part with most households, among
  parts that name one.
- ``commune_category``: the first category of ``category_priority`` present.
- ``dx_demand``: household-weighted mean, rounded half up.
- Split legacy communes: all to the package's default successor
  (``split_weights = default``), or allocated by the new units' area shares
  (``area``) or by a weights table given to :func:`convert_legacy`. Counts are
  then allocated with largest-remainder integer rounding, so every total is
  preserved exactly; a count bounded by another (``households ≤ population``,
  ``villages_fiber ≤ villages``…) is allocated in proportion to its bound's
  allocation, so the bounds hold in every part. Yes/no, categorical and share
  columns are copied to every part.
- Rows whose legacy code cannot be matched are left out of the result and
  listed with their reason.

Export versions
---------------
The version folder is ``<date>-<hash>``: ``hash`` is the first
``datashare.export.hash_length`` hex digits of the SHA-256 of the
``SHA256SUMS`` file, which lists the SHA-256 of every file of the package
(data CSV, dictionary, ``datapackage.json``); nothing in the files depends on
the date. Re-exporting unchanged content returns the existing folder with the
same hash **whatever its date** (the date records when that content was first
exported). New content gets a new folder; a folder is never rewritten — files
are written to a temporary folder which is then renamed.

Summary keys (:func:`summary`, written to ``summary_05_data.json``)
-------------------------------------------------------------------
``n_rows`` (int)
    Survey rows checked.
``completeness`` (float or None)
    Share 0–1 of filled cells over the survey columns (rows present).
``completeness_with_missing_units`` (float or None)
    The same counting the official units missing from the survey as empty rows.
``incomplete_columns`` (dict column → float)
    Columns less than fully filled, with their completeness.
``n_range_warnings``, ``n_duplicate_rows``, ``n_missing_units``,
``n_unknown_units``, ``n_jumps`` (int)
    Findings of each check of :func:`quality_report`.
``n_problems`` (int)
    Sum of the five counts above.
``export_version`` (str or None)
    Name of the export version folder (``<date>-<hash>``).
``export_path`` (str or None)
    Export folder relative to the province folder (POSIX), e.g.
    ``data_export/2025-07-01-3fa2c1d0e9b7``.
``export_valid`` (bool or None), ``export_errors`` (int or None)
    Result of :func:`validate_package` (Frictionless + checksums).
``conversion`` (dict or None)
    ``n_rows``, ``n_matched``, ``n_merged``, ``n_split``, ``n_unmatched``,
    ``n_output``, ``split_method``, ``totals_preserved`` of the legacy
    conversion shown in the notebook.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ntmplan.core import paths
from ntmplan.core.errors import InputError, Problem
from ntmplan.survey import schema
from ntmplan.tasks.status import MissingColumnError

#: Name of the national output folder (same as ``ntmplan.batch.runner.NATIONAL_DIR``).
NATIONAL_DIR = "00-toan-quoc"
#: Sub-folder of a province (or national) output folder holding the export versions.
EXPORT_DIR = "data_export"
#: Name of the checksum file of an export version.
CHECKSUMS_FILE = "SHA256SUMS"
#: Name of the Frictionless descriptor.
DESCRIPTOR_FILE = "datapackage.json"

#: Survey columns by role in the conversion (from the declarative schema).
SURVEY_COLUMNS: tuple[str, ...] = schema.COLUMNS
KEY_COLUMNS = ("province_code", "commune_code", "commune_name", "unit_type", "year")
BOOL_COLUMNS = tuple(f.name for f in schema.FIELDS if f.kind == "bool")
SHARE_COLUMNS = tuple(f.name for f in schema.FIELDS if f.kind == "share")
COUNT_COLUMNS = tuple(f.name for f in schema.FIELDS if f.kind == "int" and f.name != "dx_demand")
#: Totals that must be preserved exactly by a conversion (issue 6).
PRESERVED_TOTALS = ("households", "population", "officials")

_ALLOWED = {
    "bool_rule": ("all", "any"),
    "ntm_level_rule": ("lowest", "most_households"),
    "sector_rule": ("most_households",),
    "dx_demand_rule": ("households_mean",),
    "split_weights": ("default", "area"),
}

#: Vietnamese labels of the output columns of this module.
LABELS: dict[str, str] = {
    **schema.LABELS,
    # conversion report
    "input_row": "Dòng (tệp vào) / Input row",
    "legacy_province_code": "Mã tỉnh cũ",
    "legacy_commune_code": "Mã xã cũ",
    "legacy_commune_name": "Tên xã cũ",
    "reason_code": "Mã lý do / Reason code",
    "reason": "Lý do / Reason",
    "weight": "Tỷ trọng phân bổ / Weight",
    "n_legacy_present": "Số xã cũ có số liệu / Legacy parts present",
    "n_legacy_missing": "Số xã cũ thiếu số liệu / Legacy parts missing",
    "missing_legacy": "Xã cũ thiếu số liệu / Missing legacy parts",
    "kind": "Loại chuyển đổi / Kind",
    "measure": "Chỉ tiêu / Measure",
    "label": "Tên chỉ tiêu / Label",
    "before": "Trước chuyển đổi (mọi dòng) / Before (all rows)",
    "before_matched": "Trước chuyển đổi (dòng đối chiếu được) / Before (matched rows)",
    "after": "Sau chuyển đổi / After",
    "preserved": "Bảo toàn / Preserved",
    "rule": "Quy tắc / Rule",
    "rule_vi": "Quy tắc (tiếng Việt)",
    "rule_en": "Rule (English)",
    "item": "Mục / Item",
    "value": "Giá trị / Value",
    # quality report
    "column": "Cột / Column",
    "n_rows": "Số dòng / Rows",
    "n_filled": "Số ô có dữ liệu / Filled cells",
    "completeness": "Mức đầy đủ (0–1) / Completeness",
    "check": "Kiểm tra / Check",
    "minimum": "Ngưỡng dưới / Min",
    "maximum": "Ngưỡng trên / Max",
    "severity": "Mức / Severity",
    "message": "Nhận xét / Message",
    "year_previous": "Năm trước / Previous year",
    "previous": "Giá trị năm trước / Previous",
    "current": "Giá trị năm nay / Current",
    "change": "Thay đổi / Change",
    "ratio": "Tỷ số lớn/nhỏ / Ratio",
    "count": "Số trường hợp / Count",
    "province_name": "Tỉnh/thành phố",
}

_KIND_LABELS = {
    "one_to_one": "giữ nguyên (1 xã cũ → 1 đơn vị mới) / one to one",
    "merge": "sáp nhập / merged",
    "split": "chia tách / split",
}


def _params(params: dict | None) -> dict:
    if params is None:
        from ntmplan.core.params import default_params

        params = default_params()
    return params


def _require(frame: pd.DataFrame, columns, name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise MissingColumnError(missing, name)


def _none_if_na(series: pd.Series) -> pd.Series:
    """Object series with missing values as ``None`` (the survey's convention for optional text)."""
    return series.astype(object).where(series.notna(), None)


# ============================================================== legacy → 2025 conversion


def conversion_rules(params: dict | None = None, split_method: str | None = None) -> list[dict]:
    """Return the conversion rules in force, in Vietnamese and English.

    Parameters
    ----------
    params : dict, optional
        Resolved params (``datashare.conversion``); defaults when None.
    split_method : str, optional
        ``default``, ``area`` or ``table`` (overrides the params' ``split_weights``
        in the text; ``table`` = weights given by the caller).

    Returns
    -------
    list of dict
        One dict per rule: ``rule`` (short id), ``rule_vi``, ``rule_en``.

    Raises
    ------
    ValueError
        If a rule option in params is not one of the implemented ones.
    """
    cp = _conversion_params(params)
    split_method = split_method or cp["split_weights"]
    summed = [c for c in COUNT_COLUMNS if c not in cp["max_columns"]]
    shares = "; ".join(f"{c} theo/by {w}" for c, w in cp["share_weights"].items())
    bools = ", ".join(BOOL_COLUMNS)
    rules = [
        (
            "counts",
            f"Các chỉ tiêu đếm của các xã cũ sáp nhập vào cùng một đơn vị mới được cộng dồn ({', '.join(summed)})",
            f"Counts of the legacy communes merged into one new unit are summed ({', '.join(summed)})",
        ),
        (
            "max_columns",
            f"Lấy giá trị lớn nhất trong các xã cũ (không cộng dồn để tránh đếm trùng): {', '.join(cp['max_columns']) or '—'}",
            f"The largest value among the parts (not summed, to avoid double counting): {', '.join(cp['max_columns']) or '—'}",
        ),
        (
            "shares",
            f"Tỷ lệ được tính lại theo bình quân gia quyền Σ(tỷ lệ × trọng số) / Σ trọng số: {shares}",
            f"Shares re-weighted as Σ(share × weight) / Σ weight: {shares}",
        ),
        (
            "bool_rule",
            f"Tiêu chí có/không ({bools}) đạt khi "
            + ("mọi xã cũ đều đạt" if cp["bool_rule"] == "all" else "ít nhất một xã cũ đạt"),
            f"Yes/no criteria ({bools}) are met when "
            + (
                "every part meets them"
                if cp["bool_rule"] == "all"
                else "at least one part meets them"
            ),
        ),
        (
            "ntm_level_rule",
            "Mức đạt chuẩn NTM: "
            + (
                "mức thấp nhất trong các xã cũ"
                if cp["ntm_level_rule"] == "lowest"
                else "mức của xã cũ có nhiều hộ nhất"
            ),
            "NTM level: "
            + (
                "the lowest level among the parts"
                if cp["ntm_level_rule"] == "lowest"
                else "the level of the part with most households"
            ),
        ),
        (
            "sector_rule",
            "Lĩnh vực nổi trội: lĩnh vực của xã cũ có nhiều hộ nhất trong các xã cũ có ghi lĩnh vực",
            "Prominent sector: the sector of the part with most households, among parts that name a sector",
        ),
        (
            "dx_demand_rule",
            "Nhu cầu chuyển đổi số (1–5): bình quân gia quyền theo số hộ, làm tròn (0,5 làm tròn lên)",
            "DX demand (1–5): household-weighted mean, rounded half up",
        ),
        (
            "category_priority",
            "Nhóm xã phân bổ vốn: nhóm ưu tiên cao nhất có trong các xã cũ, theo thứ tự "
            + " > ".join(cp["category_priority"]),
            "Allocation category: the highest-priority category among the parts, in the order "
            + " > ".join(cp["category_priority"]),
        ),
    ]
    if split_method == "default":
        split = (
            "Xã cũ bị chia tách: toàn bộ số liệu chuyển cho đơn vị kế thừa mặc định (theo bảng chuyển đổi của gói vietnamadminunits)",
            "Split legacy communes: all data go to the default successor (conversion table of the vietnamadminunits package)",
        )
    else:
        source = (
            ("tỷ trọng diện tích các đơn vị mới", "the new units' area shares")
            if split_method == "area"
            else ("bảng tỷ trọng do người dùng cung cấp", "a weights table given by the user")
        )
        split = (
            f"Xã cũ bị chia tách: chỉ tiêu đếm được phân bổ theo {source[0]}, làm tròn số nguyên theo phương pháp "
            "phần dư lớn nhất (tổng được bảo toàn); chỉ tiêu bị chặn bởi chỉ tiêu khác phân bổ theo phần của chỉ tiêu "
            "chặn; tỷ lệ, có/không, danh mục được giữ nguyên cho mọi phần",
            f"Split legacy communes: counts allocated by {source[1]} with largest-remainder integer rounding (totals "
            "preserved); a count bounded by another follows its bound's allocation; shares, yes/no and categories are "
            "copied to every part",
        )
    rules.append(("split_weights", *split))
    rules.append(
        (
            "unmatched",
            "Dòng có mã xã cũ không đối chiếu được bị loại khỏi kết quả và liệt kê kèm lý do trong báo cáo chuyển đổi",
            "Rows whose legacy code cannot be matched are left out and listed with their reason in the conversion report",
        )
    )
    return [{"rule": r, "rule_vi": vi, "rule_en": en} for r, vi, en in rules]


def _conversion_params(params: dict | None) -> dict:
    cp = _params(params)["datashare"]["conversion"]
    for key, allowed in _ALLOWED.items():
        if cp[key] not in allowed:
            raise ValueError(
                f"Tham số datashare.conversion.{key} = {cp[key]!r} không hợp lệ / invalid; dùng / use one of {allowed}"
            )
    unknown = [
        c for c in [*cp["max_columns"], *cp["share_weights"].values()] if c not in COUNT_COLUMNS
    ]
    unknown += [c for c in cp["share_weights"] if c not in SHARE_COLUMNS]
    if unknown:
        raise ValueError(
            f"datashare.conversion: cột không hợp lệ / invalid column(s): {', '.join(unknown)}"
        )
    return cp


@dataclass
class ConversionReport:
    """What a legacy → 2025 conversion did (see :func:`convert_legacy`).

    Attributes
    ----------
    n_rows : int
        Input rows (legacy units × years).
    n_matched : int
        Input rows matched to a 2025 unit.
    n_merged : int
        Matched rows whose new unit (same year) also receives another legacy row.
    n_split : int
        Matched rows whose legacy unit was split among several new units.
    n_split_allocated : int
        Of those, rows allocated among several new units (weights); the others
        went wholly to the default successor.
    n_unmatched : int
        Input rows left out.
    n_output : int
        Output rows (new units × years).
    n_merged_units : int
        Output rows formed from two or more legacy rows.
    split_method : str
        ``default``, ``area`` or ``table``.
    unmatched : pandas.DataFrame
        input_row (position in the input frame + 2: the Excel row of a file read by
        ``load_survey``), year, legacy_province_code, legacy_commune_code,
        legacy_commune_name, reason_code (``unknown_code``,
        ``province_mismatch``, ``no_target``), reason (Vietnamese / English).
    mapping : pandas.DataFrame
        One row per (matched input row, new unit): year, legacy codes and name,
        province_code, commune_code, commune_name, weight, kind
        (``one_to_one`` / ``merge`` / ``split``).
    totals : pandas.DataFrame
        measure, label, before (all input rows), before_matched, after,
        preserved (after == before_matched) for every summed count.
    units_without_data : pandas.DataFrame
        Rural 2025 units (``datashare.quality.expected_unit_types``) of the
        output's provinces that received no data.
    partial_units : pandas.DataFrame
        Output rows (year, province_code, commune_code, commune_name) for which some
        legacy predecessors (by the crosswalk) are absent from the input, so their counts
        cover only part of the new unit: n_legacy_present, n_legacy_missing,
        missing_legacy (codes and names). Compare such units across years with care.
    rules : list of dict
        :func:`conversion_rules`.
    """

    n_rows: int
    n_matched: int
    n_merged: int
    n_split: int
    n_split_allocated: int
    n_unmatched: int
    n_output: int
    n_merged_units: int
    split_method: str
    unmatched: pd.DataFrame
    mapping: pd.DataFrame
    totals: pd.DataFrame
    units_without_data: pd.DataFrame
    partial_units: pd.DataFrame
    rules: list = field(default_factory=list)

    @property
    def preserved(self) -> bool:
        """Whether every summed total of the matched rows is preserved exactly."""
        return bool(self.totals["preserved"].all()) if len(self.totals) else True

    def counts_table(self) -> pd.DataFrame:
        """Return the headline counts as a two-column table (item, value), Vietnamese first.

        Returns
        -------
        pandas.DataFrame
        """
        items = [
            ("Dòng dữ liệu mã cũ / input rows", self.n_rows),
            ("Đối chiếu được / matched", self.n_matched),
            ("— trong đó sáp nhập với xã khác / of which merged", self.n_merged),
            ("— trong đó xã bị chia tách / of which split", self.n_split),
            (
                "— xã chia tách được phân bổ theo tỷ trọng / split rows allocated by weights",
                self.n_split_allocated,
            ),
            ("Không đối chiếu được / unmatched", self.n_unmatched),
            ("Dòng kết quả (đơn vị 2025) / output rows (2025 units)", self.n_output),
            ("— hình thành từ ≥ 2 xã cũ / formed from ≥ 2 legacy rows", self.n_merged_units),
            (
                "— thiếu số liệu của một số xã cũ hợp thành / missing some legacy parts",
                len(self.partial_units),
            ),
            (
                "Đơn vị 2025 (xã, đặc khu) không nhận được số liệu / rural 2025 units without data",
                len(self.units_without_data),
            ),
            (
                "Tổng số được bảo toàn / totals preserved",
                "có / yes" if self.preserved else "KHÔNG / NO",
            ),
        ]
        return pd.DataFrame(items, columns=["item", "value"])

    def summary_text(self) -> str:
        """Return a short plain-text summary (Vietnamese / English) for the command line.

        Returns
        -------
        str
        """
        lines = [f"{item}: {value}" for item, value in self.counts_table().itertuples(index=False)]
        main = self.totals[self.totals["measure"].isin(PRESERVED_TOTALS)]
        for r in main.itertuples(index=False):
            lines.append(
                f"{r.label} ({r.measure}): trước/before {int(r.before_matched):,} → sau/after {int(r.after):,}"
                + ("" if r.preserved else "  ⚠ KHÁC / DIFFERENT")
            )
        if self.n_unmatched:
            lines.append("Không đối chiếu được / unmatched (tối đa 10 dòng / first 10):")
            for r in self.unmatched.head(10).itertuples(index=False):
                lines.append(
                    f"  dòng/row {r.input_row}: {r.legacy_province_code}/{r.legacy_commune_code} — {r.reason}"
                )
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """Return the report as JSON-serialisable plain types (the mapping table is left out).

        Returns
        -------
        dict
            Keys: the counts, ``split_method``, ``totals_preserved``, ``totals``
            (records), ``unmatched`` (records), ``units_without_data``
            (records), ``n_partial_units``, ``rules`` (list of dict).
        """

        def records(df: pd.DataFrame) -> list[dict]:
            clean = df.astype(object).where(df.notna(), None)
            return [{k: _plain(v) for k, v in r.items()} for r in clean.to_dict(orient="records")]

        return {
            "n_rows": self.n_rows,
            "n_matched": self.n_matched,
            "n_merged": self.n_merged,
            "n_split": self.n_split,
            "n_split_allocated": self.n_split_allocated,
            "n_unmatched": self.n_unmatched,
            "n_output": self.n_output,
            "n_merged_units": self.n_merged_units,
            "split_method": self.split_method,
            "totals_preserved": self.preserved,
            "totals": records(self.totals),
            "unmatched": records(self.unmatched),
            "units_without_data": records(self.units_without_data),
            "n_partial_units": int(len(self.partial_units)),
            "rules": list(self.rules),
        }


def _plain(v):
    """A numpy / pandas scalar as a plain Python value."""
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    return v


def _allocate(total: pd.Series, weight: pd.Series, group: pd.Series) -> pd.Series:
    """Split integer totals among the rows of each group by weight, preserving each total exactly.

    Largest-remainder (Hamilton) rounding: every row gets ⌊total × w⌋, the units
    left over go to the largest remainders (ties: earlier rows first).

    Parameters
    ----------
    total : pandas.Series
        The group's total, repeated on each of its rows (integers ≥ 0).
    weight : pandas.Series
        Weights ≥ 0 with a positive sum in each group (normalised here).
    group : pandas.Series
        Group id of each row.

    Returns
    -------
    pandas.Series
        int64 allocations, same index.
    """
    w = weight / weight.groupby(group).transform("sum")
    quota = total.astype(float) * w
    base = np.floor(quota)
    rem = quota - base
    deficit = (total - base.groupby(group).transform("sum")).clip(lower=0)
    order = pd.DataFrame({"g": group.to_numpy(), "r": rem.to_numpy(), "o": np.arange(len(w))})
    order = order.sort_values(["g", "r", "o"], ascending=[True, False, True], kind="mergesort")
    rank = order.groupby("g", sort=False).cumcount().sort_index().to_numpy()
    return (base + (rank < deficit.to_numpy())).astype("int64")


def _allocation_order() -> list[tuple[str, str | None]]:
    """Counts in allocation order with their bound (a count never above it), from the schema's rules."""
    parent: dict[str, str] = {}
    for f in schema.FIELDS:
        if f.kind != "int" or f.name not in COUNT_COLUMNS:
            continue
        if f.at_most:
            parent[f.name] = f.at_most[0]
        for other in f.at_least:
            parent.setdefault(other, f.name)
    order: list[tuple[str, str | None]] = []
    done: set[str] = set()
    pending = list(COUNT_COLUMNS)
    while pending:  # a handful of columns; parents before children
        col = next(c for c in pending if parent.get(c) is None or parent[c] in done)
        order.append((col, parent.get(col)))
        done.add(col)
        pending.remove(col)
    return order


def _split_weight_table(
    split_weights, split_targets: pd.DataFrame | None
) -> tuple[str, pd.DataFrame | None]:
    """Resolve the split option into (method, table of legacy_commune_code, commune_code, weight, is_default)."""
    if isinstance(split_weights, pd.DataFrame):
        _require(split_weights, ["legacy_commune_code", "commune_code", "weight"], "split_weights")
        table = split_weights[["legacy_commune_code", "commune_code", "weight"]].copy()
        table["is_default"] = (
            split_weights["is_default"].astype(bool) if "is_default" in split_weights else False
        )
        if (table["weight"].astype(float) < 0).any() or table["weight"].isna().any():
            raise ValueError("split_weights: tỷ trọng phải ≥ 0 / weights must be ≥ 0 and not empty")
        return "table", table
    if split_weights == "default":
        return "default", None
    if split_weights == "area":
        if split_targets is None:
            from ntmplan.survey import units

            split_targets = units.legacy_split_targets()
        _require(
            split_targets, ["legacy_commune_code", "commune_code", "is_default"], "split_targets"
        )
        table = split_targets.copy()
        if "area_share" not in table.columns:
            _require(table, ["area_km2"], "split_targets")
            total = table.groupby("legacy_commune_code")["area_km2"].transform("sum")
            table["area_share"] = table["area_km2"] / total.where(total > 0)
        table = table.rename(columns={"area_share": "weight"})
        # A unit with an unknown area for any of its parts keeps the default successor.
        bad = table["weight"].isna().groupby(table["legacy_commune_code"]).transform("any")
        return "area", table.loc[
            ~bad, ["legacy_commune_code", "commune_code", "weight", "is_default"]
        ]
    raise ValueError(
        f"split_weights = {split_weights!r} không hợp lệ / invalid; dùng / use 'default', 'area' or a DataFrame"
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
    cp = _conversion_params(params)
    _require(survey, SURVEY_COLUMNS, "survey")
    if crosswalk is None or units is None:
        from ntmplan.survey import units as _units

        crosswalk = _units.legacy_crosswalk() if crosswalk is None else crosswalk
        units = _units.current_units() if units is None else units
    _require(
        crosswalk,
        ["legacy_province_code", "legacy_commune_code", "commune_code", "is_split"],
        "crosswalk",
    )
    _require(units, ["province_code", "commune_code", "commune_name", "unit_type"], "units")
    method, weights = _split_weight_table(
        cp["split_weights"] if split_weights is None else split_weights, split_targets
    )

    s = survey[list(SURVEY_COLUMNS)].reset_index(drop=True)
    s = s.rename(
        columns={
            "province_code": "legacy_province_code",
            "commune_code": "legacy_commune_code",
            "commune_name": "legacy_commune_name",
            "unit_type": "legacy_unit_type",
        }
    )
    s["legacy_province_code"] = s["legacy_province_code"].astype(str).str.strip().str.zfill(2)
    s["legacy_commune_code"] = s["legacy_commune_code"].astype(str).str.strip().str.zfill(5)
    s["input_row"] = np.arange(len(s), dtype="int64") + 2
    s["_row"] = np.arange(len(s))
    dup = s.duplicated(["legacy_commune_code", "year"], keep=False)
    if dup.any():
        codes = ", ".join(sorted(set(s.loc[dup, "legacy_commune_code"])))[:300]
        raise ValueError(
            f"Mã xã cũ lặp lại trong cùng năm / legacy commune code repeated within a year: {codes}; "
            "hãy kiểm tra tệp bằng `ntmplan validate --scheme legacy` / validate the file first"
        )

    cw = crosswalk[crosswalk["legacy_commune_code"].notna()]
    cw = pd.DataFrame(
        {
            "legacy_commune_code": cw["legacy_commune_code"].astype(str),
            "_cw_province": cw["legacy_province_code"].astype(str),
            "_target": cw["commune_code"],
            "_is_split": cw["is_split"].astype(bool),
            "_note": cw["match_note"] if "match_note" in cw.columns else None,
        }
    ).drop_duplicates("legacy_commune_code")
    m = s.merge(cw, on="legacy_commune_code", how="left", validate="many_to_one")

    # ---- unmatched rows and their reasons
    unknown = m["_cw_province"].isna()
    mismatch = ~unknown & (m["_cw_province"] != m["legacy_province_code"])
    no_target = ~unknown & ~mismatch & m["_target"].isna()
    reason_code = pd.Series(None, index=m.index, dtype=object)
    reason = pd.Series(None, index=m.index, dtype=object)
    reason_code[unknown] = "unknown_code"
    reason[unknown] = (
        "Mã xã cũ không có trong danh mục đơn vị hành chính trước 1/7/2025 / legacy commune code not in the legacy unit list"
    )
    reason_code[mismatch] = "province_mismatch"
    reason[mismatch] = (
        "Mã xã cũ thuộc tỉnh cũ "
        + m.loc[mismatch, "_cw_province"]
        + ", không phải "
        + m.loc[mismatch, "legacy_province_code"]
        + " / the commune code belongs to legacy province "
        + m.loc[mismatch, "_cw_province"]
        + ", not "
        + m.loc[mismatch, "legacy_province_code"]
    )
    reason_code[no_target] = "no_target"
    reason[no_target] = "Không có đơn vị 2025 tương ứng / no 2025 unit: " + m.loc[
        no_target, "_note"
    ].fillna("").astype(str)
    bad = unknown | mismatch | no_target
    unmatched = m.loc[
        bad,
        ["input_row", "year", "legacy_province_code", "legacy_commune_code", "legacy_commune_name"],
    ]
    unmatched = unmatched.assign(reason_code=reason_code[bad], reason=reason[bad]).reset_index(
        drop=True
    )

    matched = m.loc[~bad].copy()
    matched["_is_split"] = matched["_is_split"].astype(bool)

    # ---- parts: one row per (matched row, new unit) with a weight
    whole = matched.assign(commune_code=matched["_target"], _w=1.0, _default=True)
    if weights is not None:
        wt = weights.rename(columns={"weight": "_w", "is_default": "_default"})
        wt = wt.assign(
            _w=wt["_w"].astype(float), legacy_commune_code=wt["legacy_commune_code"].astype(str)
        )
        positive = wt.groupby("legacy_commune_code")["_w"].transform("sum") > 0
        wt = wt[positive]
        listed = matched["legacy_commune_code"].isin(wt["legacy_commune_code"])
        if method == "area":
            listed &= matched["_is_split"]
        spread = (
            matched[listed]
            .drop(columns=["_target"])
            .merge(wt, on="legacy_commune_code", how="inner")
        )
        parts = pd.concat([whole[~listed.to_numpy()], spread], ignore_index=True)
    else:
        parts = whole
    parts = parts.sort_values(
        ["_row", "_default", "commune_code"], ascending=[True, False, True], kind="mergesort"
    )
    parts = parts.reset_index(drop=True)
    n_parts = parts.groupby("_row")["_row"].transform("size")

    # ---- counts: largest-remainder allocation (identity for rows with one part)
    alloc: dict[str, pd.Series] = {}
    group = parts["_row"]
    for col, bound in _allocation_order():
        if col in cp["max_columns"]:
            alloc[col] = parts[col].astype("int64")
            continue
        weight = parts["_w"]
        if bound is not None and bound in alloc and bound not in cp["max_columns"]:
            bw = alloc[bound].astype(float)
            has = bw.groupby(group).transform("sum") > 0
            weight = bw.where(has, parts["_w"])
        alloc[col] = _allocate(parts[col].astype("int64"), weight, group)
    parts = parts.assign(**alloc)

    # ---- aggregate to (year, new unit)
    keys = ["year", "commune_code"]
    g = parts.groupby(keys, sort=True)
    summed = [c for c in COUNT_COLUMNS if c not in cp["max_columns"]]
    out = g[summed].sum()
    if cp["max_columns"]:
        out = out.join(g[list(cp["max_columns"])].max())
    n_legacy = g["_row"].nunique()
    for col, wcol in cp["share_weights"].items():
        num = (parts[col].astype(float) * parts[wcol]).groupby([parts[k] for k in keys]).sum()
        den = parts[wcol].groupby([parts[k] for k in keys]).sum()
        out[col] = (num / den.where(den > 0)).fillna(g[col].mean())
    for col in SHARE_COLUMNS:
        if col not in out.columns:  # a share without a weight: plain mean
            out[col] = g[col].mean()
    out = out.join(
        g[list(BOOL_COLUMNS)].all() if cp["bool_rule"] == "all" else g[list(BOOL_COLUMNS)].any()
    )

    dxw = (parts["dx_demand"] * parts["households"]).groupby([parts[k] for k in keys]).sum()
    hh = parts["households"].groupby([parts[k] for k in keys]).sum()
    dx = (dxw / hh.where(hh > 0)).fillna(g["dx_demand"].mean())
    out["dx_demand"] = np.floor(dx + 0.5).astype("int64")

    by_hh = parts.sort_values(
        keys + ["households", "_row"], ascending=[True, True, False, True], kind="mergesort"
    )
    sector = by_hh[by_hh["prominent_sector"].notna()].groupby(keys)["prominent_sector"].first()
    out["prominent_sector"] = sector.reindex(out.index)
    levels = list(_params(params)["survey"]["ntm_levels"])
    if cp["ntm_level_rule"] == "lowest":
        rank = parts["ntm_level"].map({lv: i for i, lv in enumerate(levels)}).fillna(len(levels))
        lowest = (
            parts.assign(_rank=rank)
            .sort_values(keys + ["_rank"], kind="mergesort")
            .groupby(keys)["ntm_level"]
            .first()
        )
        out["ntm_level"] = lowest.reindex(out.index)
    else:
        out["ntm_level"] = by_hh.groupby(keys)["ntm_level"].first().reindex(out.index)
    prio = {c: i for i, c in enumerate(cp["category_priority"])}
    cats = parts[parts["commune_category"].notna()]
    cats = cats.assign(_rank=cats["commune_category"].map(prio).fillna(len(prio)))
    cat = (
        cats.sort_values(keys + ["_rank", "commune_category"], kind="mergesort")
        .groupby(keys)["commune_category"]
        .first()
    )
    out["commune_category"] = cat.reindex(out.index)
    out = out.reset_index()

    # ---- attributes of the new units
    u = units[["province_code", "commune_code", "commune_name", "unit_type"]].drop_duplicates(
        "commune_code"
    )
    out = out.merge(u, on="commune_code", how="left")
    if out["province_code"].isna().any():
        missing = ", ".join(sorted(set(out.loc[out["province_code"].isna(), "commune_code"])))[:300]
        raise ValueError(
            f"Đơn vị 2025 không có trong danh mục / 2025 unit(s) not in the unit list: {missing}"
        )
    out = out[list(SURVEY_COLUMNS)].sort_values(
        ["province_code", "commune_code", "year"], ignore_index=True
    )
    out = out.astype({c: "int64" for c in (*COUNT_COLUMNS, "year", "dx_demand")})
    out = out.astype({c: bool for c in BOOL_COLUMNS} | {c: "float64" for c in SHARE_COLUMNS})
    for col in ("province_code", "commune_code", "commune_name", "unit_type", "ntm_level"):
        out[col] = out[col].astype(str)
    for col in ("prominent_sector", "commune_category"):
        out[col] = _none_if_na(out[col])

    # ---- report
    sizes = parts.groupby(keys)["_row"].transform("nunique")
    merged_rows = parts.loc[sizes > 1, "_row"].unique()
    kind = np.where(n_parts > 1, "split", np.where(sizes > 1, "merge", "one_to_one"))
    names = u.set_index("commune_code")
    mapping = pd.DataFrame(
        {
            "year": parts["year"],
            "legacy_province_code": parts["legacy_province_code"],
            "legacy_commune_code": parts["legacy_commune_code"],
            "legacy_commune_name": parts["legacy_commune_name"],
            "province_code": parts["commune_code"].map(names["province_code"]),
            "commune_code": parts["commune_code"],
            "commune_name": parts["commune_code"].map(names["commune_name"]),
            "weight": parts["_w"] / parts.groupby("_row")["_w"].transform("sum"),
            "kind": kind,
        }
    )
    before_all = s[summed].sum()
    before = matched[summed].sum()
    after = out[summed].sum()
    totals = pd.DataFrame(
        {
            "measure": summed,
            "label": [schema.LABELS[c] for c in summed],
            "before": before_all.reindex(summed).astype("int64").to_numpy(),
            "before_matched": before.reindex(summed).astype("int64").to_numpy(),
            "after": after.reindex(summed).astype("int64").to_numpy(),
        }
    )
    totals["preserved"] = totals["before_matched"] == totals["after"]
    order = {c: i for i, c in enumerate(PRESERVED_TOTALS)}
    totals = totals.sort_values(
        "measure", key=lambda c: c.map(order).fillna(len(order)), kind="mergesort"
    )
    totals = totals.reset_index(drop=True)

    expected = _params(params)["datashare"]["quality"]["expected_unit_types"]
    scope = units[
        units["province_code"].isin(out["province_code"].unique())
        & units["unit_type"].isin(expected)
    ]
    without = scope.loc[
        ~scope["commune_code"].isin(out["commune_code"]),
        ["province_code", "commune_code", "commune_name", "unit_type"],
    ]

    # new units whose legacy predecessors are only partly in the input
    cw_all = crosswalk[crosswalk["legacy_commune_code"].notna() & crosswalk["commune_code"].notna()]
    pred = cw_all[["legacy_commune_code", "commune_code"]].astype(str)
    if weights is not None:
        pred = pd.concat([pred, weights[["legacy_commune_code", "commune_code"]].astype(str)])
    names_old = (
        cw_all.drop_duplicates("legacy_commune_code").set_index("legacy_commune_code")[
            "legacy_commune_name"
        ]
        if "legacy_commune_name" in cw_all
        else None
    )
    expected_parts = out[["year", "province_code", "commune_code", "commune_name"]].merge(
        pred.drop_duplicates(), on="commune_code"
    )
    present = (
        parts[["year", "commune_code", "legacy_commune_code"]]
        .drop_duplicates()
        .assign(_present=True)
    )
    expected_parts = expected_parts.merge(
        present, on=["year", "commune_code", "legacy_commune_code"], how="left"
    )
    absent = expected_parts[expected_parts["_present"].isna()]
    label_old = absent["legacy_commune_code"] + (
        " " + absent["legacy_commune_code"].map(names_old).fillna("")
        if names_old is not None
        else ""
    )
    ukeys = ["year", "province_code", "commune_code", "commune_name"]
    partial = (
        absent.assign(_label=label_old.str.strip())
        .groupby(ukeys, sort=True)
        .agg(n_legacy_missing=("legacy_commune_code", "size"), missing_legacy=("_label", ", ".join))
    )
    partial = partial.join(
        present.groupby(["year", "commune_code"]).size().rename("n_legacy_present"),
        on=["year", "commune_code"],
    )
    partial = partial.reset_index()[
        [*ukeys, "n_legacy_present", "n_legacy_missing", "missing_legacy"]
    ]

    rules = conversion_rules(params, method)
    split_rows = matched["_is_split"]
    report = ConversionReport(
        n_rows=int(len(s)),
        n_matched=int(len(matched)),
        n_merged=int(len(merged_rows)),
        n_split=int(split_rows.sum()),
        n_split_allocated=int(parts.loc[n_parts > 1, "_row"].nunique()),
        n_unmatched=int(bad.sum()),
        n_output=int(len(out)),
        n_merged_units=int((n_legacy > 1).sum()),
        split_method=method,
        unmatched=unmatched,
        mapping=mapping.reset_index(drop=True),
        totals=totals,
        units_without_data=without.reset_index(drop=True),
        partial_units=partial,
        rules=rules,
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


def drop_partial_units(converted: pd.DataFrame, report: ConversionReport) -> pd.DataFrame:
    """Return the converted rows whose every legacy predecessor was in the input.

    Useful before comparing years: a new unit built from only some of its legacy
    communes has understated counts (see ``ConversionReport.partial_units``).

    Parameters
    ----------
    converted : pandas.DataFrame
        Output of :func:`convert_legacy`.
    report : ConversionReport
        Its report.

    Returns
    -------
    pandas.DataFrame
        The rows kept (fresh index; ``attrs`` kept).
    """
    partial = report.partial_units[["year", "commune_code"]].assign(_partial=True)
    flagged = converted[["year", "commune_code"]].merge(
        partial, on=["year", "commune_code"], how="left"
    )["_partial"]
    out = converted[flagged.isna().to_numpy()].reset_index(drop=True)
    out.attrs = converted.attrs
    return out


def select_legacy_province(
    survey: pd.DataFrame, province_code: str, crosswalk: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the rows of a legacy survey whose unit becomes part of a 2025 province.

    A legacy unit belongs to the 2025 province of its default successor (for a split
    unit, parts falling in another province then stay with this one).

    Parameters
    ----------
    survey : pandas.DataFrame
        Legacy-scheme survey (needs commune_code).
    province_code : str
        2025 province code.
    crosswalk : pandas.DataFrame, optional
        As in :func:`convert_legacy`; default the packaged one.

    Returns
    -------
    pandas.DataFrame
        The selected rows (a copy, original index kept).

    Raises
    ------
    MissingColumnError
        If ``commune_code`` is missing.
    """
    _require(survey, ["commune_code"], "survey")
    if crosswalk is None:
        from ntmplan.survey import units

        crosswalk = units.legacy_crosswalk()
    mine = crosswalk.loc[
        crosswalk["province_code"] == str(province_code), "legacy_commune_code"
    ].dropna()
    return survey[survey["commune_code"].astype(str).str.zfill(5).isin(set(mine))].copy()


def legacy_source(data_file, scheme: str, illustrative: bool) -> Path | None:
    """Return the legacy survey to compare with, or None.

    Parameters
    ----------
    data_file : str or Path
        The survey the notebook runs on.
    scheme : str
        ``programme.scheme`` of the run.
    illustrative : bool
        Whether the run uses the bundled illustrative survey.

    Returns
    -------
    Path or None
        ``data_file`` itself when it is a legacy survey; the bundled illustrative legacy
        survey (``paths.SAMPLE_LEGACY_SURVEY``) when the run is illustrative and the file
        exists (never mixed with a real survey); otherwise None.
    """
    if scheme == "legacy":
        return Path(data_file)
    if illustrative and paths.SAMPLE_LEGACY_SURVEY.is_file():
        return paths.SAMPLE_LEGACY_SURVEY
    return None


def _load_legacy(path: Path, params: dict | None) -> pd.DataFrame:
    """Read and validate a legacy survey once (memory and disk cache of ``io.load_survey_cached``)."""
    from ntmplan.survey.loading import load_survey_cached

    return load_survey_cached(path, scheme="legacy", params=params)


def convert_legacy_province(
    path, province_code: str, params: dict | None = None, split_weights=None
) -> tuple[pd.DataFrame, ConversionReport]:
    """Read a legacy survey file and convert the rows of one 2025 province.

    The validated file is kept in memory (one file per process), so converting again
    with other options does not read it again.

    Parameters
    ----------
    path : str or Path
        Legacy-scheme survey (CSV/XLSX).
    province_code : str
        2025 province code.
    params : dict, optional
        Resolved params.
    split_weights : {"default", "area"} or pandas.DataFrame, optional
        As in :func:`convert_legacy`.

    Returns
    -------
    (pandas.DataFrame, ConversionReport)
        Converted rows of the province's units and the report (about the selected rows).

    Raises
    ------
    InputError
        If the file cannot be read or has errors.
    """
    from ntmplan.survey import units

    path = Path(path)
    if not path.is_file():
        raise InputError(
            [
                Problem(
                    str(path), None, None, None, "Không tìm thấy tệp dữ liệu", "data file not found"
                )
            ]
        )
    legacy = _load_legacy(path, params)
    crosswalk = units.legacy_crosswalk()
    rows = select_legacy_province(legacy, province_code, crosswalk)
    converted, report = convert_legacy(rows, params, split_weights, crosswalk=crosswalk)
    mine = converted[converted["province_code"] == str(province_code)].reset_index(drop=True)
    mine.attrs = converted.attrs
    return mine, report


def run_convert_legacy(in_path, out_path) -> int:
    """Convert a legacy-code survey file into 2025 units (``ntmplan convert-legacy IN --out OUT``).

    Writes the converted survey as UTF-8 CSV (``ntmplan.core.writers.write_csv``) and
    ``<OUT>.metadata.json`` (input and output names and SHA-256, rules, report),
    prints the report summary. The input file is never modified.

    Parameters
    ----------
    in_path : str or Path
        Legacy-scheme survey (CSV/XLSX).
    out_path : str or Path
        Output CSV; must not be the input file.

    Returns
    -------
    int
        0 on success.

    Raises
    ------
    InputError
        If the input cannot be read or has errors, or ``out_path`` is the input file
        (the CLI prints the problems and exits 1).
    """
    from ntmplan.core.params import default_params
    from ntmplan.core.writers import write_csv, write_json
    from ntmplan.survey.loading import load_survey

    src, dst = Path(in_path), Path(out_path)
    if src.resolve() == dst.resolve() or (
        src.exists() and dst.exists() and os.path.samefile(src, dst)
    ):
        raise InputError(
            [
                Problem(
                    str(dst),
                    None,
                    None,
                    None,
                    "Tệp kết quả trùng với tệp đầu vào; tệp đầu vào không bao giờ bị ghi đè — hãy chọn tên khác cho --out",
                    "the output is the input file; the input is never overwritten — choose another --out",
                )
            ]
        )
    params = default_params()
    survey = load_survey(src, scheme="legacy", params=params)
    warnings = list(survey.attrs.get("problems", []))
    renamed = [p for p in warnings if p.column == "commune_name" and p.severity == "warning"]
    share = len(renamed) / max(len(survey), 1)
    if renamed and share >= params["survey"]["other_scheme_hint_share"]:
        raise InputError(
            [
                Problem(
                    str(src),
                    None,
                    "commune_code",
                    None,
                    f"Tên xã khác danh mục cũ ở {len(renamed)}/{len(survey)} dòng: tệp có vẻ đã dùng mã đơn vị "
                    "hành chính 2025 — không chuyển đổi (dùng `ntmplan validate` để kiểm tra)",
                    f"the commune name differs from the legacy list on {len(renamed)} of {len(survey)} rows: "
                    "the file seems to use 2025 codes already — not converted (check with `ntmplan validate`)",
                ),
                *renamed,
            ]
        )
    if warnings:
        import sys

        from ntmplan.core.errors import problems_frame

        print(problems_frame(warnings).to_string(index=False), file=sys.stderr)
        print(f"{len(warnings)} cảnh báo / warnings\n", file=sys.stderr)
    converted, report = convert_legacy(survey, params)
    write_csv(dst, converted)
    meta_path = dst.with_name(dst.name + ".metadata.json")
    write_json(
        meta_path,
        {
            "tool": "ntmplan convert-legacy",
            "input": {
                "file": src.name,
                "sha256": hashlib.sha256(src.read_bytes()).hexdigest(),
                "scheme": "legacy",
            },
            "output": {
                "file": dst.name,
                "sha256": hashlib.sha256(dst.read_bytes()).hexdigest(),
                "scheme": "current",
            },
            "rules": report.rules,
            "report": report.to_dict(),
        },
    )
    print("Chuyển mã cũ sang đơn vị hành chính 2025 / legacy codes → 2025 units")
    print(report.summary_text())
    print(f"Đã ghi / written: {dst}  (+ {meta_path.name})")
    return 0


# ============================================================== data-quality report


def _filled(frame: pd.DataFrame) -> pd.DataFrame:
    """Boolean frame: cell holds a value (not missing, not a blank string)."""
    out = frame.notna()
    for col in frame.columns:  # a handful of text columns
        if frame[col].dtype == object:
            try:
                blank = frame[col].str.strip().eq("")
            except AttributeError:  # no strings in the column
                continue
            out[col] &= ~blank
    return out


def _expected_units(units: pd.DataFrame, province_codes, qp: dict) -> pd.DataFrame:
    return units[
        units["province_code"].isin(list(province_codes))
        & units["unit_type"].isin(qp["expected_unit_types"])
    ]


def completeness_matrix(survey: pd.DataFrame, expected: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return a cell-level completeness matrix: survey columns × units (1.0 filled, 0.0 missing).

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows (one year is expected; with several years the latest row of each unit
        is used).
    expected : pandas.DataFrame, optional
        Official units expected in the survey (commune_code, commune_name); those missing
        from the survey appear as all-missing columns.

    Returns
    -------
    pandas.DataFrame
        Index: survey columns (those present); columns: commune codes (survey units, then
        missing ones, each by code); values 0.0/1.0.

    Raises
    ------
    MissingColumnError
        If ``commune_code`` is missing.
    """
    _require(survey, ["commune_code"], "survey")
    cols = [c for c in SURVEY_COLUMNS if c in survey.columns]
    latest = (
        survey.sort_values("year", kind="mergesort").drop_duplicates("commune_code", keep="last")
        if "year" in survey
        else survey
    )
    filled = _filled(latest[cols]).astype(float)
    filled.index = latest["commune_code"].astype(str)
    if expected is not None and len(expected):
        codes = expected["commune_code"].astype(str)
        extra = pd.DataFrame(0.0, index=codes[~codes.isin(filled.index)], columns=cols)
        filled = pd.concat([filled, extra])
    return filled.sort_index().T


def completeness_heatmap(
    matrix: pd.DataFrame, title: str = "Mức đầy đủ của dữ liệu khảo sát theo cột và đơn vị"
):
    """Draw a completeness heat map (rows = survey columns, columns = units or provinces).

    Parameters
    ----------
    matrix : pandas.DataFrame
        Values 0–1, e.g. :func:`completeness_matrix` or ``quality["completeness_by_province"]``.
    title : str

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ntmplan.core.charts import _figure

    n_rows, n_cols = matrix.shape
    fig = _figure(width=min(4.0 + 0.06 * n_cols, 16.0), height=max(3.0, 0.22 * n_rows + 1.5))
    ax = fig.add_subplot()
    img = ax.imshow(
        matrix.to_numpy(dtype=float),
        aspect="auto",
        cmap="RdYlGn",
        vmin=0.0,
        vmax=1.0,
        interpolation="nearest",
    )
    ax.set_yticks(range(n_rows))
    ax.set_yticklabels([schema.LABELS.get(c, c) for c in matrix.index], fontsize=7)
    if n_cols <= 60:
        ax.set_xticks(range(n_cols))
        ax.set_xticklabels(list(matrix.columns), rotation=90, fontsize=6)
    else:
        ax.set_xticks([])
    ax.set_xlabel(f"Đơn vị ({n_cols}) / units")
    import textwrap

    ax.set_title("\n".join(textwrap.wrap(title, width=max(40, int(fig.get_figwidth() * 9)))))
    fig.colorbar(img, ax=ax, label="Tỷ lệ có dữ liệu / share filled", shrink=0.6)
    return fig


def quality_report(
    survey: pd.DataFrame,
    params: dict | None = None,
    previous: pd.DataFrame | None = None,
    *,
    units: pd.DataFrame | None = None,
    province_codes=None,
) -> dict[str, pd.DataFrame]:
    """Check a survey (2025 units) for completeness, plausibility, duplicates, coverage and jumps.

    Range findings and jumps are **warnings** (values to check), distinct from the
    validation errors of :func:`ntmplan.survey.schema.validate_survey`.

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows (one or more provinces).
    params : dict, optional
        Resolved params (``datashare.quality``); defaults when None.
    previous : pandas.DataFrame, optional
        An earlier survey in the same (2025) units, e.g. a converted 2023 survey; the
        latest year of each unit in it is compared with the latest year in ``survey``.
    units : pandas.DataFrame, optional
        Official 2025 units (province_code, commune_code, commune_name, unit_type);
        default :func:`ntmplan.survey.units.current_units`.
    province_codes : list of str, optional
        Provinces whose units are expected; default those present in ``survey``.

    Returns
    -------
    dict of pandas.DataFrame
        ``overview`` (check, label, count, severity), ``completeness`` (column, label,
        n_rows, n_filled, completeness), ``completeness_matrix`` (see
        :func:`completeness_matrix`), ``completeness_by_province`` (columns × provinces,
        share of expected units with a value), ``ranges``, ``duplicates``,
        ``missing_units``, ``unknown_units``, ``jumps``.

    Raises
    ------
    MissingColumnError
        If province_code, commune_code, commune_name or year is missing.
    """
    p = _params(params)
    qp = p["datashare"]["quality"]
    _require(survey, ["province_code", "commune_code", "commune_name", "year"], "survey")
    if units is None:
        from ntmplan.survey import units as _units

        units = _units.current_units()
    provinces = (
        sorted(set(survey["province_code"].astype(str)))
        if province_codes is None
        else [str(c) for c in province_codes]
    )
    expected = _expected_units(units, provinces, qp)
    cols = [c for c in SURVEY_COLUMNS if c in survey.columns]
    ident = ["province_code", "commune_code", "commune_name", "year"]

    # completeness
    filled = _filled(survey[cols])
    completeness = pd.DataFrame(
        {
            "column": cols,
            "label": [schema.LABELS.get(c, c) for c in cols],
            "n_rows": len(survey),
            "n_filled": filled.sum().to_numpy().astype("int64"),
        }
    )
    completeness["completeness"] = completeness["n_filled"] / len(survey) if len(survey) else np.nan
    matrix = completeness_matrix(survey, expected)
    # by province: share of expected (or present) units with a value
    prov_map = pd.concat(
        [survey[["commune_code", "province_code"]], expected[["commune_code", "province_code"]]]
    )
    prov_map = (
        prov_map.astype(str)
        .drop_duplicates("commune_code")
        .set_index("commune_code")["province_code"]
    )
    if matrix.shape[1]:
        by_province = matrix.T.groupby(matrix.columns.map(prov_map).to_numpy()).mean().T
    else:
        by_province = pd.DataFrame(index=matrix.index)

    # plausible ranges (warnings)
    found = []
    for check, rng in qp["ranges"].items():
        if check in qp["ratios"]:
            num, den = qp["ratios"][check]
            if num not in survey or den not in survey:
                continue
            values = survey[num].astype(float) / survey[den].astype(float).where(survey[den] > 0)
        elif check in survey.columns:
            values = pd.to_numeric(survey[check], errors="coerce").astype(float)
        else:
            continue
        lo, hi = rng.get("min"), rng.get("max")
        outside = (values < lo) if lo is not None else pd.Series(False, index=survey.index)
        if hi is not None:
            outside |= values > hi
        hit = survey.loc[outside, ident].assign(
            check=check, value=values[outside], minimum=lo, maximum=hi
        )
        found.append(hit)
    ranges = (
        pd.concat(found, ignore_index=True)
        if found
        else pd.DataFrame(columns=[*ident, "check", "value", "minimum", "maximum"])
    )
    ranges["label"] = ranges["check"].map(lambda c: schema.LABELS.get(c, _RATIO_LABELS.get(c, c)))
    ranges["severity"] = "warning"
    ranges["message"] = (
        "Ngoài khoảng hợp lý ["
        + ranges["minimum"].astype(str)
        + "; "
        + ranges["maximum"].astype(str)
        + "] — kiểm tra lại số liệu (cảnh báo, không phải lỗi) / outside the plausible range — check (warning, not an error)"
    )
    ranges = ranges[
        [*ident, "check", "label", "value", "minimum", "maximum", "severity", "message"]
    ]

    # duplicates: same unit twice in a year; identical figures for two units (copy-paste)
    key_dup = survey.duplicated(["commune_code", "year"], keep=False)
    data_cols = [
        c for c in cols if c not in ("province_code", "commune_code", "commune_name", "unit_type")
    ]
    same_data = (
        survey.duplicated(data_cols, keep=False) & ~key_dup if data_cols else key_dup & False
    )
    duplicates = pd.concat(
        [
            survey.loc[key_dup, ident].assign(
                check="duplicate_key",
                message="Đơn vị xuất hiện nhiều lần trong cùng năm / unit appears more than once in a year",
            ),
            survey.loc[same_data, ident].assign(
                check="identical_values",
                message="Số liệu giống hệt một đơn vị khác (có thể sao chép nhầm) / figures identical to another unit (copy-paste?)",
            ),
        ],
        ignore_index=True,
    )
    duplicates["severity"] = "warning"

    # coverage against the official list
    codes = set(survey["commune_code"].astype(str))
    missing_units = expected.loc[
        ~expected["commune_code"].astype(str).isin(codes),
        ["province_code", "commune_code", "commune_name", "unit_type"],
    ]
    missing_units = missing_units.reset_index(drop=True)
    known = set(units["commune_code"].astype(str))
    unknown_units = survey.loc[~survey["commune_code"].astype(str).isin(known), ident].reset_index(
        drop=True
    )

    jumps = _jumps(survey, previous, qp["jumps"])

    overview = pd.DataFrame(
        [
            (
                "ranges",
                "Giá trị ngoài khoảng hợp lý / values outside plausible ranges",
                len(ranges),
                "warning",
            ),
            ("duplicates", "Dòng trùng lặp / duplicate rows", len(duplicates), "warning"),
            (
                "missing_units",
                "Đơn vị có trong danh mục nhưng thiếu trong khảo sát / official units missing from the survey",
                len(missing_units),
                "warning",
            ),
            (
                "unknown_units",
                "Mã đơn vị không có trong danh mục 2025 / codes not in the 2025 unit list",
                len(unknown_units),
                "error",
            ),
            (
                "jumps",
                "Biến động bất thường so với năm trước / unusual year-to-year jumps",
                len(jumps),
                "warning",
            ),
        ],
        columns=["check", "label", "count", "severity"],
    )
    return {
        "overview": overview,
        "completeness": completeness,
        "completeness_matrix": matrix,
        "completeness_by_province": by_province,
        "ranges": ranges.reset_index(drop=True),
        "duplicates": duplicates,
        "missing_units": missing_units,
        "unknown_units": unknown_units,
        "jumps": jumps,
    }


_RATIO_LABELS = {
    "persons_per_household": "Số nhân khẩu bình quân một hộ / persons per household",
    "households_per_village": "Số hộ bình quân một thôn / households per village",
}


def _jumps(survey: pd.DataFrame, previous: pd.DataFrame | None, rules: dict) -> pd.DataFrame:
    cols = [
        "province_code",
        "commune_code",
        "commune_name",
        "column",
        "label",
        "year_previous",
        "year",
        "previous",
        "current",
        "change",
        "ratio",
        "severity",
        "message",
    ]
    if previous is None or not len(previous) or not len(survey):
        return pd.DataFrame(columns=cols)
    _require(previous, ["commune_code", "year"], "previous")
    cur = survey.sort_values("year", kind="mergesort").drop_duplicates("commune_code", keep="last")
    prev = previous.sort_values("year", kind="mergesort").drop_duplicates(
        "commune_code", keep="last"
    )
    both = cur.merge(prev, on="commune_code", how="inner", suffixes=("", "_prev"))
    both = both[both["year_prev"] < both["year"]]
    found = []
    for col, rule in rules.items():
        if col not in cur.columns or col not in prev.columns:
            continue
        a = both[f"{col}_prev"].astype(float)
        b = both[col].astype(float)
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        ratio = (hi / lo.where(lo > 0)).where(lo > 0, np.where(hi > 0, np.inf, 1.0))
        flag = ((b - a).abs() >= rule["min_abs_change"]) & (ratio > rule["max_ratio"])
        hit = both.loc[flag, ["province_code", "commune_code", "commune_name", "year_prev", "year"]]
        found.append(
            hit.assign(
                column=col,
                previous=a[flag],
                current=b[flag],
                change=(b - a)[flag],
                ratio=ratio[flag],
            )
        )
    if not found:
        return pd.DataFrame(columns=cols)
    out = pd.concat(found, ignore_index=True).rename(columns={"year_prev": "year_previous"})
    out["label"] = out["column"].map(lambda c: schema.LABELS.get(c, c))
    out["severity"] = "warning"
    out["message"] = (
        "Biến động lớn so với năm trước — kiểm tra lỗi nhập liệu / large change from the previous year — check for entry errors"
    )
    return out.sort_values(["province_code", "commune_code", "column"], ignore_index=True)[cols]


# ============================================================== export package


def table_schema(params: dict | None = None) -> dict:
    """Return the Frictionless Table Schema of the survey, generated from :data:`ntmplan.survey.schema.FIELDS`.

    Parameters
    ----------
    params : dict, optional
        Resolved params (enumerations and ranges of ``survey``); defaults when None.

    Returns
    -------
    dict
        ``fields`` (name, title = Vietnamese label, description = rule vi / en and
        unit, type, constraints), ``missingValues`` ``[""]``, ``primaryKey``
        ``["commune_code", "year"]``.
    """
    p = _params(params)
    sp = p["survey"]
    fields = []
    for f in schema.FIELDS:
        vi, en = schema.rule_text(f, p)
        spec: dict = {
            "name": f.name,
            "title": f.label_vi,
            "description": f"{vi} / {en}. Đơn vị / unit: {f.unit_vi}",
        }
        cons: dict = {} if f.optional else {"required": True}
        if f.kind in ("code", "text"):
            spec["type"] = "string"
            if f.kind == "code":
                cons["pattern"] = rf"\d{{{f.width}}}"
        elif f.kind == "enum":
            spec["type"] = "string"
            cons["enum"] = schema.allowed_values(f.name, p)
        elif f.kind == "year":
            spec["type"] = "integer"
            cons.update(minimum=sp["min_year"], maximum=sp["max_year"])
        elif f.kind == "bool":
            spec.update(type="boolean", trueValues=["True"], falseValues=["False"])
        elif f.kind == "share":
            spec["type"] = "number"
            cons.update(minimum=0, maximum=1)
        elif f.name == "dx_demand":
            spec["type"] = "integer"
            cons.update(minimum=sp["dx_demand_min"], maximum=sp["dx_demand_max"])
        else:
            spec["type"] = "integer"
            cons["minimum"] = f.minimum
        spec["constraints"] = cons
        fields.append(spec)
    return {"fields": fields, "missingValues": [""], "primaryKey": ["commune_code", "year"]}


def _slug(label: str) -> str:
    from ntmplan.survey.units import slugify

    slug = slugify(str(label))
    if not slug:
        raise ValueError("label phải có chữ hoặc số / label must contain letters or digits")
    return slug


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _checksums_text(folder: Path, names: list[str]) -> str:
    return "".join(f"{_sha256(folder / n)}  {n}\n" for n in sorted(names))


def verify_checksums(folder) -> list[str]:
    """Check every file listed in ``SHA256SUMS`` of an export folder.

    Parameters
    ----------
    folder : str or Path
        An export version folder.

    Returns
    -------
    list of str
        Problems (Vietnamese / English); empty when every checksum matches.
    """
    folder = Path(folder)
    sums = folder / CHECKSUMS_FILE
    if not sums.is_file():
        return [f"Thiếu tệp {CHECKSUMS_FILE} / {CHECKSUMS_FILE} missing"]
    problems = []
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        target = folder / name
        if not name or "/" in name or "\\" in name or name.startswith("."):
            problems.append(f"Dòng không hợp lệ trong {CHECKSUMS_FILE} / invalid line: {line!r}")
        elif not target.is_file():
            problems.append(f"Thiếu tệp / missing file: {name}")
        elif _sha256(target) != digest:
            problems.append(f"Mã SHA-256 không khớp / checksum mismatch: {name}")
    return problems


def _descriptor(
    label: str,
    params: dict,
    csv_name: str,
    dict_name: str,
    folder: Path,
    illustrative: bool,
    n_rows: int,
    years: list[int],
) -> dict:
    ep = params["datashare"]["export"]
    slug = _slug(label)
    note_vi = " Dữ liệu minh họa, không phải số liệu khảo sát thực tế." if illustrative else ""
    note_en = " Illustrative data, not real survey results." if illustrative else ""
    years_txt = ", ".join(str(y) for y in years) or "—"
    dict_fields = [
        {"name": schema.DICTIONARY_LABELS[c], "type": "string"} for c in schema.DICTIONARY_LABELS
    ]
    return {
        "name": f"khao-sat-cds-ntm-{slug}",
        "title": f"Khảo sát chuyển đổi số trong xây dựng nông thôn mới — {label}",
        "description": (
            f"Số liệu khảo sát cấp xã theo đơn vị hành chính từ 1/7/2025 ({n_rows} dòng; năm {years_txt}), "
            f"chia sẻ cho cơ sở dữ liệu dùng chung quốc gia (nhiệm vụ 5 của Hướng dẫn).{note_vi} / "
            f"Commune-level survey in the 2025 administrative units ({n_rows} rows; years {years_txt}) for the "
            f"national shared database (guidance task 5).{note_en}"
        ),
        "keywords": [
            "nông thôn mới",
            "chuyển đổi số",
            "Quyết định 924/QĐ-TTg",
            "NTM",
            "digital transformation",
        ],
        "licenses": [{"name": ep["license"], "title": ep["license"]}],
        "contributors": [{"title": ep["publisher_vi"], "role": "publisher"}],
        "resources": [
            {
                "name": "khao-sat",
                "title": "Số liệu khảo sát cấp xã / commune survey",
                "path": csv_name,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "hash": f"sha256:{_sha256(folder / csv_name)}",
                "bytes": (folder / csv_name).stat().st_size,
                "schema": table_schema(params),
            },
            {
                "name": "tu-dien-du-lieu",
                "title": "Từ điển dữ liệu (tiếng Việt) / data dictionary",
                "path": dict_name,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "hash": f"sha256:{_sha256(folder / dict_name)}",
                "bytes": (folder / dict_name).stat().st_size,
                "schema": {"fields": dict_fields},
            },
        ],
    }


def _version_date(date) -> str:
    if date is None:
        date = _dt.date.today()
    if isinstance(date, (_dt.date, _dt.datetime)):
        return date.strftime("%Y-%m-%d")
    text = str(date)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"date phải có dạng YYYY-MM-DD / date must be YYYY-MM-DD: {date!r}")
    return text


def export_package(
    survey: pd.DataFrame,
    out_root,
    label: str,
    params: dict | None = None,
    date=None,
    *,
    illustrative: bool = False,
) -> Path:
    """Write a versioned export package of a survey in 2025 units (Frictionless Data Package).

    ``<out_root>/data_export/<date>-<hash>/`` holds ``khao_sat_<label>.csv`` (UTF-8, no
    BOM, rows by province, commune, year), ``tu_dien_du_lieu.csv`` (Vietnamese data
    dictionary, UTF-8 with BOM for Excel), ``datapackage.json`` and ``SHA256SUMS``.
    Unchanged content reuses the existing version folder whatever its date (see the
    module docstring); nothing is overwritten in place.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey in 2025 units (all survey columns).
    out_root : str or Path
        Province (or national) output folder.
    label : str
        Name of the data set, e.g. ``"01-ha-noi"`` (used in file names and the title).
    params : dict, optional
        Resolved params (``datashare.export``, ``survey``); defaults when None.
    date : datetime.date or str, optional
        Version date (``YYYY-MM-DD``); default today. Injectable for tests.
    illustrative : bool
        Mark the package as illustrative data in its description.

    Returns
    -------
    Path
        The version folder (new or reused).

    Raises
    ------
    MissingColumnError
        If a survey column is missing.
    ValueError
        If the label or date is invalid, or a folder with the same name exists with other
        content (it is never overwritten).
    """
    from ntmplan.core.writers import atomic_write_bytes, write_csv

    p = _params(params)
    ep = p["datashare"]["export"]
    _require(survey, SURVEY_COLUMNS, "survey")
    version_date = _version_date(date)
    slug = _slug(label)
    root = Path(out_root) / EXPORT_DIR
    root.mkdir(parents=True, exist_ok=True)
    csv_name = f"{ep['csv_stem']}_{slug}.csv"
    dict_name = ep["dictionary_file"]
    frame = survey[list(SURVEY_COLUMNS)].sort_values(
        ["province_code", "commune_code", "year"], ignore_index=True
    )
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-export-", dir=root))
    try:
        write_csv(tmp / csv_name, frame)
        dictionary = schema.data_dictionary(p).rename(columns=schema.DICTIONARY_LABELS)
        text = dictionary.to_csv(index=False, lineterminator="\n")
        atomic_write_bytes(tmp / dict_name, b"\xef\xbb\xbf" + text.encode("utf-8"))
        years = sorted(int(y) for y in frame["year"].unique())
        desc = _descriptor(label, p, csv_name, dict_name, tmp, illustrative, len(frame), years)
        body = json.dumps(desc, ensure_ascii=False, indent=2) + "\n"
        atomic_write_bytes(tmp / DESCRIPTOR_FILE, body.encode("utf-8"))
        sums = _checksums_text(tmp, [csv_name, dict_name, DESCRIPTOR_FILE])
        atomic_write_bytes(tmp / CHECKSUMS_FILE, sums.encode("utf-8"))
        digest = hashlib.sha256(sums.encode("utf-8")).hexdigest()[: int(ep["hash_length"])]
        for existing in sorted(root.glob(f"*-{digest}"), reverse=True):
            if existing.is_dir() and re.fullmatch(
                rf"\d{{4}}-\d{{2}}-\d{{2}}-{digest}", existing.name
            ):
                same = (existing / CHECKSUMS_FILE).is_file() and (
                    existing / CHECKSUMS_FILE
                ).read_text(encoding="utf-8") == sums
                if same and not verify_checksums(existing):
                    return existing
        target = root / f"{version_date}-{digest}"
        for item in tmp.iterdir():  # temp files are private (0600); a shared export is readable
            item.chmod(0o644)
        tmp.chmod(0o755)
        if target.exists():
            raise ValueError(
                f"Thư mục {target} đã có nhưng nội dung khác; không ghi đè — hãy xóa hoặc đổi tên nó / "
                f"{target} exists with other content; it is never overwritten — remove or rename it"
            )
        try:
            os.rename(tmp, target)
        except OSError:
            if (
                target.is_dir()
                and (target / CHECKSUMS_FILE).is_file()
                and not verify_checksums(target)
            ):
                return target  # written meanwhile by another process with the same content
            raise
        return target
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def export_national(
    survey_all: pd.DataFrame,
    out_root=None,
    params: dict | None = None,
    date=None,
    *,
    illustrative: bool = False,
) -> Path:
    """Write the national export package into ``<out_root>/00-toan-quoc/data_export/``.

    Parameters
    ----------
    survey_all : pandas.DataFrame
        Validated survey of every province in 2025 units (any years).
    out_root : str or Path, optional
        The outputs folder (default ``paths.OUTPUTS_DIR``).
    params : dict, optional
        Resolved params; defaults when None.
    date : datetime.date or str, optional
        Version date; default today.
    illustrative : bool
        Mark the package as illustrative data.

    Returns
    -------
    Path
        The version folder.

    Raises
    ------
    MissingColumnError
        If a survey column is missing.
    """
    root = paths.OUTPUTS_DIR if out_root is None else Path(out_root)
    return export_package(
        survey_all, root / NATIONAL_DIR, "toan-quoc", params, date, illustrative=illustrative
    )


def validate_package(path) -> tuple[bool, list[str]]:
    """Validate an export package with Frictionless, and check its SHA-256 checksums.

    Parameters
    ----------
    path : str or Path
        The version folder or its ``datapackage.json``.

    Returns
    -------
    (bool, list of str)
        Whether the package is valid, and every problem found (empty when valid):
        Frictionless errors (resource, row, field, type, note) and checksum problems.
    """
    import frictionless

    path = Path(path)
    folder = path if path.is_dir() else path.parent
    descriptor = folder / DESCRIPTOR_FILE
    errors = verify_checksums(folder)
    if not descriptor.is_file():
        return False, [*errors, f"Thiếu tệp / missing {DESCRIPTOR_FILE}"]
    try:
        report = frictionless.validate(str(descriptor))
    except Exception as exc:  # noqa: BLE001 - frictionless raises many kinds; all mean "invalid"
        return False, [*errors, f"Frictionless: {exc}"]
    for err in report.errors:
        errors.append(f"{err.type}: {err.note or err.message}")
    for task in report.tasks:
        for err in task.errors:
            where = ", ".join(
                x
                for x in (
                    task.name,
                    f"dòng/row {err.row_number}" if getattr(err, "row_number", None) else "",
                    f"cột/field {err.field_name}" if getattr(err, "field_name", None) else "",
                )
                if x
            )
            errors.append(f"{where}: {err.type} — {err.note or err.message}")
    return (report.valid and not errors), errors


# ============================================================== summary and assumptions


def summary(
    quality: dict | None = None,
    export_dir=None,
    province_dir=None,
    validation: tuple[bool, list] | None = None,
    conversion: ConversionReport | None = None,
) -> dict:
    """Collect the key figures of notebook 05 (keys: see the module docstring).

    Parameters
    ----------
    quality : dict, optional
        Output of :func:`quality_report`.
    export_dir : str or Path, optional
        Export version folder.
    province_dir : str or Path, optional
        The province output folder (``export_path`` is made relative to it).
    validation : (bool, list), optional
        Output of :func:`validate_package`.
    conversion : ConversionReport, optional
        Legacy conversion shown in the notebook.

    Returns
    -------
    dict
        JSON-serialisable.
    """
    out: dict = {}
    if quality is not None:
        comp = quality["completeness"]
        matrix = quality["completeness_matrix"]
        n_rows = int(comp["n_rows"].iloc[0]) if len(comp) else 0
        out["n_rows"] = n_rows
        cells = comp["n_rows"].sum()
        out["completeness"] = round(float(comp["n_filled"].sum() / cells), 4) if cells else None
        out["completeness_with_missing_units"] = (
            round(float(matrix.to_numpy().mean()), 4) if matrix.size else None
        )
        inc = comp[comp["completeness"] < 1]
        out["incomplete_columns"] = {
            str(c): round(float(v), 4)
            for c, v in zip(inc["column"], inc["completeness"], strict=True)
        }
        counts = {
            "n_range_warnings": len(quality["ranges"]),
            "n_duplicate_rows": len(quality["duplicates"]),
            "n_missing_units": len(quality["missing_units"]),
            "n_unknown_units": len(quality["unknown_units"]),
            "n_jumps": len(quality["jumps"]),
        }
        out.update({k: int(v) for k, v in counts.items()})
        out["n_problems"] = int(sum(counts.values()))
    if export_dir is not None:
        export_dir = Path(export_dir)
        out["export_version"] = export_dir.name
        try:
            rel = (
                export_dir.resolve().relative_to(Path(province_dir).resolve())
                if province_dir is not None
                else export_dir
            )
        except ValueError:
            rel = export_dir
        out["export_path"] = rel.as_posix()
    else:
        out["export_version"] = None
        out["export_path"] = None
    out["export_valid"] = None if validation is None else bool(validation[0])
    out["export_errors"] = None if validation is None else len(validation[1])
    out["conversion"] = (
        None
        if conversion is None
        else {
            "n_rows": conversion.n_rows,
            "n_matched": conversion.n_matched,
            "n_merged": conversion.n_merged,
            "n_split": conversion.n_split,
            "n_unmatched": conversion.n_unmatched,
            "n_output": conversion.n_output,
            "split_method": conversion.split_method,
            "totals_preserved": conversion.preserved,
        }
    )
    return out


def assumptions(params: dict | None = None) -> pd.DataFrame:
    """List the ``datashare`` params with their resolved values and source or assumption.

    Sources are the comments of ``params/defaults.yaml`` (section ``datashare``).

    Parameters
    ----------
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    pandas.DataFrame
        ``key`` (dotted), ``value`` (text; JSON for lists and mappings), ``source``.

    Raises
    ------
    OSError
        If ``params/defaults.yaml`` cannot be read.
    """
    from ntmplan.core.params import section_sources

    return section_sources("datashare", params, style="joined")
