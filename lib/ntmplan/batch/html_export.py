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
    from nbconvert import HTMLExporter

    from ntmplan.core.writers import atomic_write_text

    nb = nbformat.read(str(nb_file), as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id: keep pages stable
        for output in cell.get("outputs", []):
            md = output.get("data", {}).get("text/markdown")
            if md is not None:
                output["data"]["text/markdown"] = "".join(md).replace("<", "&lt;")
    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": title or nb_file.stem}}
    )
    return atomic_write_text(html_file, disarm_urls(_EXTERNAL_SCRIPT.sub("", body)))


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
