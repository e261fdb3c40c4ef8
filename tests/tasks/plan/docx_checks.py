"""Checks shared by the Word tests: fonts of styles and runs, texts, forbidden tokens."""

from __future__ import annotations

import re

FONT = "Times New Roman"
#: A dotted snake_case params key, e.g. ``budget.unit_costs.smart_package_mvnd``.
PARAMS_KEY = re.compile(r"\b[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*\b")
FILE_NAME = re.compile(r"\.(?:json|ya?ml|md|xlsx|csv|ipynb)\b", re.IGNORECASE)


def all_paragraphs(doc):
    """Body paragraphs and the paragraphs of every table cell (nested included)."""
    out = list(doc.paragraphs)
    for table in doc.tables:
        out += table_paragraphs(table)
    return out


def table_paragraphs(table):
    out = []
    for row in table.rows:
        for cell in row.cells:
            out += cell.paragraphs
            for inner in cell.tables:
                out += table_paragraphs(inner)
    return out


def all_text(doc) -> str:
    return "\n".join(p.text for p in all_paragraphs(doc))


def style_font(style) -> str | None:
    """The font a style resolves to (its own or its base styles')."""
    while style is not None:
        if style.font.name:
            return style.font.name
        style = style.base_style
    return None


def check_fonts(doc) -> None:
    """Every style used is Times New Roman and no run overrides the font."""
    for p in all_paragraphs(doc):
        assert style_font(p.style) == FONT, p.style.name
        for run in p.runs:
            assert run.font.name in (None, FONT), (p.style.name, run.text)


def check_clean(text: str) -> None:
    """No params key, file name, "assumption", "DOMAIN", True/False or NaN in issued text."""
    keys = [k for k in PARAMS_KEY.findall(text) if "_" in k]
    assert not keys, keys[:5]
    assert not FILE_NAME.search(text), FILE_NAME.search(text)
    for word in ("assumption", "DOMAIN", "DESIGN", "NaN", "True", "False", "Bảng 1. Bảng"):
        assert word not in text, word
