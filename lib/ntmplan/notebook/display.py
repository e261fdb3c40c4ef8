"""Showing tables and figures in a notebook (the report a planner reads)."""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ntmplan.core import fmt
from ntmplan.core.charts import save_png
from ntmplan.core.legal_sources import cited_sources, param_value_text, source_note
from ntmplan.core.presentation import (
    NUMERIC_KINDS,
    column_kind,
    format_frame,
    params_value_labels,
    section_codes,
)
from ntmplan.notebook import app_mode

#: A table with more columns than this is printed on a landscape page.
WIDE_COLUMNS = 16


class Table:
    """A formatted table a report shows: HTML for the page, text for the console.

    Attributes
    ----------
    frame : pandas.DataFrame
        The cells as shown (every cell a ``str``), columns under their Vietnamese labels.
    total_rows : int
        Rows of the table before ``max_rows`` cut it.
    """

    def __init__(self, frame: pd.DataFrame, numeric: list[bool], total_rows: int, caption: str):
        self.frame = frame
        self.numeric = numeric
        self.total_rows = total_rows
        self.caption = caption

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return self.frame.to_string(index=False) if len(self.frame.columns) else "(bảng trống)"

    def html(self) -> str:
        """The table as an escaped HTML fragment in a horizontally scrolling container."""
        cls = (
            "ntm-table-wrap ntm-wide"
            if len(self.frame.columns) > WIDE_COLUMNS
            else "ntm-table-wrap"
        )
        head = "".join(
            (
                f'<th class="num">{html.escape(str(c))}</th>'
                if num
                else f"<th>{html.escape(str(c))}</th>"
            )
            for c, num in zip(self.frame.columns, self.numeric, strict=True)
        )
        rows = []
        for values in self.frame.itertuples(index=False, name=None):
            cells = "".join(_cell(v, num) for v, num in zip(values, self.numeric, strict=True))
            rows.append(f"<tr>{cells}</tr>")
        if not rows:
            span = max(1, len(self.frame.columns))
            rows.append(f'<tr><td colspan="{span}" class="ntm-empty">Không có dòng nào.</td></tr>')
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        note = ""
        if self.total_rows > len(self.frame):
            note = (
                f'<p class="ntm-table-note">Hiển thị {fmt.number(len(self.frame))} dòng đầu '
                f"trong {fmt.number(self.total_rows)} dòng; bảng đầy đủ trong tệp Excel.</p>"
            )
        return (
            f'<div class="{cls}" style="overflow-x:auto;max-width:100%">'
            f'<table class="dataframe ntm-table">{caption}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>{note}"
        )


#: Text cells at most this long are kept on one line on screen.
SHORT_TEXT = 24


def _cell(value: str, numeric: bool) -> str:
    kind = "num" if numeric else "short" if len(value) <= SHORT_TEXT else "long"
    if kind == "long":  # a block's min-width holds where a cell's may not
        return f'<td class="long"><div class="ntm-long">{html.escape(value)}</div></td>'
    return f'<td class="{kind}">{html.escape(value)}</td>'


#: Rows a table shows in the no-code app when its cell does not choose (a province's list of
#: communes runs to a few hundred rows, ≈ 350 KB of page a browser lays out before the controls).
APP_MAX_ROWS = 40


def show_table(
    df: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    max_rows: int | None = None,
    *,
    params: dict | None = None,
    value_labels: Mapping[str, Mapping[str, str]] | None = None,
    index: bool = False,
    caption: str = "",
    kinds: Mapping[str, str] | None = None,
    rows_are: str | None = None,
) -> Table:
    """A table as a planner reads it: no index, labelled values, Vietnamese numbers and headers.

    Parameters
    ----------
    df : pandas.DataFrame
    labels : mapping, optional
        English column name → Vietnamese label (a task's ``LABELS``); unknown columns keep their name.
    max_rows : int, optional
        Show only the first rows (a note says how many there are). In the no-code app a table
        shows at most :data:`APP_MAX_ROWS` rows unless ``max_rows`` says otherwise: its page
        opens sooner, and the full table is in the report and the Excel file.
    params : dict, optional
        Resolved params, for the labels of coded values (:func:`ntmplan.core.presentation.label_values`).
    value_labels : mapping, optional
        More ``{column: {code: label}}`` from the task.
    index : bool
        Show the index as the first column(s) (pivot tables whose rows are named by the index).
    caption : str
        A caption above the table.
    kinds : mapping, optional
        Column (or measure) name → kind (``share``, ``score``, ``money``, ``count``…), where the
        name does not tell (:func:`ntmplan.core.presentation.column_kind`).
    rows_are : str, optional
        The column, or index level, naming the measure each row holds (a long table whose rows
        mix scores and shares): numbers are written by the row's kind. An index level so named
        is not shown.

    Returns
    -------
    Table
        Its HTML (``_repr_html_``) escapes every cell and header, has no index column and no
        pandas footer, and scrolls horizontally when wider than the page. A code column with a
        Vietnamese twin (``group`` and ``group_vi``) is left out.
    """
    frame = df.reset_index() if index else df
    twins = [c for c in frame.columns if isinstance(c, str) and set(_twins(c)) & set(frame.columns)]
    frame = frame.drop(columns=[c for c in twins if c != rows_are])
    total = len(frame)
    if max_rows is None and app_mode.in_app():
        max_rows = APP_MAX_ROWS
    shown = frame.head(max_rows) if max_rows else frame
    measures = None
    if rows_are is not None:
        in_columns = rows_are in shown.columns
        measures = shown[rows_are] if in_columns else shown.index.get_level_values(rows_are)
    given = dict(kinds or {})
    found = [given.get(c) or column_kind(c, shown.iloc[:, i]) for i, c in enumerate(shown.columns)]
    cells = format_frame(shown, params, value_labels, kinds=given, row_measures=measures)
    labelled = set(params_value_labels(params)) | set(value_labels or {})
    cells.columns = [
        _label_header(_header(c, labels)) if c in labelled else _header(c, labels)
        for c in cells.columns
    ]
    return Table(cells, [k in NUMERIC_KINDS for k in found], total, caption)


#: Headers of the "Giả định & lưu ý" tables (:func:`show_assumptions`).
ASSUMPTION_LABELS = {
    "key": "Tham số / parameter",
    "value": "Giá trị / value",
    "default": "Giá trị mặc định / default",
    "cited": "Căn cứ pháp lý hoặc giả định",
    "note": "Diễn giải (chú thích tham số, tiếng Anh) / note",
    "layer": "Nơi đặt giá trị / set in",
    "changed": "Khác mặc định / changed",
}
_LAYERS = (
    ("defaults", "Mặc định"),
    ("profiles", "Giai đoạn chương trình"),
    ("provinces", "Riêng của tỉnh"),
)


def show_assumptions(
    frame: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    params: dict | None = None,
    max_rows: int | None = None,
    codes: Mapping[str, str] | None = None,
) -> Table:
    """A "Giả định & lưu ý" table: parameter, value, the legal documents cited, then the note.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``key``, ``value`` and ``source`` (or ``reference``) as
        :func:`ntmplan.core.params.section_sources` builds them; other columns are kept.
    labels : mapping, optional
        More column headers (:data:`ASSUMPTION_LABELS` wins for the columns it names).
    params : dict, optional
        Resolved params, for the labels of codes in values (sectors, sources…).
    max_rows : int, optional
    codes : mapping, optional
        More code → label for values (e.g. the pilot conditions' names).

    Returns
    -------
    Table
        Values written the Vietnamese way; the sources column names the documents in
        Vietnamese (:func:`ntmplan.core.legal_sources.cited_sources`); the note is the params
        comment with its tags spelled out (:func:`ntmplan.core.legal_sources.source_note`).
    """
    source = next((c for c in ("source", "reference", "comment") if c in frame.columns), None)
    extra = dict(codes or {})
    out = pd.DataFrame(index=frame.index)
    if "key" in frame.columns:
        out["key"] = frame["key"]
    for column in ("value", "default"):
        if column in frame.columns:
            keys = frame["key"] if "key" in frame.columns else [""] * len(frame)
            out[column] = [
                param_value_text(v, str(k), _codes(params, str(k), extra))
                for v, k in zip(frame[column], keys, strict=True)
            ]
    if source is not None:
        out["cited"] = [cited_sources(c) for c in frame[source]]
        out["note"] = [source_note(c) for c in frame[source]]
    if "layer" in frame.columns:
        out["layer"] = [_layer(v) for v in frame["layer"]]
    rest = [c for c in frame.columns if c not in out.columns and c not in (source, "layer")]
    out = out.join(frame[rest]) if rest else out
    return show_table(out, {**(labels or {}), **ASSUMPTION_LABELS}, max_rows, params=params)


def _codes(params: dict | None, key: str, extra: dict) -> dict[str, str]:
    return section_codes(params, key.split(".", 1)[0]) | extra


def _layer(value) -> str:
    text = str(value)
    return next((label for marker, label in _LAYERS if marker in text), text)


def _twins(column: str) -> tuple[str, ...]:
    """The Vietnamese twins a code column may have: ``group_vi`` for ``group``; also
    ``sector_vi`` for ``prominent_sector`` (a twin named by the code's last word)."""
    last = column.rsplit("_", 1)[-1]
    return (f"{column}_vi", f"{last}_vi") if last != column else (f"{column}_vi",)


def _label_header(header: str) -> str:
    """The header of a code column shown as labels: "Mã lực lượng … / … code" → "Lực lượng … / …"."""
    if not header.startswith("Mã "):
        return header
    vi, _, en = header[3:].partition(" / ")
    en = en.removesuffix(" code")
    return vi[:1].upper() + vi[1:] + (f" / {en}" if en else "")


def _header(column, labels: Mapping[str, str] | None) -> str:
    if isinstance(column, tuple):
        return " · ".join(_header(c, labels) for c in column if str(c))
    return str((labels or {}).get(column, column))


#: Width in pixels per inch of figure at which reports show a saved PNG (matplotlib's
#: ``figure.dpi``, the size an inline figure has); the PNG itself keeps :data:`DPI`.
SHOW_PX_PER_INCH = 100


def show_sections(sections, params: dict | None = None) -> None:
    """Display the provincial plan's sections: Markdown text, tables as a planner reads them, figures.

    Parameters
    ----------
    sections : list of ntmplan.tasks.plan.Section
    params : dict, optional
        Resolved params, for the labels of coded values in the tables.

    Returns
    -------
    None
    """
    from IPython.display import Image, Markdown, display

    from ntmplan.tasks.plan import md_escape, section_markdown

    for sec in sections:
        display(Markdown(section_markdown(sec)))
        for df in sec.tables:
            display(Markdown(f"**{md_escape(df.attrs.get('caption', ''))}**"))
            display(show_table(df, params=params))
        for fig in sec.figures:
            if Path(fig).is_file():
                display(Image(filename=str(fig)))


def save_and_show(fig, path: str | Path) -> Path:
    """Save a figure as PNG and show those same bytes in the notebook (one rendering).

    Drawing a figure costs ≈ 0.25 s on a 2-core machine; showing it inline
    would draw it a second time. The figure is closed afterwards, so the
    inline backend does not show it again at the end of the cell. A commune map
    (:func:`ntmplan.core.maps.dot_map`) is shown as inline SVG whose dots name their
    commune and value on hover (:func:`ntmplan.core.map_svg.hover_svg`); the PNG is
    still written for Word and Excel.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or Path
        Target file; parent folders are created.

    Returns
    -------
    Path
        The path written.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    from ntmplan.core.map_svg import hover_svg

    target = save_png(fig, path)
    width = round(fig.get_size_inches()[0] * SHOW_PX_PER_INCH)
    data = target.read_bytes()  # the bytes just written: no second rendering
    # The PNG rendering has laid the figure out: the SVG keeps that layout (same
    # positions to a fraction of a pixel) instead of computing it again (≈ 0.1 s a map).
    fig.set_layout_engine("none")
    svg = hover_svg(fig, width_px=width)
    if svg is not None:  # the PNG stays in the bundle for a viewer that drops the SVG
        html = f'<figure class="ntm-map" style="margin:0">{svg}</figure>'
        bundle = {"text/html": html}
        if not app_mode.in_app():  # the app's browser shows the SVG: no second copy to load
            bundle["image/png"] = base64.b64encode(data).decode("ascii")
        display({**bundle, "text/plain": "Bản đồ / map"}, raw=True)
    else:
        display(Image(data=data, format="png", width=width))
    plt.close(fig)
    return target
