"""The rules of a legacy → 2025 conversion: column roles, params options and their text.

Defaults (params ``datashare.conversion``; each can be changed):

- Counts of the legacy communes that became one new unit are **summed**;
  ``max_columns`` (digital services, digital providers) take the largest part.
- ``files_online_share`` is re-weighted by ``officials``:
  Σ(share × officials) / Σ officials.
- Yes/no criteria: ``bool_rule = all`` — met only if met in every part.
- ``ntm_level``: the lowest level among the parts (``ntm_level_rule``).
- ``prominent_sector``: the sector of the part with most households, among
  parts that name one; so are the optional columns of :data:`CARRIED_COLUMNS`
  (commune-group columns, online satisfaction survey, the "other" sector's text).
- ``commune_category``: the first category of ``category_priority`` present.
- ``dx_demand``: household-weighted mean, rounded half up.
- Split legacy communes: all to the package's default successor
  (``split_weights = default``), or allocated by the new units' area shares
  (``area``) or by a weights table given to
  :func:`ntmplan.survey.legacy.convert.convert_legacy`. Counts are then allocated
  with largest-remainder integer rounding, so every total is preserved exactly; a
  count bounded by another (``households ≤ population``, ``villages_fiber ≤
  villages``…) is allocated in proportion to its bound's allocation, so the bounds
  hold in every part. Yes/no, categorical and share columns are copied to every part.
- Rows whose legacy code cannot be matched are left out of the result and
  listed with their reason.
"""

from __future__ import annotations

from ntmplan.core.params import params_or_defaults
from ntmplan.survey import schema

#: Survey columns by role in the conversion (from the declarative schema).
SURVEY_COLUMNS: tuple[str, ...] = schema.COLUMNS
KEY_COLUMNS = ("province_code", "commune_code", "commune_name", "unit_type", "year")
BOOL_COLUMNS = tuple(f.name for f in schema.FIELDS if f.kind == "bool" and not f.optional)
SHARE_COLUMNS = tuple(f.name for f in schema.FIELDS if f.kind == "share" and not f.optional)
COUNT_COLUMNS = tuple(
    f.name for f in schema.FIELDS if f.kind == "int" and f.name != "dx_demand" and not f.optional
)
#: Optional columns carried from the part with most households (like the prominent sector):
#: the commune-group columns, the online satisfaction survey, the "other" sector's text.
CARRIED_COLUMNS = tuple(
    f.name
    for f in schema.FIELDS
    if f.optional and f.name not in ("prominent_sector", "commune_category")
)
#: Columns a legacy survey must have (the optional ones may be absent).
REQUIRED_COLUMNS = tuple(f.name for f in schema.FIELDS if not f.optional)
#: Totals that must be preserved exactly by a conversion (issue 6).
PRESERVED_TOTALS = ("households", "population", "officials")

#: Implemented values of each rule option of ``datashare.conversion``.
ALLOWED_OPTIONS = {
    "bool_rule": ("all", "any"),
    "ntm_level_rule": ("lowest", "most_households"),
    "sector_rule": ("most_households",),
    "dx_demand_rule": ("households_mean",),
    "split_weights": ("default", "area"),
}


def conversion_params(params: dict | None) -> dict:
    """Return the checked ``datashare.conversion`` params.

    Parameters
    ----------
    params : dict or None
        Resolved params; defaults when None.

    Returns
    -------
    dict
        ``params["datashare"]["conversion"]`` (not copied).

    Raises
    ------
    ValueError
        If a rule option is not one of :data:`ALLOWED_OPTIONS`, or a column named in
        ``max_columns`` / ``share_weights`` has the wrong role.
    """
    cp = params_or_defaults(params)["datashare"]["conversion"]
    for key, allowed in ALLOWED_OPTIONS.items():
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


def _split_rule(split_method: str) -> tuple[str, str]:
    """The (Vietnamese, English) text of the split rule for ``split_method``."""
    if split_method == "default":
        return (
            "Xã cũ bị chia tách: toàn bộ số liệu chuyển cho đơn vị kế thừa mặc định (theo bảng chuyển đổi của gói vietnamadminunits)",
            "Split legacy communes: all data go to the default successor (conversion table of the vietnamadminunits package)",
        )
    source = (
        ("tỷ trọng diện tích các đơn vị mới", "the new units' area shares")
        if split_method == "area"
        else ("bảng tỷ trọng do người dùng cung cấp", "a weights table given by the user")
    )
    return (
        f"Xã cũ bị chia tách: chỉ tiêu đếm được phân bổ theo {source[0]}, làm tròn số nguyên theo phương pháp "
        "phần dư lớn nhất (tổng được bảo toàn); chỉ tiêu bị chặn bởi chỉ tiêu khác phân bổ theo phần của chỉ tiêu "
        "chặn; tỷ lệ, có/không, danh mục được giữ nguyên cho mọi phần",
        f"Split legacy communes: counts allocated by {source[1]} with largest-remainder integer rounding (totals "
        "preserved); a count bounded by another follows its bound's allocation; shares, yes/no and categories are "
        "copied to every part",
    )


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
    cp = conversion_params(params)
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
    rules.append(("split_weights", *_split_rule(split_method)))
    rules.append(
        (
            "unmatched",
            "Dòng có mã xã cũ không đối chiếu được bị loại khỏi kết quả và liệt kê kèm lý do trong báo cáo chuyển đổi",
            "Rows whose legacy code cannot be matched are left out and listed with their reason in the conversion report",
        )
    )
    return [{"rule": r, "rule_vi": vi, "rule_en": en} for r, vi, en in rules]
