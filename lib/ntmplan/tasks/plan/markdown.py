"""Showing the plan in a notebook: sections as escaped Markdown, tables and figures."""

from __future__ import annotations

import re

import pandas as pd

from ntmplan.tasks.plan.formatting import fmt_number
from ntmplan.tasks.plan.section import Section

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|!~])")


def _markdown_table(df: pd.DataFrame) -> str:
    def cell(v) -> str:
        text = fmt_number(v) if not isinstance(v, str) else v
        return text.replace("\n", " ")

    head = "| " + " | ".join(cell(str(c)) for c in df.columns) + " |"
    rule = "|" + "---|" * len(df.columns)
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def md_escape(text: str) -> str:
    """Escape text for Markdown: HTML characters as entities, Markdown syntax with backslashes.

    A commune name such as ``[x](javascript:…)`` or ``<img …>`` then shows as plain text.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    import html

    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def section_markdown(section: Section, tables: bool = False) -> str:
    """Render a section's heading and paragraphs (and optionally its tables) as Markdown.

    All text is escaped with :func:`md_escape`; a paragraph starting with ``"- "`` stays a
    bullet.

    Parameters
    ----------
    section : Section
    tables : bool
        Also render the tables as Markdown tables.

    Returns
    -------
    str
    """
    lines = ["#" * (section.level + 1) + " " + md_escape(section.title)]
    if not section.available:
        lines.append("*⚠ Chưa có đủ số liệu cho phần này / section not (fully) available.*")
    for para in section.paragraphs:
        bullet = para.startswith("- ")
        lines.append(("- " if bullet else "") + md_escape(para[2:] if bullet else para))
    if tables:
        for df in section.tables:
            lines.append(f"**{md_escape(str(df.attrs.get('caption', '')))}**")
            lines.append(
                _markdown_table(
                    df.astype(object).map(lambda v: md_escape(v) if isinstance(v, str) else v)
                )
            )
    return "\n\n".join(lines)
