"""What a legacy → 2025 conversion did: the :class:`ConversionReport` and its labels."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ntmplan.survey.legacy.rules import PRESERVED_TOTALS

#: Vietnamese labels of the conversion report's columns.
REPORT_LABELS: dict[str, str] = {
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
}

#: Vietnamese / English names of the values of the mapping's ``kind`` column.
KIND_LABELS = {
    "one_to_one": "giữ nguyên (1 xã cũ → 1 đơn vị mới) / one to one",
    "merge": "sáp nhập / merged",
    "split": "chia tách / split",
}


def plain(v):
    """Return a numpy / pandas scalar as a plain Python value (others unchanged).

    Parameters
    ----------
    v : object

    Returns
    -------
    object
        ``bool``, ``int`` or ``float`` for numpy scalars; ``v`` otherwise.
    """
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    return v


def _records(df: pd.DataFrame) -> list[dict]:
    """A frame as JSON-serialisable records (missing values as None)."""
    clean = df.astype(object).where(df.notna(), None)
    return [{k: plain(v) for k, v in r.items()} for r in clean.to_dict(orient="records")]


@dataclass
class ConversionReport:
    """What a legacy → 2025 conversion did (see :func:`ntmplan.survey.legacy.convert.convert_legacy`).

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
        :func:`ntmplan.survey.legacy.rules.conversion_rules`.
    pilots_in_wards : pandas.DataFrame
        Approved central pilots of the input whose 2025 unit is a ward (phường), outside
        the NTM scope (:func:`ntmplan.survey.legacy.pilots.pilots_in_wards`): flagged, never
        dropped silently.
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
    pilots_in_wards: pd.DataFrame = field(default_factory=pd.DataFrame)

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
                "Xã thí điểm do Trung ương chỉ đạo nay thuộc phường / central pilots now in a ward",
                len(self.pilots_in_wards),
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
        for r in self.pilots_in_wards.itertuples(index=False):  # a few approved pilots
            lines.append(
                f"⚠ Xã thí điểm Trung ương {r.legacy_commune_name} ({r.year}) nay thuộc "
                f"{r.commune_name}: ngoài phạm vi nông thôn mới, cần xử lý riêng / central pilot "
                "now in a ward"
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
            "totals": _records(self.totals),
            "unmatched": _records(self.unmatched),
            "units_without_data": _records(self.units_without_data),
            "n_partial_units": int(len(self.partial_units)),
            "rules": list(self.rules),
            "pilots_in_wards": _records(self.pilots_in_wards),
        }
