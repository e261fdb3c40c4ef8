"""Ceilings on what each source can pay: envelopes, overflow to fallback sources, unfunded gaps.

After :func:`apply_envelopes`, the tidy table carries a pseudo-source
``"unfunded"`` for the part of a requirement no source covers, so that for
every activity and year the amounts still add up to the requirement.
"""

from __future__ import annotations

import math

import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.budget.codes import TOL, UNFUNDED
from ntmplan.tasks.budget.phasing import programme_years

#: Columns of the ``gaps`` table of :func:`apply_envelopes`.
GAP_TABLE_COLUMNS = [
    "activity",
    "year",
    "source",
    "requirement_mvnd",
    "overflow_mvnd",
    "moved_to",
    "unfunded_mvnd",
]


def envelope_table(params: dict | None = None) -> pd.DataFrame:
    """Return the envelopes of ``budget.envelopes`` as a table.

    Parameters
    ----------
    params : dict, optional
        ``budget.envelopes``: ``{source: number}`` (the same ceiling every
        year) or ``{source: {year: number}}`` (years may be ints or strings).

    Returns
    -------
    pandas.DataFrame
        source, year, envelope_mvnd — only the source-years with a ceiling.

    Raises
    ------
    ValueError
        Unknown source, negative ceiling, or a year outside the programme.
    """
    p = params_or_defaults(params)
    b = p["budget"]
    years = programme_years(p)
    rows = []
    for source, spec in (b.get("envelopes") or {}).items():
        if source not in b["sources"]:
            raise ValueError(f"budget.envelopes: nguồn không hợp lệ / unknown source {source!r}")
        per_year = {y: spec for y in years} if not isinstance(spec, dict) else spec
        for year, value in per_year.items():
            if value is None or value == "":
                continue
            try:
                y = int(year)
                v = float(value)
            except (TypeError, ValueError):
                raise ValueError(
                    f"budget.envelopes.{source}.{year}: cần số / must be a number, got {value!r}"
                ) from None
            if y not in years:
                raise ValueError(
                    f"budget.envelopes.{source}: năm {y} ngoài giai đoạn / year {y} outside {years[0]}–{years[-1]}"
                )
            if v < 0 or not math.isfinite(v):
                raise ValueError(
                    f"budget.envelopes.{source}.{y}: trần phải ≥ 0 / envelope must be ≥ 0"
                )
            rows.append({"source": source, "year": y, "envelope_mvnd": v})
    return pd.DataFrame(rows, columns=["source", "year", "envelope_mvnd"])


def apply_envelopes(
    tidy: pd.DataFrame, params: dict | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cap each source's yearly requirement at its envelope; move or report the overflow.

    For each year, the first source (in ``budget.sources`` order) whose total
    exceeds its envelope is cut back to the envelope, every activity on it
    keeping the same fraction; the overflow goes to ``budget.fallback[source]``
    (following the chain past sources already at their ceiling) or, when there
    is none / the chain loops, to the pseudo-source ``unfunded``. Repeated
    until no source is over its envelope (at most once per source).

    Parameters
    ----------
    tidy : pandas.DataFrame
        activity, year, source, amount_mvnd (from :func:`split_sources`).
    params : dict, optional

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        ``tidy_after``: same columns, amounts within envelopes, plus rows with
        source ``unfunded``; per activity-year amounts still sum to the input.
        ``gaps``: activity, year, source, requirement_mvnd (the activity's
        amount on the source before the cut), overflow_mvnd, moved_to
        (``""`` if unfunded), unfunded_mvnd — one row per activity cut.

    Raises
    ------
    ValueError
        Missing columns, bad envelopes or an unknown fallback source.
    """
    p = params_or_defaults(params)
    b = p["budget"]
    require_columns(tidy, ("activity", "year", "source", "amount_mvnd"), "tidy")
    env = envelope_table(p)
    fallback = dict(b["fallback"])
    for s, t in fallback.items():
        if t and t not in b["sources"]:
            raise ValueError(f"budget.fallback.{s}: nguồn không hợp lệ / unknown source {t!r}")
    gap_cols = GAP_TABLE_COLUMNS
    if env.empty or tidy.empty:
        return tidy.reset_index(drop=True).copy(), pd.DataFrame(columns=gap_cols)
    sources = list(b["sources"])
    act_order = list(pd.unique(tidy["activity"]))
    pieces, gaps = [], []
    for year, grp in tidy.groupby("year", sort=True):  # a handful of years
        ceil = env[env["year"] == year].set_index("source")["envelope_mvnd"]
        long, cuts = _cap_year(grp, int(year), ceil, sources, fallback)
        pieces.append(long)
        gaps.extend(cuts)
    after = pd.concat(pieces, ignore_index=True)
    aorder = {a: i for i, a in enumerate(act_order)}
    sorder = {s: i for i, s in enumerate(sources + [UNFUNDED])}
    after = (
        after.assign(_a=after["activity"].map(aorder), _s=after["source"].map(sorder))
        .sort_values(["_a", "year", "_s"])
        .drop(columns=["_a", "_s"])
        .reset_index(drop=True)
    )
    gap_df = pd.concat(gaps, ignore_index=True) if gaps else pd.DataFrame(columns=gap_cols)
    return after, gap_df[gap_cols]


def _cap_year(
    grp: pd.DataFrame, year: int, ceil: pd.Series, sources: list[str], fallback: dict
) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    """Apply one year's envelopes: the year's tidy rows after the cuts, and one gaps frame per cut."""
    mat = grp.pivot_table(
        index="activity", columns="source", values="amount_mvnd", aggfunc="sum", fill_value=0.0
    )
    mat = mat.reindex(columns=sources + [UNFUNDED], fill_value=0.0)
    exhausted: set[str] = set()
    gaps = []
    for _ in range(len(sources)):  # each pass exhausts one source
        over = [
            s
            for s in sources
            if s in ceil.index and mat[s].sum() > ceil[s] + 1e-6 and s not in exhausted
        ]
        if not over:
            break
        s = over[0]
        req = mat[s].sum()
        keep = ceil[s] / req if req > 0 else 0.0
        before = mat[s].copy()
        overflow = before * (1.0 - keep)
        mat[s] = before * keep
        exhausted.add(s)
        target = _follow_fallback(s, fallback, exhausted)
        mat[target or UNFUNDED] = mat[target or UNFUNDED] + overflow
        hit = overflow > TOL
        gaps.append(
            pd.DataFrame(
                {
                    "activity": overflow.index[hit],
                    "year": year,
                    "source": s,
                    "requirement_mvnd": before[hit].to_numpy(),
                    "overflow_mvnd": overflow[hit].to_numpy(),
                    "moved_to": target or "",
                    "unfunded_mvnd": 0.0 if target else overflow[hit].to_numpy(),
                }
            )
        )
    long = (
        mat.rename_axis("activity")
        .reset_index()
        .melt(id_vars="activity", var_name="source", value_name="amount_mvnd")
    )
    long.insert(1, "year", year)
    return long[long["amount_mvnd"].abs() > TOL], gaps


def _follow_fallback(source: str, fallback: dict, exhausted: set) -> str:
    """Return the first fallback of ``source`` not yet at its ceiling ('' if none or a loop)."""
    seen = {source}
    target = fallback.get(source) or ""
    while target and target in exhausted:
        if target in seen:
            return ""
        seen.add(target)
        target = fallback.get(target) or ""
    return "" if target in seen else target
