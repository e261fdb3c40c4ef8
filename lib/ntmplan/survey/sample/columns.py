"""The survey columns of the illustrative samples, by dtype (derived from the survey schema)."""

from __future__ import annotations

from ntmplan.survey.schema import COLUMNS, FIELDS

#: Survey columns in the order of DESIGN.md's survey table.
SURVEY_COLUMNS: tuple[str, ...] = COLUMNS
#: Yes/no columns (``bool``).
BOOL_COLUMNS = tuple(f.name for f in FIELDS if f.kind == "bool")
#: Code, text and enumerated columns (``str``).
TEXT_COLUMNS = tuple(f.name for f in FIELDS if f.kind in ("code", "text", "enum"))
#: Text columns that may be empty (``str`` or None).
OPTIONAL_TEXT_COLUMNS = tuple(f.name for f in FIELDS if f.optional)
#: Share columns (``float64``).
FLOAT_COLUMNS = tuple(f.name for f in FIELDS if f.kind == "share")
#: Columns left empty in the samples (the group follows from the other columns).
EMPTY_COLUMNS = ("commune_group",)
#: Count and year columns (``int64``; ``ethnic_region`` is 0 outside the ethnic-minority areas).
INT_COLUMNS = tuple(
    c
    for c in SURVEY_COLUMNS
    if c not in BOOL_COLUMNS + TEXT_COLUMNS + FLOAT_COLUMNS + EMPTY_COLUMNS
)
