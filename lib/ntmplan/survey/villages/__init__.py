"""Village rows of a survey (thôn, bản, ấp …): their columns, reading and validation.

One row per village of a commune and survey year, identified by ``commune_code`` +
``village_name`` (+ ``year``). Columns (:data:`VILLAGE_COLUMNS`): ``province_code``,
``commune_code``, ``year``, ``village_name``, ``village_type`` (codes of
``survey.village_types``: thon, ban, ap, buon, lang, khac), ``households``,
``households_internet``, ``households_smart_device``, ``fixed_broadband`` and
``mobile_broadband`` (yes/no), ``prominent_sector`` (codes of ``survey.sectors``),
``dx_demand`` (1–5), ``digital_providers``.

Where they live: the sheet ``thon`` of an .xlsx survey, or ``<stem>_thon.csv`` beside a CSV
survey (``survey.village_sheet`` / ``survey.village_csv_suffix`` in params).

Modules: :mod:`.fields` (the columns), :mod:`.checks` (cells and rows), :mod:`.references`
(each village against its commune), :mod:`.validation` (:func:`validate_villages`),
:mod:`.reading` (:func:`load_villages`), :mod:`.cache` (:func:`load_villages_cached`).
"""

from ntmplan.survey.villages.cache import load_villages_cached
from ntmplan.survey.villages.checks import enum_codes, offered_labels
from ntmplan.survey.villages.fields import (
    VILLAGE_COLUMNS,
    VILLAGE_FIELD_BY_NAME,
    VILLAGE_FIELDS,
    VILLAGE_KEY,
    VILLAGE_LABELS,
    village_column_for_header,
)
from ntmplan.survey.villages.reading import (
    PREFILLED,
    load_villages,
    named_communes,
    read_villages,
    village_problems,
    village_source,
    workbook_sheets,
)
from ntmplan.survey.villages.validation import empty_villages, validate_villages

__all__ = [
    "PREFILLED",
    "VILLAGE_COLUMNS",
    "VILLAGE_FIELDS",
    "VILLAGE_FIELD_BY_NAME",
    "VILLAGE_KEY",
    "VILLAGE_LABELS",
    "empty_villages",
    "enum_codes",
    "load_villages",
    "load_villages_cached",
    "named_communes",
    "offered_labels",
    "read_villages",
    "validate_villages",
    "village_column_for_header",
    "village_problems",
    "village_source",
    "workbook_sheets",
]
