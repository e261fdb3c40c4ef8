"""The commune survey table: one declarative schema, its checks and its data dictionary.

Every column of DESIGN.md's survey table is described once in :data:`FIELDS`
(name, kind, Vietnamese label, English description, unit, rule). From that
description this package builds

- the header lookup used by :func:`ntmplan.survey.reading.read_table` (Vietnamese labels
  or English names, case- and accent-insensitive) — :mod:`.headers`;
- what each column accepts, from the params, and the rule texts — :mod:`.rules`;
- the parsing of the strings read from CSV/XLSX into typed values, with an
  explanation for every cell that cannot be parsed — :mod:`.parsing`;
- a pandera ``DataFrameSchema`` holding the per-column and cross-column
  checks, whose failure cases are turned into :class:`ntmplan.core.errors.Problem`
  — :mod:`.checks`;
- the reference rules against the administrative units (``ntmplan.survey.units``)
  — :mod:`.references`;
- the one validation, :func:`validate_survey` — :mod:`.validation`;
- the data dictionary (:func:`data_dictionary`) and the Excel template's lists
  — :mod:`.dictionary`.
"""

from ntmplan.survey.schema.checks import build_schema
from ntmplan.survey.schema.dictionary import (
    DICTIONARY_LABELS,
    ILLUSTRATIVE_NOTE_EN,
    ILLUSTRATIVE_NOTE_VI,
    NOTE_COLUMN,
    data_dictionary,
)
from ntmplan.survey.schema.fields import COLUMNS, FIELD_BY_NAME, FIELDS, KINDS, LABELS, Field
from ntmplan.survey.schema.headers import column_for_header, header_lookup
from ntmplan.survey.schema.references import SCHEMES
from ntmplan.survey.schema.rules import allowed_values, enum_labels, rule_text, vietnamese_labels
from ntmplan.survey.schema.validation import validate_survey
from ntmplan.survey.units.text import fold

__all__ = [
    "COLUMNS",
    "DICTIONARY_LABELS",
    "FIELDS",
    "FIELD_BY_NAME",
    "ILLUSTRATIVE_NOTE_EN",
    "ILLUSTRATIVE_NOTE_VI",
    "KINDS",
    "LABELS",
    "NOTE_COLUMN",
    "SCHEMES",
    "Field",
    "allowed_values",
    "build_schema",
    "column_for_header",
    "data_dictionary",
    "enum_labels",
    "fold",
    "header_lookup",
    "rule_text",
    "validate_survey",
    "vietnamese_labels",
]
