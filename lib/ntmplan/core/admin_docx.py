"""Administrative documents in Word (Decree 30/2020/NĐ-CP, Appendix I), built on a template.

Shared by the provincial plan (Kế hoạch, notebook 06) and the registration letter (Công văn,
notebook 02). Every paragraph takes a named style of the template (``data/templates/
ke_hoach_mau.docx``, built by :mod:`ntmplan.tasks.plan.docx_template`): the writer never sets a
font, size, bold or italic on a run, so an office restyles the template in Word and reruns.
Bytes are deterministic for the same content (fixed core properties and zip timestamps).
"""

from __future__ import annotations

import datetime as _dt
import math
from pathlib import Path

import pandas as pd

from ntmplan.core import fmt
from ntmplan.core.docx_cells import cell_text, clean
from ntmplan.core.paths import DATA_DIR

__all__ = [
    "FIXED_DATE",
    "STYLES",
    "TEMPLATE_FILE",
    "TOTAL",
    "cell_text",
    "clean",
    "data_table",
    "figure",
    "header_block",
    "new_section",
    "open_template",
    "para",
    "rule",
    "save",
    "set_style",
    "signature_block",
    "title_block",
]

#: The shipped Word template.
TEMPLATE_FILE = DATA_DIR / "templates" / "ke_hoach_mau.docx"
#: Fixed date written into the document properties and zip entries (determinism).
FIXED_DATE = _dt.datetime(2025, 1, 1, 0, 0, 0)
#: Widest picture in a portrait page, centimetres (A4 210 mm − margins 30 + 15 mm = 16,5 cm).
PORTRAIT_WIDTH_CM = 16.0
#: Widest picture in a landscape page, centimetres (297 mm − 30 − 15 mm = 25,2 cm).
LANDSCAPE_WIDTH_CM = 24.0
#: Tallest picture, centimetres (keeps a figure and its caption on one page).
MAX_HEIGHT_CM = {False: 19.0, True: 11.5}

#: Named styles of the template (style id → role).
STYLES: dict[str, str] = {
    "body": "Normal",
    "h1": "Heading 1",
    "h2": "Heading 2",
    "h3": "Heading 3",
    "caption": "Caption",
    "header": "Doc Header",
    "header_bold": "Doc Header Bold",
    "nation": "Doc Nation",
    "motto": "Doc Motto",
    "place": "Doc Place",
    "number": "Doc Number",
    "re": "Doc Re",
    "title": "Doc Title",
    "subject": "Doc Subject",
    "rule": "Short Rule",
    "table": "Table Text",
    "table_head": "Table Head",
    "table_number": "Table Number",
    "table_total": "Table Total",
    "table_total_number": "Table Total Number",
    "recipients_head": "Recipients Heading",
    "recipients": "Recipients",
    "signature": "Signature",
    "signer_name": "Signer Name",
    "annex_title": "Annex Title",
    "annex_note": "Annex Note",
    "figure": "Figure",
    "to": "Doc To",
}
#: Width of one character of table text (11 pt Times New Roman, bold headers), points.
TABLE_CHAR_PT = 6.0
#: Left + right inner margins of a table cell (Word's 0,19 cm each), points.
CELL_PADDING_PT = 11.0
#: EMU (the unit of python-docx lengths) in one point.
EMU_PER_PT = 12700
#: Table style of data tables (borders).
GRID_STYLE = "Table Grid"
#: Text of the total row of a totals table.
TOTAL = "Tổng cộng"


def open_template(template: str | Path | None = None, title: str = ""):
    """Open the Word template with its body emptied (styles, header and page setup kept).

    Parameters
    ----------
    template : str or Path, optional
        Default :data:`TEMPLATE_FILE`.
    title : str
        Core-properties title.

    Returns
    -------
    docx.document.Document

    Raises
    ------
    FileNotFoundError
        If the template does not exist.
    """
    from docx import Document

    path = Path(template) if template else TEMPLATE_FILE
    if not path.is_file():
        raise FileNotFoundError(f"Không tìm thấy mẫu Word / template not found: {path}")
    doc = Document(str(path))
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    props = doc.core_properties
    props.title = clean(title)
    props.author = props.last_modified_by = "ntmplan"
    props.language = "vi-VN"
    props.created = props.modified = FIXED_DATE
    props.revision = 1
    props.comments = "Dự thảo do sổ tính lập, cần rà soát trước khi ban hành"
    return doc


def para(container, text: str = "", style: str = "body"):
    """Add a paragraph of a template style to a document or a table cell.

    Parameters
    ----------
    container : Document or table cell
    text : str
    style : str
        A key of :data:`STYLES` (or a style name of the template).

    Returns
    -------
    docx.text.paragraph.Paragraph
    """
    p = container.add_paragraph(clean(text))
    set_style(p, STYLES.get(style, style))
    return p


def set_style(paragraph, name: str) -> None:
    """Give a paragraph a paragraph style of its document by name, as ``paragraph.style = …`` does.

    python-docx looks the document's default paragraph style up again on every assignment (a
    scan of every style in the template: ≈ 1 ms, a second per Kế hoạch); this looks each name
    up once per document and writes the same ``w:pStyle`` (none for the default style).

    Parameters
    ----------
    paragraph : docx.text.paragraph.Paragraph
    name : str
        A paragraph style name of the template.

    Raises
    ------
    KeyError
        When the document has no style of that name.
    """
    part = paragraph.part
    ids = getattr(part, "_ntmplan_style_ids", None)
    if ids is None:
        from docx.enum.style import WD_STYLE_TYPE

        ids = {None: part.document.styles.default(WD_STYLE_TYPE.PARAGRAPH)}
        part._ntmplan_style_ids = ids
    if name not in ids:
        style = part.document.styles[name]
        ids[name] = None if style == ids[None] else style.style_id
    paragraph._p.style = ids[name]


def rule(container, indent_cm: float):
    """Add a short horizontal rule (a bordered empty paragraph), indented on both sides.

    Parameters
    ----------
    container : Document or table cell
    indent_cm : float
        Left and right indent; the rule is the remaining width.

    Returns
    -------
    docx.text.paragraph.Paragraph
    """
    from docx.shared import Cm

    p = para(container, "", "rule")
    p.paragraph_format.left_indent = Cm(indent_cm)
    p.paragraph_format.right_indent = Cm(indent_cm)
    return p


def _layout_table(doc, widths_cm: list[float]):
    """A borderless one-row table whose row never splits across pages; its emptied cells."""
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(widths_cm))
    table.autofit = False
    _cant_split(table.rows[0])
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths_cm, strict=True):
        column.width = cell.width = Cm(width)
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return table.rows[0].cells


def header_block(doc, issuer: list[str], number: str, place_date: str, extra: str = "") -> None:
    """Add the national header: issuer and number left, nation and motto and date right.

    Parameters
    ----------
    doc : Document
    issuer : list of str
        e.g. ``["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA"]``; the last line is bold, with a rule.
    number : str
        e.g. ``"Số: …/KH-UBND"``.
    place_date : str
        e.g. ``"Thanh Hóa, ngày … tháng … năm …"``.
    extra : str
        A line under the number (the letter's "V/v …"), empty for none.
    """
    left, right = _layout_table(doc, [5.8, 10.7])
    for i, line in enumerate(issuer):
        para(left, line.upper(), "header_bold" if i == len(issuer) - 1 else "header")
    rule(left, 1.9)
    para(left, number, "number")
    if extra:
        para(left, extra, "re")
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "nation")
    para(right, "Độc lập - Tự do - Hạnh phúc", "motto")
    rule(right, 2.2)
    para(right, place_date, "place")


def title_block(doc, kind: str, subject: str) -> None:
    """Add the document kind ("KẾ HOẠCH") and the subject line, with a short rule under it."""
    para(doc, kind.upper(), "title")
    para(doc, subject, "subject")
    rule(doc, 6.5)


def data_table(
    doc, df: pd.DataFrame, caption: str = "", total: bool = False, digits: int | None = None
) -> None:
    """Add a captioned grid table; numbers right-aligned in Vietnamese format.

    Parameters
    ----------
    doc : Document
    df : pandas.DataFrame
        Columns are the header; values go through :func:`cell_text`.
    caption : str
        Full caption (e.g. "Bảng 3. Kinh phí theo nguồn vốn"); empty for none.
    total : bool
        Style the last row as the total row (its first cell should read :data:`TOTAL`).
    digits : int, optional
        Decimals of every number (e.g. 1 for money); default :func:`cell_text`'s rule.
    """
    if caption:
        para(doc, caption, "caption")
    table = doc.add_table(rows=1, cols=max(1, len(df.columns)))
    table.style = doc.styles[GRID_STYLE]
    _repeat_header(table.rows[0])
    for cell, name in zip(table.rows[0].cells, df.columns, strict=False):
        cell.paragraphs[0].text = clean(name)
        set_style(cell.paragraphs[0], STYLES["table_head"])
    n = len(df)
    for i, values in enumerate(df.itertuples(index=False)):
        cells = table.add_row().cells
        last = total and i == n - 1
        for cell, value in zip(cells, values, strict=False):
            value = value.item() if hasattr(value, "item") and not isinstance(value, str) else value
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            if isinstance(value, float) and digits is not None and math.isfinite(value):
                text = fmt.number(value, digits)
            else:
                text = cell_text(value)
            style = ("table_total" if last else "table") + ("_number" if numeric else "")
            cell.paragraphs[0].text = clean(text)
            set_style(cell.paragraphs[0], STYLES[style])
        if last or n <= 12:
            _cant_split(table.rows[-1])
    _fit_columns(doc, table, df)
    para(doc, "", "table")


def _column_weights(df: pd.DataFrame, capacity: float) -> list[float]:
    """Widths (in characters) that never break a word when the page allows it.

    Every column first gets its longest word (so "không", "03601" or "65,0%" stay whole); what
    the page has left goes to the columns whose longer texts would wrap, in proportion to how
    much they lack. A table too wide for its page keeps the word widths (Word then squeezes).
    """
    least, wanted = [], []
    for i, name in enumerate(df.columns):
        cells = [cell_text(v) for v in df.iloc[:, i].tolist()] + [str(name)]
        word = max((len(w) for t in cells for w in t.split()), default=2) + 1
        least.append(word)
        wanted.append(max(word, min(max(len(t) for t in cells), 28) + 2))
    spare, lacking = capacity - sum(least), sum(wanted) - sum(least)
    share = 1.0 if lacking <= 0 else min(1.0, max(0.0, spare / lacking))
    return [lo + share * (hi - lo) for lo, hi in zip(least, wanted, strict=True)]


def _fit_columns(doc, table, df: pd.DataFrame) -> None:
    """Column widths from :func:`_column_weights`, spread over the full text width."""
    sec = doc.sections[-1]
    text_width = sec.page_width - sec.left_margin - sec.right_margin
    ncols = max(1, len(df.columns))
    padding = ncols * CELL_PADDING_PT * EMU_PER_PT
    capacity = (text_width - padding) / EMU_PER_PT / TABLE_CHAR_PT
    weights = _column_weights(df, capacity) if len(df.columns) else [1.0]
    total = sum(weights) or 1
    for column, weight in zip(table.columns, weights, strict=False):
        width = int(padding / ncols + (text_width - padding) * weight / total)
        column.width = width
        for cell in column.cells:
            cell.width = width


def _cant_split(row) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def figure(doc, path: str | Path, caption: str, landscape: bool = False) -> None:
    """Add a picture that fits the text width and height, centred, with its caption under it.

    Raises
    ------
    FileNotFoundError
        If the picture does not exist.
    """
    from docx.shared import Cm
    from PIL import Image

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"Không tìm thấy hình / figure not found: {path}")
    with Image.open(path) as im:
        w_px, h_px = im.size
    width = LANDSCAPE_WIDTH_CM if landscape else PORTRAIT_WIDTH_CM
    width = min(width, MAX_HEIGHT_CM[landscape] * w_px / max(h_px, 1))
    p = para(doc, "", "figure")
    p.add_run().add_picture(str(path), width=Cm(width))
    para(doc, caption, "caption")


def signature_block(
    doc, recipients: list[str], archive: str, signer: list[str], name: str = ""
) -> None:
    """Add "Nơi nhận:" and its list (left) beside the signature block (right).

    Parameters
    ----------
    doc : Document
    recipients : list of str
        Written "- …;"; the archive line "- Lưu: …." closes the list.
    archive : str
        e.g. ``"Lưu: VT, NN"``.
    signer : list of str
        e.g. ``["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]``.
    name : str
        The signer's name (blank line when empty).
    """
    left, right = _layout_table(doc, [7.0, 9.5])
    para(left, "Nơi nhận:", "recipients_head")
    for item in recipients:
        para(left, f"- {str(item).strip().rstrip(';.')};", "recipients")
    para(left, f"- {archive.strip().rstrip('.')}.", "recipients")
    for line in signer:
        para(right, line.upper(), "signature")
    for _ in range(3):
        para(right, "", "signature")
    para(right, name or "", "signer_name")


def new_section(doc, landscape: bool = False):
    """Start a new page section, portrait or landscape; page numbers continue in its header.

    Returns
    -------
    docx.section.Section
    """
    from docx.enum.section import WD_ORIENT, WD_SECTION

    last = doc.sections[-1]
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.different_first_page_header_footer = False
    wide, high = max(last.page_width, last.page_height), min(last.page_width, last.page_height)
    sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = (wide, high) if landscape else (high, wide)
    if landscape != (last.page_width > last.page_height):
        sec.top_margin, sec.bottom_margin = last.top_margin, last.bottom_margin
        sec.left_margin, sec.right_margin = last.left_margin, last.right_margin
    return sec


def _deterministic_zip(data: bytes) -> bytes:
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


def save(doc, path: str | Path) -> Path:
    """Save atomically with deterministic bytes.

    Raises
    ------
    ValueError
        If ``path`` does not end in ``.docx``.
    """
    import io

    from ntmplan.core.writers import atomic_write_bytes

    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise ValueError(f"Tệp Word phải có đuôi .docx / the file must end in .docx: {path.name}")
    buf = io.BytesIO()
    doc.save(buf)
    return atomic_write_bytes(path, _deterministic_zip(buf.getvalue()))
