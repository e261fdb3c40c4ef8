"""Tests for ntmplan.core.admin_docx: administrative documents on the Word template."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core import admin_docx as A


@pytest.fixture
def doc():
    return A.open_template(title="Thử")


@pytest.fixture
def wide_png(tmp_path):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(20, 4))  # 20 × 4 inches at 100 dpi: far wider than the page
    fig.add_subplot().plot([0, 1], [0, 1])
    path = tmp_path / "wide.png"
    fig.savefig(path, dpi=100)
    return path


class TestTemplate:
    def test_body_emptied_styles_kept(self, doc):
        assert doc.paragraphs == [] and doc.tables == []
        assert doc.styles["Doc Title"].font.bold
        assert doc.core_properties.title == "Thử"

    def test_missing_template(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            A.open_template(tmp_path / "khong_co.docx")


class TestBlocks:
    def test_header_block_borderless_two_columns(self, doc):
        A.header_block(
            doc, ["Ủy ban nhân dân", "Tỉnh Lai Châu"], "Số: …/KH-UBND", "Lai Châu, ngày …"
        )
        table = doc.tables[0]
        assert table.style is None or "Grid" not in table.style.name
        left, right = table.rows[0].cells
        assert [p.text for p in left.paragraphs] == [
            "ỦY BAN NHÂN DÂN",
            "TỈNH LAI CHÂU",
            "",  # the short rule
            "Số: …/KH-UBND",
        ]
        assert left.paragraphs[2].style.name == "Short Rule"
        assert [p.style.name for p in right.paragraphs] == [
            "Doc Nation",
            "Doc Motto",
            "Short Rule",
            "Doc Place",
        ]
        assert "cantSplit" in table.rows[0]._tr.xml

    def test_header_extra_line(self, doc):
        A.header_block(doc, ["A", "B"], "Số: 1", "X", extra="V/v thử")
        assert doc.tables[0].rows[0].cells[0].paragraphs[-1].text == "V/v thử"

    def test_data_table_total_and_digits(self, doc):
        df = pd.DataFrame({"Nguồn": ["Tỉnh", A.TOTAL], "Kinh phí": [1234.0, 1234.0]})
        A.data_table(doc, df, "Bảng 1. Kinh phí", total=True, digits=1)
        assert doc.paragraphs[0].text == "Bảng 1. Kinh phí"
        assert doc.paragraphs[0].style.name == "Caption"
        rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
        assert rows == [["Nguồn", "Kinh phí"], ["Tỉnh", "1.234,0"], ["Tổng cộng", "1.234,0"]]
        styles = [[c.paragraphs[0].style.name for c in r.cells] for r in doc.tables[0].rows]
        assert styles[1] == ["Table Text", "Table Number"]
        assert styles[2] == ["Table Total", "Table Total Number"]
        assert "tblHeader" in doc.tables[0].rows[0]._tr.xml
        for run in (r for c in doc.tables[0].rows[1].cells for r in c.paragraphs[0].runs):
            assert run.font.name is None and run.font.size is None and run.bold is None

    def test_short_columns_keep_their_words_beside_long_headers(self, doc):
        # The registration annex's shape: 2 short columns ("TT", "Còn thiếu" holding "không")
        # next to 8 long percent headers. Before, widths followed header length, so "không"
        # broke into "khôn/g" and "65,0%" into "65,/0%".
        long = "Tỷ lệ hộ có Internet và thiết bị thông minh"
        df = pd.DataFrame(
            {"TT": [1], "Còn thiếu": ["không"], **{f"{long} {i}": ["65,0%"] for i in range(8)}}
        )
        A.new_section(doc, landscape=True)
        A.data_table(doc, df)
        widths_pt = [c.width / A.EMU_PER_PT for c in doc.tables[0].columns]
        # "không" is 5 characters + 1 of slack at 6 pt, plus 11 pt of cell margins = 47 pt.
        assert widths_pt[1] >= 6 * 6 + 11
        # Each percent column keeps "65,0%" (5 + 1 characters).
        assert min(widths_pt[2:]) >= 6 * 6 + 11
        # Spare width goes to the long headers: they are wider than the "không" column.
        assert min(widths_pt[2:]) > widths_pt[1]

    def test_roomy_page_gives_each_column_its_longest_text(self, doc):
        df = pd.DataFrame({"Xã": ["Mường Khoa"], "Ghi chú": ["không"]})
        A.data_table(doc, df)
        a, b = (c.width / A.EMU_PER_PT - 11 for c in doc.tables[0].columns)
        # Beyond the 11 pt of cell margins, widths follow the longest texts + 2:
        # "Mường Khoa" 10 + 2 = 12, "Ghi chú" 7 + 2 = 9.
        assert a / b == pytest.approx(12 / 9, rel=1e-3)

    def test_figure_fits_text_width(self, doc, wide_png):
        A.figure(doc, wide_png, "Hình 1. Rộng")
        shape = doc.inline_shapes[0]
        assert shape.width.cm <= A.PORTRAIT_WIDTH_CM + 0.01
        assert shape.height.cm <= A.MAX_HEIGHT_CM[False] + 0.01
        assert doc.paragraphs[-1].text == "Hình 1. Rộng"

    def test_missing_figure(self, doc, tmp_path):
        with pytest.raises(FileNotFoundError):
            A.figure(doc, tmp_path / "nope.png", "Hình 1")

    def test_signature_block(self, doc):
        A.signature_block(doc, ["Như trên;", "Bộ X."], "Lưu: VT, NN", ["TM. ỦY BAN NHÂN DÂN"], "")
        left, right = doc.tables[0].rows[0].cells
        assert [p.text for p in left.paragraphs] == [
            "Nơi nhận:",
            "- Như trên;",
            "- Bộ X;",
            "- Lưu: VT, NN.",
        ]
        assert right.paragraphs[0].text == "TM. ỦY BAN NHÂN DÂN"
        assert right.paragraphs[-1].style.name == "Signer Name"

    def test_landscape_section_keeps_page_numbers(self, doc):
        sec = A.new_section(doc, landscape=True)
        assert sec.page_width > sec.page_height
        assert not sec.different_first_page_header_footer
        assert sec.header.is_linked_to_previous
        back = A.new_section(doc, landscape=False)
        assert back.page_width < back.page_height
        assert round(back.left_margin.mm) == round(doc.sections[0].left_margin.mm)


class TestSave:
    def test_wrong_suffix(self, doc, tmp_path):
        with pytest.raises(ValueError, match=".docx"):
            A.save(doc, tmp_path / "x.doc")

    def test_identical_bytes(self, tmp_path):
        paths = []
        for name in ("a.docx", "b.docx"):
            d = A.open_template(title="T")
            A.para(d, "Nội dung", "body")
            paths.append(A.save(d, tmp_path / name))
        assert paths[0].read_bytes() == paths[1].read_bytes()

    def test_clean_and_cell_text(self):
        assert A.clean("a\x00b\x07") == "ab"
        assert A.cell_text(12000.0) == "12.000" and A.cell_text(0.5) == "0,5"
        assert A.cell_text(pd.NA) == "" and A.cell_text(False) == "không"
