"""Word draft of the provincial plan (python-docx): headings, paragraphs, tables, charts.

The office edits and issues the plan in Word, so the draft uses Word's built-in styles
(``Title``, ``Heading 1/2``, ``List Bullet``, ``Table Grid``) and Vietnamese text throughout.
Bytes are deterministic for the same content: the core properties carry a fixed date and
the zip entries a fixed timestamp. The file is written atomically.

The file name is never built from user text: :func:`docx_file_name` builds it from the
validated province code.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from pathlib import Path

import pandas as pd

from ntmplan.core import fmt

#: Fixed date written into the document properties and zip entries (determinism).
FIXED_DATE = _dt.datetime(2025, 1, 1, 0, 0, 0)
#: Width of charts in the document, centimetres (A4 portrait text width is about 16 cm).
IMAGE_WIDTH_CM = 15.5
#: Font used for the body text (has every Vietnamese diacritic; Word substitutes if absent).
BODY_FONT = "Times New Roman"
#: Body font size in points (administrative documents commonly use 13–14 pt).
BODY_SIZE_PT = 13
#: Table font size in points.
TABLE_SIZE_PT = 10

#: Vietnamese labels (document texts).
LABELS: dict[str, str] = {
    "not_available": "Chưa có số liệu cho phần này (sổ tính tương ứng chưa chạy).",
    "draft": "DỰ THẢO — bản nháp do sổ tính lập, cần rà soát, chỉnh sửa trước khi ban hành.",
    "figure": "Hình",
    "table": "Bảng",
}


def docx_file_name(province_code: str) -> str:
    """Return the Word draft's file name, built only from the validated province slug.

    Parameters
    ----------
    province_code : str
        Two-digit province code (2025 scheme).

    Returns
    -------
    str
        ``ke_hoach_<slug>.docx``, e.g. ``ke_hoach_ha-noi.docx``.

    Raises
    ------
    ValueError
        If the code is not a known province.
    """
    from ntmplan.survey import units

    slug = units.province_slug(province_code)
    if not re.fullmatch(r"[a-z0-9-]+", slug or ""):
        raise ValueError(f"Mã tỉnh không hợp lệ / invalid province code: {province_code!r}")
    return f"ke_hoach_{slug}.docx"


def cell_text(value) -> str:
    """Format a table cell: Vietnamese number format, empty for missing.

    Parameters
    ----------
    value : object
        None, NaN, ``pd.NA`` and ``pd.NaT`` give ""; booleans "có"/"không"; integral floats
        of 1000 or more no decimals, other floats one decimal; numpy scalars as Python ones.

    Returns
    -------
    str
    """
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and value.is_integer() and abs(value) >= 1000:
            return fmt.number(int(value))
        return fmt.number(value, 1)
    try:
        import numpy as np

        if isinstance(value, np.generic):
            return cell_text(value.item())
    except ImportError:  # pragma: no cover - numpy ships with pandas
        pass
    if value is pd.NA or value is pd.NaT:
        return ""
    return str(value)


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (control characters) from text written to Word."""
    return "".join(ch for ch in str(text) if ch in "\t\n\r" or ord(ch) >= 32)


def _set_style_font(doc, style_name: str, size_pt: float | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    try:
        style = doc.styles[style_name]
    except KeyError:
        return
    style.font.name = BODY_FONT
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), BODY_FONT)
    if size_pt:
        style.font.size = Pt(size_pt)


def _add_table(doc, df: pd.DataFrame, number: int) -> None:
    from docx.shared import Pt

    caption = str(df.attrs.get("caption", "")).strip()
    para = doc.add_paragraph()
    run = para.add_run(
        _clean(
            f"{LABELS['table']} {number}. {caption}" if caption else f"{LABELS['table']} {number}"
        )
    )
    run.bold = True
    table = doc.add_table(rows=1, cols=max(1, len(df.columns)))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, df.columns, strict=False):
        cell.text = ""
        r = cell.paragraphs[0].add_run(_clean(str(name)))
        r.bold = True
        r.font.size = Pt(TABLE_SIZE_PT)
    for values in df.itertuples(index=False):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=False):
            cell.text = ""
            r = cell.paragraphs[0].add_run(_clean(cell_text(value)))
            r.font.size = Pt(TABLE_SIZE_PT)
    doc.add_paragraph()


def _add_paragraph(doc, text: str) -> None:
    text = _clean(text)
    if text.startswith("- "):
        doc.add_paragraph(text[2:], style="List Bullet")
    else:
        doc.add_paragraph(text)


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite a .docx (zip) with a fixed timestamp on every entry, same order and content."""
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _new_document(title: str):
    """A python-docx document with the body font on the styles and fixed core properties."""
    from docx import Document

    doc = Document()
    for name in ("Normal", "List Bullet"):
        _set_style_font(doc, name, BODY_SIZE_PT)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        _set_style_font(doc, name)
    props = doc.core_properties
    props.title = _clean(title)
    props.author = "ntmplan"
    props.last_modified_by = "ntmplan"
    props.language = "vi-VN"
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.revision = 1
    props.comments = "Dự thảo tự động / automatically generated draft"
    return doc


def _add_front_matter(doc, title: str, subtitle: str, notice: str) -> None:
    """Title, the draft line, the subtitle and the highlighted notice."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    doc.add_heading(_clean(title), level=0)
    draft = doc.add_paragraph()
    draft.add_run(LABELS["draft"]).italic = True
    if subtitle:
        doc.add_paragraph(_clean(subtitle)).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if notice:
        run = doc.add_paragraph().add_run(_clean(notice))
        run.bold = True
        run.font.color.rgb = RGBColor(0x9C, 0x5B, 0x00)


def _add_figure(doc, fig: Path, number: int) -> None:
    """A chart at full text width, centred, with its numbered caption."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    doc.add_picture(str(fig), width=Cm(IMAGE_WIDTH_CM))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    cap = doc.add_paragraph(f"{LABELS['figure']} {number}")
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _add_section(doc, sec, n_table: int, n_figure: int) -> tuple[int, int]:
    """One section: heading, "not available" line, paragraphs, tables, figures.

    Returns the table and figure counts after it (numbering runs through the document).
    """
    doc.add_heading(_clean(sec.title), level=min(max(int(sec.level), 1), 3))
    if not sec.available:
        doc.add_paragraph().add_run(LABELS["not_available"]).italic = True
    for text in sec.paragraphs:
        _add_paragraph(doc, text)
    for df in sec.tables:
        n_table += 1
        _add_table(doc, df, n_table)
    for fig in sec.figures:
        fig = Path(fig)
        if not fig.is_file():
            raise FileNotFoundError(f"Không tìm thấy hình / figure not found: {fig}")
        n_figure += 1
        _add_figure(doc, fig, n_figure)
    return n_table, n_figure


def write_plan_docx(
    sections,
    path: str | Path,
    title: str,
    subtitle: str = "",
    notice: str = "",
) -> Path:
    """Write the plan sections as a Word document.

    Each section becomes a heading (level 1 or 2), its paragraphs (``"- "`` → bullet), its
    tables (caption above, header row bold, ``Table Grid`` style, numbers in Vietnamese
    format) and its figures (PNG, full text width). A section marked not available gets a
    "chưa có số liệu" line.

    Parameters
    ----------
    sections : list of ntmplan.tasks.plan.Section
    path : str or Path
        Target ``.docx`` file (parent folders are created). Build the name with
        :func:`docx_file_name`.
    title : str
        Document title (also the core-properties title).
    subtitle : str
        A line under the title (e.g. the province and the period).
    notice : str
        A highlighted line under the title (e.g. the illustrative-data notice); empty for none.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValueError
        If ``path`` does not end in ``.docx``.
    FileNotFoundError
        If a figure listed in a section does not exist.
    """
    import io

    from ntmplan.core.writers import atomic_write_bytes

    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise ValueError(f"Tệp Word phải có đuôi .docx / the file must end in .docx: {path.name}")
    doc = _new_document(title)
    _add_front_matter(doc, title, subtitle, notice)
    n_table = n_figure = 0
    for sec in sections:
        n_table, n_figure = _add_section(doc, sec, n_table, n_figure)
    buf = io.BytesIO()
    doc.save(buf)
    return atomic_write_bytes(path, _deterministic_zip(buf.getvalue()))
