"""Each village against its commune: the commune sheet of the same survey, else the 2025 units.

Errors: a village whose commune (in that year) is not in the commune sheet, or whose
province differs from its commune's. Warnings: a commune's village rows that disagree with
the commune's own totals (more villages listed than it declares, more households, a count of
villages with fibre or 4G/5G that differs from the commune's when every village is listed).
"""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import Problem, require_columns
from ntmplan.survey.schema.fields import LABELS


def _problems(mask, column, text, file, sheet, vi, en, severity="error") -> list[Problem]:
    """One problem per row of ``mask`` (``vi``/``en`` may be Series aligned on the rows)."""
    rows = mask[mask.fillna(False).astype(bool)].index
    pick = {
        k: (v.reindex(rows) if isinstance(v, pd.Series) else pd.Series(v, index=rows))
        for k, v in (("vi", vi), ("en", en))
    }
    return [
        Problem(file, int(r), column, text.at[r, column], pv, pe, severity, sheet)
        for r, pv, pe in zip(rows, pick["vi"], pick["en"], strict=True)
    ]


def unit_problems(
    typed: pd.DataFrame, text: pd.DataFrame, usable: pd.Series, file, sheet
) -> list[Problem]:
    """Villages whose commune is not a 2025 unit, or not one of their province.

    Parameters
    ----------
    typed, text : pandas.DataFrame
        Typed and text village tables (index = Excel rows).
    usable : pandas.Series
        bool: rows whose codes are well formed.
    file, sheet : str or None
        Location of the problems.

    Returns
    -------
    list of Problem
    """
    from ntmplan.survey.units import current_units

    units = current_units().set_index("commune_code")["province_code"]
    code = typed["commune_code"]
    known = usable & code.isin(units.index)
    unknown = usable & ~known
    province_of = code.map(units)
    elsewhere = known & (province_of != typed["province_code"])
    return _problems(
        unknown,
        "commune_code",
        text,
        file,
        sheet,
        "Mã xã không có trong danh mục đơn vị hành chính cấp xã (từ 1/7/2025)",
        "commune code not among the 2025 commune-level units",
    ) + _problems(
        elsewhere,
        "commune_code",
        text,
        file,
        sheet,
        "Xã không thuộc tỉnh ở cột «Mã tỉnh» (xã thuộc tỉnh " + province_of.astype(str) + ")",
        "the commune is not in the province of province_code (it is in "
        + province_of.astype(str)
        + ")",
    )


def commune_sheet_problems(
    typed: pd.DataFrame, text: pd.DataFrame, usable: pd.Series, communes: pd.DataFrame, file, sheet
) -> list[Problem]:
    """Villages whose commune (that year) is not in the commune table, or in another province.

    Parameters
    ----------
    typed, text : pandas.DataFrame
    usable : pandas.Series
        bool: rows whose codes and year are usable.
    communes : pandas.DataFrame
        The validated commune table of the same survey (every province and year).
    file, sheet : str or None

    Returns
    -------
    list of Problem

    Raises
    ------
    MissingColumnError
        If ``communes`` lacks ``province_code``, ``commune_code`` or ``year``.
    """
    require_columns(communes, ["province_code", "commune_code", "year"], "communes")
    code, year = typed["commune_code"], typed["year"]
    pairs = pd.MultiIndex.from_arrays([communes["commune_code"], communes["year"].astype("int64")])
    vpairs = pd.MultiIndex.from_arrays(
        [code.astype(object), year.astype("float64").fillna(-1).astype("int64")]
    )
    in_sheet = usable & code.isin(communes["commune_code"])
    missing = usable & ~in_sheet
    other_year = in_sheet & ~pd.Series(vpairs.isin(pairs), index=typed.index)
    province_of = code.map(
        communes.drop_duplicates("commune_code").set_index("commune_code")["province_code"]
    )
    elsewhere = in_sheet & ~other_year & (province_of != typed["province_code"])
    years = year.astype("string").fillna("")
    return (
        _problems(
            missing,
            "commune_code",
            text,
            file,
            sheet,
            "Xã của thôn không có trong trang khảo sát cấp xã",
            "the village's commune is not in the commune sheet",
        )
        + _problems(
            other_year,
            "year",
            text,
            file,
            sheet,
            "Trang khảo sát cấp xã không có dòng của xã này trong năm " + years,
            "the commune sheet has no row of this commune in " + years,
        )
        + _problems(
            elsewhere,
            "province_code",
            text,
            file,
            sheet,
            "Mã tỉnh khác với mã tỉnh của xã trong trang khảo sát cấp xã ("
            + province_of.astype(str)
            + ")",
            "province code differs from the commune's in the commune sheet ("
            + province_of.astype(str)
            + ")",
        )
    )


def total_warnings(
    typed: pd.DataFrame, text: pd.DataFrame, communes: pd.DataFrame, file, sheet
) -> list[Problem]:
    """Warnings where a commune's village rows disagree with the commune's own totals.

    One warning per commune and year, on the commune's first village row.

    Parameters
    ----------
    typed : pandas.DataFrame
        The village rows without errors.
    text : pandas.DataFrame
    communes : pandas.DataFrame
        The validated commune table; totals it lacks are not compared.
    file, sheet : str or None

    Returns
    -------
    list of Problem
    """
    if typed.empty:
        return []
    g = typed.assign(row=typed.index, year=typed["year"].astype("int64")).groupby(
        ["commune_code", "year"]
    )
    agg = pd.DataFrame(
        {
            "row": g["row"].min(),
            "n": g.size(),
            "households": g["households"].sum(),
            "fiber": g["fixed_broadband"].sum(),
            "mobile": g["mobile_broadband"].sum(),
        }
    )
    wanted = [
        c for c in ("villages", "households", "villages_fiber", "villages_4g") if c in communes
    ]
    com = communes.assign(year=communes["year"].astype("int64")).drop_duplicates(
        ["commune_code", "year"]
    )
    com = com.set_index(["commune_code", "year"])[wanted]
    agg = agg.join(com.add_prefix("c_"), how="inner")
    rules = []
    if "villages" in wanted:
        rules.append(
            (
                agg["n"] > agg["c_villages"],
                "village_name",
                agg["n"],
                agg["c_villages"],
                LABELS["villages"],
                "villages listed",
            )
        )
    if "households" in wanted:
        rules.append(
            (
                agg["households"] > agg["c_households"],
                "households",
                agg["households"],
                agg["c_households"],
                LABELS["households"],
                "households of the villages",
            )
        )
    complete = (
        agg["n"] == agg["c_villages"] if "villages" in wanted else pd.Series(False, index=agg.index)
    )
    for col, own, theirs in (
        ("villages_fiber", "fiber", "fixed_broadband"),
        ("villages_4g", "mobile", "mobile_broadband"),
    ):
        if col in wanted:
            rules.append(
                (
                    complete & (agg[own] != agg[f"c_{col}"]),
                    theirs,
                    agg[own],
                    agg[f"c_{col}"],
                    LABELS[col],
                    f"villages with {theirs}",
                )
            )
    out = []
    for mask, column, mine, declared, label, what in rules:
        hit = agg[mask.fillna(False).astype(bool)]
        for r, a, b in zip(hit["row"], mine[hit.index], declared[hit.index], strict=True):
            out.append(
                Problem(
                    file,
                    int(r),
                    column,
                    text.at[r, column],
                    f"Các thôn của xã cộng lại {a}, khác với «{label}» của xã ({b}) ở trang khảo sát cấp xã",
                    f"{what}: {a}, which does not agree with the commune sheet ({b})",
                    "warning",
                    sheet,
                )
            )
    return out
