"""Build the Word template of administrative documents (Decree 30/2020/NĐ-CP, Appendix I).

The shipped file ``data/templates/ke_hoach_mau.docx`` is what :func:`write_template` writes.
Its named styles carry the whole format — A4, margins, Times New Roman (also the theme fonts
and the East-Asian / complex-script slots), sizes, bold/italic, indents, spacing, the page
number centred in the top margin from page 2 — so an office can open the template in Word,
change a style, the header or the margins, save, and rerun the notebooks: the writers
(:mod:`ntmplan.core.admin_docx`) only name styles.

Rebuild after editing this module::

    python -c "from ntmplan.tasks.plan.docx_template import write_template; write_template()"
"""

from __future__ import annotations

import re
from pathlib import Path

from ntmplan.core import admin_docx

#: Font of every style (has every Vietnamese diacritic).
FONT = "Times New Roman"
#: Page: A4, margins in millimetres (Decree 30: top/bottom 20–25, left 30–35, right 15–20).
PAGE_MM = {"width": 210, "height": 297, "top": 20, "bottom": 20, "left": 30, "right": 15}
#: Body: size (13–14 pt), first-line indent (1–1,27 cm), space after (≥ 6 pt), line spacing.
BODY = {"size": 14, "indent_cm": 1.27, "after_pt": 6, "line": 1.15}

# name: (base, size pt, bold, italic, alignment, first-line indent cm, space before, after)
_PARAGRAPH_STYLES: dict[str, tuple] = {
    "Heading 1": ("Normal", 14, True, False, "justify", BODY["indent_cm"], 6, 6),
    "Heading 2": ("Normal", 14, True, False, "justify", BODY["indent_cm"], 6, 6),
    "Heading 3": ("Normal", 14, False, False, "justify", BODY["indent_cm"], 3, 6),
    "Caption": ("Normal", 13, True, False, "center", 0, 6, 6),
    "Header": ("Normal", 13, False, False, "center", 0, 0, 0),
    "Doc Header": ("Normal", 13, False, False, "center", 0, 0, 0),
    "Doc Header Bold": ("Normal", 13, True, False, "center", 0, 0, 0),
    "Doc Nation": ("Normal", 12, True, False, "center", 0, 0, 0),
    "Doc Motto": ("Normal", 14, True, False, "center", 0, 0, 0),
    "Doc Place": ("Normal", 14, False, True, "center", 0, 6, 0),
    "Doc Re": ("Normal", 12, False, False, "center", 0, 3, 0),
    "Doc Number": ("Normal", 13, False, False, "center", 0, 6, 0),
    "Doc To": ("Normal", 14, False, False, "center", 0, 12, 12),
    "Doc Title": ("Normal", 14, True, False, "center", 0, 24, 0),
    "Doc Subject": ("Normal", 14, True, False, "center", 0, 0, 0),
    "Short Rule": ("Normal", 2, False, False, "center", 0, 0, 12),
    "Table Text": ("Normal", 11, False, False, "left", 0, 1, 1),
    "Table Number": ("Normal", 11, False, False, "right", 0, 1, 1),
    "Table Head": ("Normal", 11, True, False, "center", 0, 1, 1),
    "Table Total": ("Normal", 11, True, False, "left", 0, 1, 1),
    "Table Total Number": ("Normal", 11, True, False, "right", 0, 1, 1),
    "Recipients Heading": ("Normal", 12, True, True, "left", 0, 12, 0),
    "Recipients": ("Normal", 11, False, False, "left", 0, 0, 0),
    "Signature": ("Normal", 14, True, False, "center", 0, 0, 0),
    "Signer Name": ("Normal", 14, True, False, "center", 0, 24, 0),
    "Annex Title": ("Normal", 14, True, False, "center", 0, 0, 0),
    "Annex Note": ("Normal", 14, False, True, "center", 0, 0, 12),
    "Figure": ("Normal", 14, False, False, "center", 0, 6, 0),
}


def _set_fonts(owner) -> None:
    """Times New Roman in all four font slots of a style (or ``w:rPr``), theme attributes removed."""
    from docx.oxml.ns import qn

    rpr = owner if owner.tag == qn("w:rPr") else owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.lower().endswith("theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _theme_fonts(doc) -> None:
    """Rewrite the theme's major/minor Latin fonts to :data:`FONT`."""
    for part in doc.part.package.iter_parts():
        if str(part.partname).startswith("/word/theme/"):
            xml = part.blob.decode("utf-8")
            xml = re.sub(r'(<a:latin typeface=")[^"]*(")', rf"\g<1>{FONT}\g<2>", xml)
            part._blob = xml.encode("utf-8")


def _doc_defaults(doc) -> None:
    from docx.oxml.ns import qn

    for fonts in doc.styles.element.iter(qn("w:rFonts")):  # incl. table-style conditions
        _set_fonts(fonts.getparent())
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    _set_fonts(rpr_default.find(qn("w:rPr")))


def _paragraph_style(doc, name: str, spec: tuple) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    base, size, bold, italic, align, indent, before, after = spec
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    font = style.font
    font.name, font.size, font.bold, font.italic = FONT, Pt(size), bold, italic
    font.color.rgb = RGBColor(0, 0, 0)
    font.all_caps = False
    _set_fonts(style.element)
    pf = style.paragraph_format
    pf.alignment = getattr(WD_ALIGN_PARAGRAPH, align.upper())
    pf.first_line_indent = Cm(indent)
    pf.left_indent = Cm(0)
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    pf.line_spacing = 1.0 if size < 14 or name.startswith(("Doc", "Sign")) else BODY["line"]
    if name.startswith("Heading") or name in ("Caption", "Doc Title", "Annex Title"):
        pf.keep_with_next = True
    if name == "Short Rule":
        pf.line_spacing = 1.0
        _bottom_border(style)


def _bottom_border(style) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, val in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), val)
    borders.append(bottom)
    ppr.append(borders)


def _normal(doc) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(BODY["size"])
    style.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(style.element)
    pf = style.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Cm(BODY["indent_cm"])
    pf.space_before, pf.space_after = Pt(0), Pt(BODY["after_pt"])
    pf.line_spacing = BODY["line"]
    pf.widow_control = True


def _other_styles(doc) -> None:
    """Every other style of the template (lists, table styles, title…) in Times New Roman."""
    from docx.shared import RGBColor

    for style in doc.styles:
        if getattr(style, "font", None) is None:
            continue
        _set_fonts(style.element)
        style.font.name = FONT
        if style.name.startswith(("Heading", "Title", "Subtitle", "Intense", "Quote")):
            style.font.color.rgb = RGBColor(0, 0, 0)


def _page(doc) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(PAGE_MM["width"]), Mm(PAGE_MM["height"])
    sec.top_margin, sec.bottom_margin = Mm(PAGE_MM["top"]), Mm(PAGE_MM["bottom"])
    sec.left_margin, sec.right_margin = Mm(PAGE_MM["left"]), Mm(PAGE_MM["right"])
    sec.header_distance, sec.footer_distance = Mm(10), Mm(10)
    sec.different_first_page_header_footer = True
    header = sec.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.style = doc.styles["Header"]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    sec.first_page_header.is_linked_to_previous = False


def build_template():
    """Return the template as a python-docx document (see the module docstring).

    Returns
    -------
    docx.document.Document
    """
    from docx import Document

    doc = Document()
    _theme_fonts(doc)
    _doc_defaults(doc)
    _other_styles(doc)
    _normal(doc)
    for name, spec in _PARAGRAPH_STYLES.items():
        _paragraph_style(doc, name, spec)
    _page(doc)
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    props = doc.core_properties
    props.title = "Mẫu văn bản hành chính (Nghị định 30/2020/NĐ-CP)"
    props.author = props.last_modified_by = "ntmplan"
    props.created = props.modified = admin_docx.FIXED_DATE
    props.revision = 1
    props.language = "vi-VN"
    return doc


def write_template(path: str | Path | None = None) -> Path:
    """Write the template (default :data:`ntmplan.core.admin_docx.TEMPLATE_FILE`).

    Parameters
    ----------
    path : str or Path, optional

    Returns
    -------
    Path
    """
    return admin_docx.save(build_template(), path or admin_docx.TEMPLATE_FILE)
