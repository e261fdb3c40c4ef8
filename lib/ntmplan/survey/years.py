"""Which survey year a province's reports analyse, and how many of its units that year holds.

A survey file may carry several years (a follow-up survey appended to the first) or a
year typed wrong on a few rows. Keeping blindly the latest year would shrink a province
to the few units that carry it: a 2025 survey with one row typed 2026 would report on
one commune. The year is therefore chosen explicitly (``--year``) or, by default, the
latest year that covers the province: the latest of the years holding the most of the
province's units (a unit is a commune code seen in the file, any year). What is left out
is named: the units without a row in the year analysed and the rows of other years.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ntmplan.core.errors import InputError, Problem

__all__ = ["YearChoice", "choose_year", "default_years", "rows_of_year", "year_line"]


@dataclass(frozen=True)
class YearChoice:
    """The year a province's reports analyse and what it leaves out.

    Attributes
    ----------
    year : int or None
        The year analysed (None: the province has no row).
    chosen_by : str
        ``"default"`` (latest year covering the province) or ``"asked"`` (``--year``).
    units_analysed : int
        Units (commune codes) with a row in ``year``.
    units_in_file : int
        Units of the province in the file, any year.
    other_years : dict
        Year -> number of rows of the other years (not analysed).
    missing_units : tuple of str
        Names of the units of the file without a row in ``year`` (sorted).
    """

    year: int | None
    chosen_by: str
    units_analysed: int
    units_in_file: int
    other_years: dict = field(default_factory=dict)
    missing_units: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """Whether the year analysed holds every unit and the file no other year."""
        return self.units_analysed == self.units_in_file and not self.other_years

    def as_dict(self) -> dict:
        """Return the record a province's summaries carry (read by the run summary).

        Returns
        -------
        dict
            ``year``, ``chosen_by``, ``units_analysed``, ``units_in_file``, ``other_years``
            (year as text -> rows), ``missing_units`` (names), ``complete``.
        """
        return {
            "year": self.year,
            "chosen_by": self.chosen_by,
            "units_analysed": self.units_analysed,
            "units_in_file": self.units_in_file,
            "other_years": {str(y): n for y, n in self.other_years.items()},
            "missing_units": list(self.missing_units),
            "complete": self.complete,
        }


def choose_year(rows: pd.DataFrame, year: int | None = None, source: str = "") -> YearChoice:
    """Choose the survey year of one province's rows.

    Parameters
    ----------
    rows : pandas.DataFrame
        The province's validated rows (``year``, ``commune_code``, ``commune_name``).
    year : int, optional
        The year asked for (``--year``); None or 0: the latest year holding the most units.
    source : str
        The survey file, named in the error.

    Returns
    -------
    YearChoice

    Raises
    ------
    InputError
        The year asked for has no row of the province (the message lists the years it has).
    """
    if rows.empty:
        return YearChoice(None, "asked" if year else "default", 0, 0)
    units_per_year = rows.groupby("year")["commune_code"].nunique()
    if year:
        if int(year) not in set(units_per_year.index.astype(int)):
            held = ", ".join(str(int(y)) for y in sorted(units_per_year.index))
            raise InputError(
                [
                    Problem(
                        source or None,
                        None,
                        "year",
                        int(year),
                        f"Tệp khảo sát không có dòng nào của năm này cho tỉnh; tệp có các năm: {held}",
                        f"the survey has no row of this year for the province; it has: {held}",
                    )
                ]
            )
        chosen, how = int(year), "asked"
    else:
        best = units_per_year[units_per_year == units_per_year.max()]
        chosen, how = int(max(best.index)), "default"
    mine = rows[rows["year"] == chosen]
    missing = rows.loc[~rows["commune_code"].isin(mine["commune_code"]), "commune_name"]
    others = rows.loc[rows["year"] != chosen, "year"].value_counts()
    return YearChoice(
        year=chosen,
        chosen_by=how,
        units_analysed=int(mine["commune_code"].nunique()),
        units_in_file=int(rows["commune_code"].nunique()),
        other_years={int(y): int(n) for y, n in sorted(others.items())},
        missing_units=tuple(sorted(set(missing.astype(str)))),
    )


def default_years(survey: pd.DataFrame) -> pd.Series:
    """Return each province's default year: the latest of its years holding the most units.

    The rule of :func:`choose_year` for many provinces at once (the national roll-up).

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated rows of several provinces (``province_code``, ``year``; units are
        ``commune_code`` values, or rows when the column is absent).

    Returns
    -------
    pandas.Series
        province code -> year (int).
    """
    unit = "commune_code" if "commune_code" in survey.columns else "year"
    how = "nunique" if unit == "commune_code" else "size"
    counts = survey.groupby(["province_code", "year"])[unit].agg(how).rename("units").reset_index()
    most = counts.groupby("province_code")["units"].transform("max")
    best = counts[counts["units"] == most]
    return best.groupby("province_code")["year"].max().astype(int)


def rows_of_year(rows: pd.DataFrame, choice: YearChoice) -> pd.DataFrame:
    """Return the rows of the year chosen (all columns, index reset).

    Parameters
    ----------
    rows : pandas.DataFrame
    choice : YearChoice

    Returns
    -------
    pandas.DataFrame
    """
    return rows[rows["year"] == choice.year].reset_index(drop=True)


def year_line(choice: YearChoice, listed: int = 5) -> str:
    """Return the Vietnamese line a report header shows about the year analysed.

    Parameters
    ----------
    choice : YearChoice
    listed : int
        How many missing units are named before the rest is counted.

    Returns
    -------
    str
        e.g. ``"Năm khảo sát phân tích: 2025 (năm gần nhất có đủ đơn vị của tỉnh) — 65/66 đơn
        vị có trong tệp. Không phân tích: 1 dòng năm 2026. Không có dòng năm 2025: Xã A."``
    """
    from ntmplan.core.fmt import number

    def integer(n: int) -> str:
        return number(n, 0)

    if choice.year is None:
        return "Năm khảo sát phân tích: — (tệp không có dòng nào của tỉnh)."
    how = (
        "năm được chọn bằng --year"
        if choice.chosen_by == "asked"
        else "năm gần nhất có nhiều đơn vị của tỉnh nhất; chọn năm khác bằng --year"
    )
    text = (
        f"Năm khảo sát phân tích: {choice.year} ({how}) — "
        f"{integer(choice.units_analysed)}/{integer(choice.units_in_file)} đơn vị của tỉnh có trong tệp."
    )
    if choice.other_years:
        rows = "; ".join(
            f"{integer(n)} dòng năm {y}" for y, n in sorted(choice.other_years.items())
        )
        text += f" Không phân tích: {rows}."
    if choice.missing_units:
        names = ", ".join(choice.missing_units[:listed])
        more = len(choice.missing_units) - listed
        names += f" và {integer(more)} đơn vị khác" if more > 0 else ""
        text += f" Không có dòng năm {choice.year}: {names}."
    return text
