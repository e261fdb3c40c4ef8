"""Tests for the shipped Word template (data/templates/ke_hoach_mau.docx) and its builder.

Two kinds of check: the shipped file's properties (Decree 30/2020/NĐ-CP format), and that
the shipped file's styles and page setup are exactly what the builder writes (so the
builder is the template's source, and an office's edit of the template shows as a diff).
"""

from __future__ import annotations

import io
import zipfile

import pytest

from ntmplan.core.admin_docx import STYLES, TEMPLATE_FILE
from ntmplan.tasks.plan import docx_template

FONT = "Times New Roman"


@pytest.fixture(scope="module")
def template():
    import docx

    return docx.Document(str(TEMPLATE_FILE))


def _part(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


class TestShippedTemplate:
    def test_page(self, template):
        sec = template.sections[0]
        assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
        assert 20 <= round(sec.top_margin.mm) <= 25 and 20 <= round(sec.bottom_margin.mm) <= 25
        assert 30 <= round(sec.left_margin.mm) <= 35 and 15 <= round(sec.right_margin.mm) <= 20
        assert sec.different_first_page_header_footer

    def test_page_number_centred_in_header_from_page_2(self, template):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        sec = template.sections[0]
        xml = sec.header._element.xml
        assert "PAGE" in xml and "fldChar" in xml
        assert sec.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert "PAGE" not in sec.first_page_header._element.xml

    def test_every_style_times_new_roman_no_theme_fonts(self, template):
        from docx.oxml.ns import qn

        styles = template.styles.element
        for fonts in styles.iter(qn("w:rFonts")):
            for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                assert fonts.get(qn(slot)) == FONT
            assert not [a for a in fonts.attrib if a.lower().endswith("theme")]
        theme = _part(TEMPLATE_FILE.read_bytes(), "word/theme/theme1.xml").decode()
        assert 'latin typeface="Times New Roman"' in theme and "Calibri" not in theme

    def test_body_style(self, template):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        normal = template.styles["Normal"]
        assert 13 <= normal.font.size.pt <= 14
        pf = normal.paragraph_format
        assert pf.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert 1.0 <= pf.first_line_indent.cm <= 1.27
        assert pf.space_after.pt >= 6
        assert 1.0 <= pf.line_spacing <= 1.5

    def test_named_styles(self, template):
        s = template.styles
        for name in STYLES.values():
            assert name in [st.name for st in s], name
        assert s["Heading 1"].font.bold and s["Heading 2"].font.bold
        assert not s["Heading 3"].font.italic  # point "a)" upright
        assert s["Recipients Heading"].font.size.pt == 12
        assert s["Recipients Heading"].font.bold and s["Recipients Heading"].font.italic
        assert s["Recipients"].font.size.pt == 11
        assert 12 <= s["Doc Nation"].font.size.pt <= 13 and s["Doc Nation"].font.bold
        assert 13 <= s["Doc Motto"].font.size.pt <= 14 and s["Doc Motto"].font.bold
        assert s["Doc Place"].font.italic
        assert s["Caption"].font.bold and "Table Grid" in [st.name for st in s]
        for name in [*STYLES.values(), "Title"]:
            rgb = s[name].font.color.rgb
            assert rgb is None or str(rgb) == "000000", name  # no blue headings

    def test_body_empty(self, template):
        assert template.paragraphs == [] and template.tables == []


class TestBuilder:
    def test_shipped_file_is_what_the_builder_writes(self, tmp_path):
        built = docx_template.write_template(tmp_path / "mau.docx").read_bytes()
        shipped = TEMPLATE_FILE.read_bytes()
        for part in ("word/styles.xml", "word/document.xml", "word/theme/theme1.xml"):
            assert _part(built, part) == _part(shipped, part), part

    def test_deterministic(self, tmp_path):
        a = docx_template.write_template(tmp_path / "a.docx").read_bytes()
        b = docx_template.write_template(tmp_path / "b.docx").read_bytes()
        assert a == b
