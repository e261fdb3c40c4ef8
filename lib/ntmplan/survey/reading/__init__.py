"""Reading survey tables from CSV and XLSX files.

Reading (:func:`read_table`) never writes the input: the file's bytes are read
once and parsed in memory. What makes a file unreadable raises
:class:`~ntmplan.core.errors.InputError`; what was read but deserves a word
(another encoding, decomposed Unicode, title rows, merged cells, formulas) is
returned as problems in ``frame.attrs["problems"]`` and reported by
:func:`ntmplan.survey.schema.validate_survey`.

Modules: :mod:`.source` (the file's bytes, limits), :mod:`.text` (CSV decoding and
cells), :mod:`.xlsx` (workbooks), :mod:`.sheets` (which sheets hold the survey),
:mod:`.limits` (what a file may ask for), :mod:`.headers` (the header row), :mod:`.frame`
(rows → frame), :mod:`.table` (:func:`read_tables`, :func:`read_table`).
"""

from ntmplan.survey.reading.headers import HEADER_MIN_MATCHES, HEADER_SCAN_ROWS
from ntmplan.survey.reading.limits import MAX_CELLS, MAX_ROWS, MAX_SHARED_STRINGS
from ntmplan.survey.reading.sheets import SURVEY_SHEET
from ntmplan.survey.reading.source import (
    MAX_INPUT_BYTES,
    MAX_XLSX_UNCOMPRESSED,
    read_input_bytes,
    require_data_file,
)
from ntmplan.survey.reading.table import read_table, read_tables

__all__ = [
    "HEADER_MIN_MATCHES",
    "MAX_CELLS",
    "MAX_ROWS",
    "MAX_SHARED_STRINGS",
    "HEADER_SCAN_ROWS",
    "MAX_INPUT_BYTES",
    "MAX_XLSX_UNCOMPRESSED",
    "SURVEY_SHEET",
    "read_input_bytes",
    "read_table",
    "read_tables",
    "require_data_file",
]
