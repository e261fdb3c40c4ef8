"""Legacy → 2025 conversion of a survey (63 provinces before 1 Jul 2025 → the 2025 units).

A survey keyed by legacy codes is carried into the 2025 units with the crosswalk of
:mod:`ntmplan.survey.units`. The rules (params ``datashare.conversion``, see
:mod:`ntmplan.survey.legacy.rules`) are written into the :class:`ConversionReport`,
into ``frame.attrs["conversion"]`` and into the ``<out>.metadata.json`` of
``ntmplan convert-legacy`` (:mod:`ntmplan.cli.convert_legacy`).
"""

from ntmplan.survey.legacy.allocation import allocate, allocation_order, split_weight_table
from ntmplan.survey.legacy.convert import convert_legacy
from ntmplan.survey.legacy.province import (
    convert_legacy_province,
    drop_partial_units,
    legacy_source,
    load_legacy,
    select_legacy_province,
)
from ntmplan.survey.legacy.report import KIND_LABELS, REPORT_LABELS, ConversionReport
from ntmplan.survey.legacy.rules import (
    ALLOWED_OPTIONS,
    BOOL_COLUMNS,
    COUNT_COLUMNS,
    KEY_COLUMNS,
    PRESERVED_TOTALS,
    SHARE_COLUMNS,
    SURVEY_COLUMNS,
    conversion_params,
    conversion_rules,
)

__all__ = [
    "ALLOWED_OPTIONS",
    "BOOL_COLUMNS",
    "COUNT_COLUMNS",
    "KEY_COLUMNS",
    "KIND_LABELS",
    "PRESERVED_TOTALS",
    "REPORT_LABELS",
    "SHARE_COLUMNS",
    "SURVEY_COLUMNS",
    "ConversionReport",
    "allocate",
    "allocation_order",
    "conversion_params",
    "conversion_rules",
    "convert_legacy",
    "convert_legacy_province",
    "drop_partial_units",
    "legacy_source",
    "load_legacy",
    "select_legacy_province",
    "split_weight_table",
]
