"""HTML export of an executed notebook: code hidden, offline, nothing in it can run code.

This module shapes every report page, so its source is part of the cache key
(:mod:`ntmplan.batch.cache_key`).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ntmplan.core import catalogue

_EXTERNAL_SCRIPT = re.compile(
    r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>\s*', re.IGNORECASE
)

_HEADING = re.compile(r"<h2\b([^>]*)>(.*?)</h2>", re.IGNORECASE | re.DOTALL)
_ID_ATTR = re.compile(r"""\bid\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")

#: Added to every report: tables and charts fit the page on screen; Print → Save as PDF
#: gives A4 pages (wide tables on landscape pages, header rows repeated, no row or chart cut).
REPORT_CSS = """
.ntm-toc { border: 1px solid #d0d7de; background: #f6f8fa; padding: .4em 1.2em; margin: 1em 0;
  font-family: var(--jp-content-font-family, system-ui, sans-serif); font-size: 14px; }
.ntm-toc p { font-weight: bold; margin: .3em 0; }
.ntm-toc ul { margin: .2em 0; padding-left: 1.2em; }
.jp-RenderedImage img, .jp-OutputArea-output img { max-width: 100%; height: auto; }
.ntm-table-wrap { overflow-x: auto; max-width: 100%; margin: .4em 0 1em; }
table.ntm-table { border-collapse: collapse; font-size: 12px; table-layout: auto !important;
  margin-left: 0 !important; margin-right: 0 !important; }
.ntm-table th { background: #eef2f5; vertical-align: bottom; }
.ntm-table th, .ntm-table td { padding: 3px 6px; border-bottom: 1px solid #d0d7de;
  text-align: left !important; max-width: 40em; }
.ntm-table th { min-width: 4em; max-width: 14em; white-space: normal !important; }
.ntm-table .num { text-align: right !important; white-space: nowrap; }
.ntm-table .short { white-space: nowrap; }
.ntm-table .ntm-long { min-width: 14em; overflow-wrap: anywhere; }
.ntm-table caption { caption-side: top; text-align: left; font-weight: bold; }
.ntm-table-note { font-style: italic; color: #555; }
@page { size: A4; margin: 15mm 12mm 15mm 15mm; }
@page landscape { size: A4 landscape; margin: 12mm; }
@media print {
  body, .jp-Notebook { margin: 0 !important; padding: 0 !important; }
  .jp-Cell { padding: 0 !important; }
  .jp-InputPrompt, .jp-OutputPrompt { display: none !important; }
  a.anchor-link { display: none; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  .ntm-table-wrap { overflow: visible !important; max-width: none !important; }
  .ntm-wide { page: landscape; }
  table.ntm-table { width: 100%; font-size: 7.5pt; }
  .ntm-table th, .ntm-table td, .ntm-table .short { white-space: normal; }
  .ntm-table th, .ntm-table .ntm-long { overflow-wrap: anywhere; }
  .ntm-table .ntm-long { min-width: 0; }
  .ntm-wide .ntm-table .ntm-long { min-width: 12em; }
  .ntm-table td.num { white-space: nowrap; }
  .ntm-table th { min-width: 0; }
  .ntm-wide .ntm-table { width: auto; font-size: 5.5pt; }
  .ntm-wide .ntm-table th, .ntm-wide .ntm-table td { padding: 1px 2px; }
  .ntm-table thead { display: table-header-group; }
  .jp-OutputArea-child { break-inside: auto !important; }  /* a long table flows on */
  tr, img, figure, .jp-RenderedImage { break-inside: avoid; page-break-inside: avoid; }
  img { max-width: 100% !important; height: auto !important; }
}
"""

#: Alternative text of a chart image that has none (nbconvert's default is English).
IMAGE_ALT = "Biểu đồ"
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt=)", re.IGNORECASE)
_FOCUSABLE_DIV = re.compile(
    r'(<div class="[^"]*\b(?:jp-OutputArea-output|jp-Cell-inputWrapper)\b[^"]*")(?![^>]*tabindex)'
)

_exporter = None  # the process's report exporter (its template environment built once)


def report_exporter():
    """Return this process's HTML exporter of reports (code and prompts hidden), made once.

    nbconvert's ``HTMLExporter`` re-parses every page it renders with BeautifulSoup to
    add image alt texts and ``tabindex`` attributes: about 80 % of its time on a report
    with large tables. The exporter here renders the same template and adds both with
    two regular expressions instead (a Vietnamese alt text, :data:`IMAGE_ALT`). Made
    once per process, so its templates load once (the batch's workers inherit it).

    Returns
    -------
    nbconvert.HTMLExporter
    """
    global _exporter
    if _exporter is None:
        _exporter = _report_exporter_class()(
            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
        )
    return _exporter


def _report_exporter_class():
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        """``HTMLExporter`` without its BeautifulSoup pass (see :func:`report_exporter`)."""

        def from_notebook_node(self, nb, resources=None, **kw):
            lang = nb.metadata.get("language_info", {})
            lexer = lang.get("pygments_lexer", lang.get("name", None))
            self.register_filter(
                "highlight_code",
                self.filters.get(
                    "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
                ),
            )
            # reports carry no widget state: widget outputs fall back to their text
            self.register_filter("filter_data_type", WidgetsDataTypeFilter({}, parent=self))
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return accessible_outputs(page), resources

    return ReportExporter


def accessible_outputs(page: str) -> str:
    """Give every image without one an alt text, every output and input a ``tabindex``.

    What nbconvert's ``HTMLExporter`` adds by re-parsing the page, done on the text.

    Parameters
    ----------
    page : str

    Returns
    -------
    str
    """
    page = _IMG_WITHOUT_ALT.sub(f'<img alt="{IMAGE_ALT}"', page)
    return _FOCUSABLE_DIV.sub(r'\1 tabindex="0"', page)


_URL_ATTR = re.compile(
    r"""(\s(?:href|src|action|formaction)\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL
)


def notebook_title(notebook: str) -> str:
    """Return a notebook's title, Vietnamese first (``"02 Thí điểm / Pilots"``; unknown ids as is).

    Parameters
    ----------
    notebook : str
        Notebook id.

    Returns
    -------
    str
    """
    record = catalogue.BY_ID.get(notebook)
    return record.index_title if record else notebook


def page_title(notebook: str, province_code: str) -> str:
    """Return the title of a report page: the notebook's index title and the province name.

    Parameters
    ----------
    notebook : str
        Notebook id (an id not in the catalogue is its own title).
    province_code : str
        ``"00"`` for the national roll-up (no province name).

    Returns
    -------
    str
    """
    from ntmplan.survey import units

    name = notebook_title(notebook)
    if province_code == "00":
        return name
    found = units.find_province(province_code)
    return f"{name} — {found['province_name']}" if found else name


def export_html(nb_file: Path, html_file: Path, title: str = "") -> Path:
    """Export an executed notebook to HTML with code cells and prompts hidden.

    The page must work offline (reviewers open it from disk): the reports hold
    no widgets or formulas, so the template's external require.js and MathJax
    script tags are removed. Images are already embedded in the outputs.

    Parameters
    ----------
    nb_file : Path
        The executed notebook.
    html_file : Path
        The page to write.
    title : str
        Page title (e.g. the notebook title and province name).

    Returns
    -------
    Path

    Notes
    -----
    Markdown outputs (``display(Markdown(...))``) may carry data or params
    text, e.g. a commune name holding ``<script>``; nbconvert would copy raw
    HTML in them into the page, so every ``<`` in them is written as ``&lt;``
    (shown as text, never run). Tables are escaped by pandas. Markdown link
    syntax in such text (``[x](javascript:…)``) would still make a live link,
    so links and sources that would run code are disarmed (:func:`disarm_urls`).
    """
    import nbformat

    from ntmplan.core.writers import atomic_write_text

    nb = nbformat.read(str(nb_file), as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id: keep pages stable
    escape_markdown_outputs(nb)
    body, _ = report_exporter().from_notebook_node(
        nb, resources={"metadata": {"name": title or nb_file.stem}}
    )
    page = add_report_style(add_contents(_EXTERNAL_SCRIPT.sub("", body)))
    return atomic_write_text(html_file, disarm_urls(page))


def escape_markdown_outputs(nb) -> int:
    """Write every ``<`` of the notebook's Markdown outputs as ``&lt;`` (in place).

    Markdown outputs carry data and params text (a commune name, a label); raw HTML in them
    (``<script>``, ``<img onerror=…>``) would be live in any viewer that renders the notebook.

    Parameters
    ----------
    nb : nbformat.NotebookNode or dict
        A notebook (nbformat 4).

    Returns
    -------
    int
        The number of outputs changed.
    """
    changed = 0
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            md = output.get("data", {}).get("text/markdown")
            if md is not None:
                text = "".join(md)
                if "<" in text:
                    output["data"]["text/markdown"] = text.replace("<", "&lt;")
                    changed += 1
    return changed


def disarm_notebook_file(nb_file: Path) -> bool:
    """Rewrite an executed notebook so that its Markdown outputs keep no raw HTML.

    Parameters
    ----------
    nb_file : Path
        An executed notebook (it is rewritten only when something changes).

    Returns
    -------
    bool
        Whether the file was rewritten.
    """
    import nbformat

    from ntmplan.core.writers import atomic_write_text

    nb = nbformat.read(str(nb_file), as_version=4)
    if not escape_markdown_outputs(nb):
        return False
    atomic_write_text(Path(nb_file), nbformat.writes(nb))
    return True


def add_report_style(page: str) -> str:
    """Add :data:`REPORT_CSS` (screen and A4 print rules) to a page's ``<head>``.

    Parameters
    ----------
    page : str
        An HTML page; one without ``</head>`` gets the style at its start.

    Returns
    -------
    str
    """
    style = f'<style type="text/css" id="ntm-report-style">{REPORT_CSS}</style>\n'
    at = page.lower().find("</head>")
    return style + page if at < 0 else page[:at] + style + page[at:]


def contents(page: str) -> list[tuple[str, str]]:
    """The section headings (``<h2>``, from Markdown ``## 1. …``) of a page.

    Parameters
    ----------
    page : str
        An HTML page.

    Returns
    -------
    list of (str, str)
        ``(anchor id, heading text)`` in page order, the text without tags or the ``¶`` link;
        headings without an id are left out.
    """
    out = []
    for m in _HEADING.finditer(page):
        found = _ID_ATTR.search(m.group(1))
        text = html.unescape(_TAG.sub("", m.group(2))).replace("¶", "").strip()
        if found and text:
            out.append((html.unescape(found.group(2)), text))
    return out


def add_contents(page: str) -> str:
    """Insert a short table of contents (``Mục lục``) before the cell of the first section heading.

    Parameters
    ----------
    page : str
        An HTML page (nbconvert's).

    Returns
    -------
    str
        The page unchanged when it has fewer than two section headings.
    """
    sections = contents(page)
    if len(sections) < 2:
        return page
    items = "".join(
        f'<li><a href="#{html.escape(anchor, quote=True)}">{html.escape(text)}</a></li>'
        for anchor, text in sections
    )
    nav = f'<nav class="ntm-toc" aria-label="Mục lục"><p>Mục lục</p><ul>{items}</ul></nav>\n'
    first = _HEADING.search(page).start()
    cell = page.rfind('<div class="jp-Cell', 0, first)
    at = cell if cell >= 0 else first
    return page[:at] + nav + page[at:]


def disarm_urls(page: str) -> str:
    """Replace link and source URLs that would run code (``javascript:``, ``vbscript:``,
    ``data:`` other than an image source) by ``#``.

    Parameters
    ----------
    page : str
        An HTML page.

    Returns
    -------
    str
    """

    def fix(m: re.Match) -> str:
        url = re.sub(r"[\x00-\x20]", "", html.unescape(m.group(3))).lower()
        image = m.group(1).strip().lower().startswith("src") and url.startswith("data:image/")
        if url.startswith(("javascript:", "vbscript:")) or (url.startswith("data:") and not image):
            return f"{m.group(1)}{m.group(2)}#{m.group(2)}"
        return m.group(0)

    return _URL_ATTR.sub(fix, page)
