"""The condition funnel as an HTML/CSS bar chart, for the interactive panel of notebook 02.

A PNG of :func:`ntmplan.tasks.pilots.charts.funnel_chart` takes 0,1–0,2 s to render and much
longer to reach the browser; the same bars as HTML take well under a millisecond and are a
single small widget message, so a control change redraws the funnel at once. The batch reports
keep the matplotlib chart. Same colours and wording as the static chart; numbers written the
Vietnamese way; every text escaped.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.fmt import number

__all__ = ["FUNNEL_CLASS", "bar_widths", "funnel_html"]

#: CSS class of the funnel's outer ``div`` (the browser test and the benchmark find it by it).
FUNNEL_CLASS = "ntm-funnel"
COLOR_CUMULATIVE = "#2b6cb0"
COLOR_ALONE = "#bee3f8"
COLOR_ELIGIBLE = "#2f855a"
LEGEND_ALONE = "Đạt riêng điều kiện này"
LEGEND_CUMULATIVE = "Đạt đến bước này (cộng dồn)"


def bar_widths(funnel: pd.DataFrame) -> pd.DataFrame:
    """Widths of the funnel's bars in percent of the widest bar.

    Parameters
    ----------
    funnel : DataFrame
        Output of :func:`ntmplan.tasks.pilots.funnel` (``passing_alone``,
        ``passing_cumulative``).

    Returns
    -------
    DataFrame
        ``alone_pct`` and ``cumulative_pct`` (0–100), same index; all zero when no unit passes.

    Raises
    ------
    MissingColumnError
        If a funnel column is missing (also a ``KeyError``).
    """
    require_columns(funnel, ["passing_alone", "passing_cumulative"], "funnel")
    alone = funnel["passing_alone"].astype(float)
    cum = funnel["passing_cumulative"].astype(float)
    top = max(float(alone.max()) if len(funnel) else 0.0, float(cum.max()) if len(funnel) else 0.0)
    scale = 100.0 / top if top > 0 else 0.0
    return pd.DataFrame({"alone_pct": alone * scale, "cumulative_pct": cum * scale})


def _bar(width: float, color: str, height: str, top: str) -> str:
    return (
        f'<div style="position:absolute;left:0;top:{top};height:{height};width:{width:.2f}%;'
        f'background:{color};border-radius:2px"></div>'
    )


def funnel_html(funnel: pd.DataFrame, title: str = "Phễu điều kiện chọn xã thí điểm") -> str:
    """Draw the condition funnel as HTML: one row per condition, bars and count of units.

    Light bar: units passing this condition alone; dark bar over it: units passing this and
    every earlier condition (green on the last row, the eligible units), with its count.

    Parameters
    ----------
    funnel : DataFrame
        Output of :func:`ntmplan.tasks.pilots.funnel` (``condition_vi``, ``passing_alone``,
        ``passing_cumulative``).
    title : str
        Chart title.

    Returns
    -------
    str
        An HTML fragment (a ``div`` of class :data:`FUNNEL_CLASS`) for an ``ipywidgets.HTML``.

    Raises
    ------
    MissingColumnError
        If a funnel column is missing (also a ``KeyError``).
    """
    require_columns(funnel, ["condition_vi", "passing_alone", "passing_cumulative"], "funnel")
    widths = bar_widths(funnel)
    n = len(funnel)
    rows = []
    for i, (label, alone, cum, wa, wc) in enumerate(
        zip(
            funnel["condition_vi"],
            funnel["passing_alone"],
            funnel["passing_cumulative"],
            widths["alone_pct"],
            widths["cumulative_pct"],
            strict=True,
        )
    ):
        dark = COLOR_ELIGIBLE if n > 1 and i == n - 1 else COLOR_CUMULATIVE
        tip = f"{LEGEND_ALONE}: {number(int(alone))} · {LEGEND_CUMULATIVE}: {number(int(cum))}"
        rows.append(
            f'<div style="display:flex;align-items:center;margin:3px 0" title="{escape(tip)}">'
            f'<div style="flex:0 0 19rem;text-align:right;padding-right:.6rem;line-height:1.15">'
            f"{escape(str(label))}</div>"
            f'<div style="flex:1 1 auto;position:relative;height:1.4rem;max-width:30rem">'
            f"{_bar(wa, COLOR_ALONE, '100%', '0')}{_bar(wc, dark, '64%', '18%')}</div>"
            f'<div style="flex:0 0 4rem;padding-left:.4rem;font-variant-numeric:tabular-nums">'
            f"{number(int(cum))}</div></div>"
        )
    swatch = "display:inline-block;width:.9rem;height:.7rem;margin:0 .3rem 0 1rem;background:"
    legend = (
        f'<div style="margin:.4rem 0 0 19.6rem;font-size:.85em">'
        f'<span style="{swatch}{COLOR_ALONE}"></span>{escape(LEGEND_ALONE)}'
        f'<span style="{swatch}{COLOR_CUMULATIVE}"></span>{escape(LEGEND_CUMULATIVE)}'
        f'<span style="{swatch}{COLOR_ELIGIBLE}"></span>Đủ điều kiện</div>'
    )
    return (
        f'<div class="{FUNNEL_CLASS}" style="font-size:13px;line-height:1.3;max-width:56rem">'
        f'<div style="font-weight:bold;margin-bottom:.3rem">{escape(title)}</div>'
        f"{''.join(rows)}{legend}</div>"
    )
