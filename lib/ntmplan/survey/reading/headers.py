"""Finding the header row of a table (title rows above it skipped, a repeated name row below it too)."""

from __future__ import annotations

from ntmplan.core.errors import Problem
from ntmplan.survey.reading.source import fail
from ntmplan.survey.schema.headers import column_for_header

#: How many rows from the top are searched for the header row.
HEADER_SCAN_ROWS = 30
#: A row naming at least this many survey columns is taken as the header.
HEADER_MIN_MATCHES = 3


def header_score(row: list) -> int:
    """Return how many different survey columns the cells of a row name.

    Parameters
    ----------
    row : list
        Cells (``str`` or None).

    Returns
    -------
    int
    """
    return len({column_for_header(c) for c in row if c is not None} - {None})


def find_header(rows: list[list], name: str, problems: list[Problem]) -> tuple[int, list, int]:
    """Find the header row among the top rows, noting skipped title rows in ``problems``.

    The header is the first of the top :data:`HEADER_SCAN_ROWS` non-empty rows naming at
    least :data:`HEADER_MIN_MATCHES` survey columns, else the first non-empty row. A row
    right below it that also names survey columns (the template's English row) fills the
    header cells that name no column, and is skipped.

    Parameters
    ----------
    rows : list of list
        Cells (``str`` or None); row i is Excel row i + 1.
    name : str
        The file's name, for the problems.
    problems : list of Problem
        Appended to.

    Returns
    -------
    (int, list, int)
        Excel row number of the header, its cells (padded to the widest row) and the
        index in ``rows`` of the first data row.

    Raises
    ------
    InputError
        If every row is empty.
    """
    nonempty = [i for i, r in enumerate(rows) if any(c is not None for c in r)]
    if not nonempty:
        raise fail(name, "Tệp (hoặc trang tính) không có dữ liệu", "the file (or sheet) is empty")
    top = nonempty[:HEADER_SCAN_ROWS]
    scored = [i for i in top if header_score(rows[i]) >= HEADER_MIN_MATCHES]
    h = scored[0] if scored else nonempty[0]
    header_row = h + 1
    if h > 0 and scored:
        problems.append(
            Problem(
                name,
                header_row,
                None,
                None,
                f"Dòng tiêu đề nằm ở dòng {header_row}; đã bỏ qua {h} dòng phía trên (tiêu đề bảng, ghi chú)",
                f"the header is on row {header_row}; the {h} row(s) above it were skipped",
                "warning",
            )
        )
    width = max(len(r) for r in rows)
    header = list(rows[h]) + [None] * (width - len(rows[h]))
    start = h + 1
    sub = rows[start] if start < len(rows) else []
    if sub and header_score(sub) >= HEADER_MIN_MATCHES:
        sub = list(sub) + [None] * (width - len(sub))
        header = [
            hc if column_for_header(hc) or sc is None else sc
            for hc, sc in zip(header, sub, strict=True)
        ]
        start += 1
    return header_row, header, start
