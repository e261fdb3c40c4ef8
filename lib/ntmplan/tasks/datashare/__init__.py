"""Data for the national shared database (guidance task 5, notebook 05).

- **Data-quality report** (:mod:`~ntmplan.tasks.datashare.quality`,
  :mod:`~ntmplan.tasks.datashare.completeness`, :mod:`~ntmplan.tasks.datashare.jumps`,
  heat map in :mod:`~ntmplan.tasks.datashare.charts`).
- **Export package** (:mod:`~ntmplan.tasks.datashare.export`,
  :mod:`~ntmplan.tasks.datashare.descriptor`, :mod:`~ntmplan.tasks.datashare.checksums`,
  :mod:`~ntmplan.tasks.datashare.validation`): a versioned Frictionless Data Package.
- **Key figures** (:mod:`~ntmplan.tasks.datashare.summary`, summary keys documented
  there), labels and assumptions.

The legacy → 2025 conversion lives in :mod:`ntmplan.survey.legacy`; its names are
re-exported here for the notebooks.
"""

from ntmplan.core.paths import NATIONAL_DIR
from ntmplan.survey.legacy import (
    BOOL_COLUMNS,
    COUNT_COLUMNS,
    KEY_COLUMNS,
    PRESERVED_TOTALS,
    SHARE_COLUMNS,
    SURVEY_COLUMNS,
    ConversionReport,
    conversion_rules,
    convert_legacy,
    convert_legacy_province,
    drop_partial_units,
    legacy_source,
    select_legacy_province,
)
from ntmplan.tasks.datashare.assumptions import assumptions
from ntmplan.tasks.datashare.charts import completeness_heatmap
from ntmplan.tasks.datashare.checksums import CHECKSUMS_FILE, verify_checksums
from ntmplan.tasks.datashare.completeness import completeness_matrix
from ntmplan.tasks.datashare.descriptor import DESCRIPTOR_FILE, table_schema
from ntmplan.tasks.datashare.export import EXPORT_DIR, export_national, export_package
from ntmplan.tasks.datashare.labels import LABELS
from ntmplan.tasks.datashare.quality import quality_report
from ntmplan.tasks.datashare.summary import summary
from ntmplan.tasks.datashare.validation import validate_package

__all__ = [
    "BOOL_COLUMNS",
    "CHECKSUMS_FILE",
    "COUNT_COLUMNS",
    "DESCRIPTOR_FILE",
    "EXPORT_DIR",
    "KEY_COLUMNS",
    "LABELS",
    "NATIONAL_DIR",
    "PRESERVED_TOTALS",
    "SHARE_COLUMNS",
    "SURVEY_COLUMNS",
    "ConversionReport",
    "assumptions",
    "completeness_heatmap",
    "completeness_matrix",
    "conversion_rules",
    "convert_legacy",
    "convert_legacy_province",
    "drop_partial_units",
    "export_national",
    "export_package",
    "legacy_source",
    "quality_report",
    "select_legacy_province",
    "summary",
    "table_schema",
    "validate_package",
    "verify_checksums",
]
