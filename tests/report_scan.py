"""Reading the tables of an HTML report as a reviewer would: every cell's text, and the
findings that break the Vietnamese conventions (raw pandas values, English number styles,
index columns). Used by the report-conventions test."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Values pandas or Python print that a planner must never see.
RAW_VALUES = {"NaN", "nan", "<NA>", "None", "True", "False", "NaT", "inf", "-inf"}
#: A number written the Vietnamese way: 12.989,6 · 67,9% · -3 · 2025.
VIETNAMESE_NUMBER = re.compile(r"^[-−]?\d{1,3}(\.\d{3})*(,\d+)?%?$|^[-−]?\d+(,\d+)?%?$")
#: A cell that is only a number (digits, separators, spaces, a sign or a percent sign).
NUMERIC_CELL = re.compile(r"^[-−+]?[\d.,\s\u00a0\u202f]*\d[\d.,\s\u00a0\u202f]*%?$")
SCIENTIFIC = re.compile(r"^[-+]?\d+([.,]\d+)?[eE][+-]?\d+$")


@dataclass
class Table:
    """One HTML table: header cells, body rows (cell texts) and whether rows have headers."""

    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    row_headers: int = 0


class _TableReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self._stack: list[Table] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_head = False
        self._skip = 0  # inside <style>/<script>

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        elif tag == "table":
            self._stack.append(Table())
        elif self._stack and tag == "thead":
            self._in_head = True
        elif self._stack and tag == "tr":
            self._row = []
        elif self._stack and tag in ("td", "th"):
            self._cell = []
            if tag == "th" and not self._in_head:
                self._stack[-1].row_headers += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip = max(0, self._skip - 1)
        elif tag == "table" and self._stack:
            self.tables.append(self._stack.pop())
        elif self._stack and tag == "thead":
            self._in_head = False
        elif self._stack and tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            if self._row is not None:
                self._row.append(text)
            self._cell = None
        elif self._stack and tag == "tr" and self._row is not None:
            table = self._stack[-1]
            if self._in_head:
                table.header.extend(self._row)
            else:
                table.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None and not self._skip:
            self._cell.append(data)


def tables(html_text: str) -> list[Table]:
    """Return every table of an HTML page (nested tables too)."""
    reader = _TableReader()
    reader.feed(html_text)
    return reader.tables


def cell_problems(text: str) -> list[str]:
    """Return what is wrong with one cell's text (empty list when it follows the conventions)."""
    found = []
    words = set(re.split(r"[\s,;:()]+", text))
    raw = sorted(RAW_VALUES & words)
    if raw:
        found.append(f"giá trị thô / raw value {raw}")
    if SCIENTIFIC.match(text.strip()):
        found.append("ký hiệu khoa học / scientific notation")
    if NUMERIC_CELL.match(text) and not VIETNAMESE_NUMBER.match(text.strip()):
        found.append("số không theo kiểu Việt Nam / not Vietnamese number style")
    return found


def table_problems(table: Table) -> list[str]:
    """Return the findings of one table: index columns and every bad cell (with its text)."""
    found = []
    if table.row_headers:
        found.append("cột chỉ mục / index column (header cells in body rows)")
    if table.header and table.header[0] == "" and len(table.header) > 1:
        found.append("cột chỉ mục / index column (empty first header)")
    for row in table.rows:
        for text in row:
            found.extend(f"{p}: {text!r}" for p in cell_problems(text))
    found.extend(_labels_in_code_columns(table))
    return found


def _labels_in_code_columns(table: Table) -> list[str]:
    """A "Mã …" (code) column holding bilingual labels ("Lâm nghiệp / forestry")."""
    found = []
    for i, head in enumerate(table.header):
        if not head.startswith("Mã "):
            continue
        cells = [row[i] for row in table.rows if i < len(row)]
        labels = [c for c in cells if " / " in c]
        if labels:
            found.append(f"nhãn trong cột mã / label in a code column {head!r}: {labels[0]!r}")
    return found
