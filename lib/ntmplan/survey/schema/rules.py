"""What each column accepts, from the ``survey`` params: allowed codes, labels, yes/no words, rule texts."""

from __future__ import annotations

from ntmplan.core.params import params_or_defaults
from ntmplan.survey.schema.fields import FIELD_BY_NAME, LABELS, Field
from ntmplan.survey.units.text import fold


def survey_params(params: dict | None) -> dict:
    """Return the ``survey`` section of ``params`` (of the defaults when None).

    Parameters
    ----------
    params : dict or None
        Resolved params.

    Returns
    -------
    dict
    """
    return params_or_defaults(params)["survey"]


def allowed_values(field: str, params: dict | None = None, scheme: str = "current") -> list[str]:
    """Return the codes allowed in an enumerated column.

    Parameters
    ----------
    field : str
        ``unit_type``, ``ntm_level``, ``prominent_sector`` or ``commune_category``.
    params : dict, optional
        Resolved params (defaults when None).
    scheme : str
        ``current`` or ``legacy`` (changes the unit types).

    Returns
    -------
    list of str

    Raises
    ------
    KeyError
        If ``field`` is not an enumerated column.
    """
    sp = survey_params(params)
    spec = FIELD_BY_NAME[field]
    if spec.kind != "enum":
        raise KeyError(field)
    key = spec.enum
    if field == "unit_type" and scheme == "legacy":
        key = "legacy_unit_types"
    values = sp[key]
    return list(values.keys()) if isinstance(values, dict) else list(values)


def enum_labels(field: str, params: dict | None = None, scheme: str = "current") -> dict[str, str]:
    """Return code → label of an enumerated column (the code itself when no label exists).

    Parameters
    ----------
    field : str
    params : dict, optional
    scheme : str

    Returns
    -------
    dict
    """
    sp = survey_params(params)
    spec = FIELD_BY_NAME[field]
    labels = sp.get(spec.enum) if isinstance(sp.get(spec.enum), dict) else {}
    if field == "ntm_level":
        labels = sp.get("ntm_level_labels", {})
    return {code: labels.get(code, code) for code in allowed_values(field, params, scheme)}


def vietnamese_labels(field: str, params: dict | None = None, scheme: str = "current") -> list[str]:
    """Return the Vietnamese labels of an enumerated column, as the template's dropdown offers them.

    Parameters
    ----------
    field : str
    params : dict, optional
    scheme : str

    Returns
    -------
    list of str
        The Vietnamese half of each label, first letter capital (``"Đạt chuẩn NTM"``, ``"Xã"``),
        in the order of :func:`allowed_values`; each is read back as its code.
    """
    out = []
    for label in enum_labels(field, params, scheme).values():
        vi = label.split(" / ")[0].strip()
        out.append(vi[:1].upper() + vi[1:])
    return out


def enum_lookup(field: str, params: dict | None, scheme: str) -> dict[str, str]:
    """Return folded code / label / Vietnamese part of the label → code of an enumerated column.

    Parameters
    ----------
    field : str
    params : dict or None
    scheme : str

    Returns
    -------
    dict
    """
    out: dict[str, str] = {}
    for code, label in enum_labels(field, params, scheme).items():
        for alias in (label, label.split(" / ")[0], code):
            out[fold(alias)] = code
    return out


def bool_lookup(params: dict | None) -> dict[str, bool]:
    """Return folded yes/no word → bool (``survey.yes_values`` / ``survey.no_values``).

    Parameters
    ----------
    params : dict or None

    Returns
    -------
    dict
    """
    sp = survey_params(params)
    out = {fold(v): False for v in sp["no_values"]}
    out.update({fold(v): True for v in sp["yes_values"]})
    return out


def rule_text(field: Field, params: dict | None = None, scheme: str = "current") -> tuple[str, str]:
    """Return the rule of a column in Vietnamese and English (for the dictionary and messages).

    Parameters
    ----------
    field : Field
    params : dict, optional
    scheme : str

    Returns
    -------
    (str, str)
    """
    sp = survey_params(params)
    vi: list[str] = []
    en: list[str] = []
    if field.kind == "code":
        vi.append(f"mã {field.width} chữ số, có trong danh mục đơn vị hành chính")
        en.append(f"{field.width}-digit code, present in the administrative units")
        if field.name == "commune_code":
            vi.append("thuộc tỉnh ở cột Mã tỉnh; không lặp lại trong cùng năm")
            en.append("belongs to the province in province_code; unique per year")
    elif field.kind == "text" and field.optional:
        vi.append("chữ, có thể để trống")
        en.append("text, may be empty")
    elif field.kind == "text":
        vi.append("chữ, không để trống")
        en.append("text, not empty")
    elif field.kind == "enum":
        codes = ", ".join(allowed_values(field.name, params, scheme))
        offered = ", ".join(vietnamese_labels(field.name, params, scheme))
        vi.append(
            ("để trống hoặc " if field.optional else "")
            + f"một trong: {codes} (hoặc nhãn: {offered})"
        )
        en.append(("empty or " if field.optional else "") + f"one of: {codes}")
    elif field.kind == "year":
        vi.append(f"năm {sp['min_year']}–{sp['max_year']}")
        en.append(f"year {sp['min_year']}–{sp['max_year']}")
    elif field.kind == "bool":
        yes, no = ", ".join(sp["yes_values"]), ", ".join(sp["no_values"])
        empty_vi = "để trống nếu chưa rõ" if field.optional else "không để trống"
        empty_en = "empty if not known" if field.optional else "not empty"
        vi.append(f"có/không — có: {yes}; không: {no}; {empty_vi}")
        en.append(f"yes/no — yes: {yes}; no: {no}; {empty_en}")
    elif field.kind == "share":
        vi.append("số thập phân 0–1 (ví dụ 0,65), hoặc phần trăm có dấu % (65%)")
        en.append("decimal 0–1 (e.g. 0.65), or a percentage with % (65%)")
    elif field.name == "dx_demand":
        vi.append(f"số nguyên {sp['dx_demand_min']}–{sp['dx_demand_max']}")
        en.append(f"whole number {sp['dx_demand_min']}–{sp['dx_demand_max']}")
    elif field.maximum is not None:
        vi.append(f"số nguyên {field.minimum}–{field.maximum}")
        en.append(f"whole number {field.minimum}–{field.maximum}")
    else:
        vi.append(f"số nguyên ≥ {field.minimum}")
        en.append(f"whole number ≥ {field.minimum}")
    if field.optional and field.kind in ("int", "share"):
        vi.append("có thể để trống")
        en.append("may be empty")
    for other in field.at_most:
        vi.append(f"≤ {LABELS[other]} ({other})")
        en.append(f"≤ {other}")
    for other in field.at_least:
        vi.append(f"≥ {LABELS[other]} ({other})")
        en.append(f"≥ {other}")
    return "; ".join(vi), "; ".join(en)
