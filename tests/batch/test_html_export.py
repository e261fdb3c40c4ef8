"""Tests of ntmplan.batch.html_export: table of contents and the print (A4) stylesheet."""

from __future__ import annotations

import re

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from ntmplan.batch import html_export as he

PAGE = (
    "<html><head><title>t</title></head><body>"
    '<div class="jp-Cell jp-MarkdownCell"><h1 id="T">Tiêu đề</h1></div>'
    '<div class="jp-Cell jp-MarkdownCell"><h2 id="1.-Chỉ-tiêu">1. Chỉ tiêu'
    '<a class="anchor-link" href="#1.-Chỉ-tiêu">¶</a></h2></div>'
    '<div class="jp-Cell"><h2 id="Giả-định-&amp;-lưu-ý">Giả định &amp; lưu ý</h2></div>'
    "</body></html>"
)


class TestContents:
    def test_headings_in_order_without_link_sign(self):
        assert he.contents(PAGE) == [
            ("1.-Chỉ-tiêu", "1. Chỉ tiêu"),
            ("Giả-định-&-lưu-ý", "Giả định & lưu ý"),
        ]

    def test_heading_without_id_is_left_out(self):
        assert he.contents("<h2>x</h2><h2 id='a'>A</h2>") == [("a", "A")]


class TestAddContents:
    def test_nav_before_the_first_section_cell(self):
        page = he.add_contents(PAGE)
        nav = page.index('<nav class="ntm-toc"')
        assert page.index("<h1") < nav < page.index('<div class="jp-Cell jp-MarkdownCell"><h2')
        assert '<li><a href="#1.-Chỉ-tiêu">1. Chỉ tiêu</a></li>' in page
        assert '<a href="#Giả-định-&amp;-lưu-ý">Giả định &amp; lưu ý</a>' in page
        assert "<p>Mục lục</p>" in page

    def test_one_heading_no_contents(self):
        page = '<h2 id="a">A</h2>'
        assert he.add_contents(page) == page

    def test_hostile_heading_stays_text(self):
        page = (
            '<h2 id="a&quot; onclick=&quot;x">&lt;script&gt;x&lt;/script&gt;</h2><h2 id="b">B</h2>'
        )
        nav = he.add_contents(page).split("</nav>")[0]
        assert "<script>" not in nav and "&lt;script&gt;" in nav
        assert 'href="#a&quot; onclick=&quot;x"' in nav  # the quote cannot end the attribute


class TestAddReportStyle:
    def test_style_in_head(self):
        page = he.add_report_style(PAGE)
        assert page.index('<style type="text/css" id="ntm-report-style">') < page.index("</head>")

    def test_page_without_head(self):
        assert he.add_report_style("<p>x</p>").startswith("<style")

    def test_print_rules(self):
        css = he.REPORT_CSS
        assert re.search(r"@page\s*\{\s*size:\s*A4;\s*margin:", css)
        assert "@media print" in css
        assert "max-width: 100%" in css  # images never overflow
        assert re.search(r"tr, img[^{]*\{[^}]*break-inside: avoid", css)
        assert "display: table-header-group" in css  # header rows repeat on each page
        assert "size: A4 landscape" in css and ".ntm-wide { page: landscape; }" in css
        assert "overflow: visible !important" in css  # a scrolled table prints whole

    def test_no_external_resources(self):
        assert "http" not in he.REPORT_CSS and "@import" not in he.REPORT_CSS


class TestExportHtml:
    def test_report_has_contents_and_print_style(self, tmp_path):
        cell = new_code_cell("x")
        cell.outputs = [
            new_output("display_data", data={"text/html": "<p>bảng</p>", "text/plain": "x"})
        ]
        nb = new_notebook(
            cells=[
                new_markdown_cell("# Tiêu đề\n\nMục đích."),
                new_markdown_cell("## 1. Chỉ tiêu theo xã"),
                cell,
                new_markdown_cell("## Giả định & lưu ý"),
            ]
        )
        nbformat.write(nb, str(tmp_path / "r.ipynb"))
        page = he.export_html(tmp_path / "r.ipynb", tmp_path / "r.html").read_text("utf-8")
        assert page.count('<nav class="ntm-toc"') == 1
        assert ">1. Chỉ tiêu theo xã</a></li>" in page
        assert ">Giả định &amp; lưu ý</a></li>" in page
        assert page.index("ntm-report-style") < page.index("</head>")
        assert "@page" in page
        assert not re.search(r"<script[^>]*\bsrc=\"https?://", page)  # still offline


class TestAccessibleOutputs:
    def test_alt_text_and_tabindex_added_where_missing_only(self):
        page = (
            '<div class="jp-OutputArea-output jp-RenderedImage"><img src="data:x">'
            '<img alt="bản đồ" src="data:y"></div>'
            '<div class="jp-OutputArea-output" tabindex="0"></div><div class="other"></div>'
        )
        assert he.accessible_outputs(page) == (
            '<div class="jp-OutputArea-output jp-RenderedImage" tabindex="0">'
            '<img alt="Biểu đồ" src="data:x"><img alt="bản đồ" src="data:y"></div>'
            '<div class="jp-OutputArea-output" tabindex="0"></div><div class="other"></div>'
        )

    def test_report_exporter_is_made_once_per_process(self):
        assert he.report_exporter() is he.report_exporter()
