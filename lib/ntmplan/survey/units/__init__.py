"""Administrative units of Vietnam in both schemes, and the legacy → 2025 crosswalk.

Built read-only from the data shipped with the installed package
``vietnamadminunits`` (its ``data/dataset.db`` tables ``admin_units`` and
``admin_units_legacy``, and ``data/converter_2025.json``). The package itself is
not imported (its import parses large JSON files); only its data folder is
located.

- **current** scheme (from 1 Jul 2025): 34 provinces, 3,321 commune-level units
  (2,621 xã, 687 phường, 13 đặc khu), no district level.
- **legacy** scheme (until 30 Jun 2025): 63 provinces, 696 districts, 10,040
  units: 10,035 communes (7,695 xã, 1,724 phường, 616 thị trấn) and 5 island
  districts without a commune level (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn,
  Côn Đảo). Those 5 rows have ``commune_code`` and ``unit_type`` missing (NaN)
  and carry the district's name and coordinates.

Codes are zero-padded strings (province ``"01"``, commune ``"00004"``), names
are NFC, unit types lower-case Vietnamese. Results are cached; every public
function returns a fresh copy, so callers may modify what they get.

Modules: :mod:`~ntmplan.survey.units.text` (fold, slugs, codes),
:mod:`~ntmplan.survey.units.package_data` (reading the package's files),
:mod:`~ntmplan.survey.units.tables` (unit tables of both schemes),
:mod:`~ntmplan.survey.units.provinces` (province tables and folder names),
:mod:`~ntmplan.survey.units.lookup` (find a province or commune),
:mod:`~ntmplan.survey.units.crosswalk` (legacy → 2025).
"""

from ntmplan.survey.units.crosswalk import legacy_crosswalk, legacy_split_targets
from ntmplan.survey.units.lookup import find_commune, find_province
from ntmplan.survey.units.package_data import package_data_dir
from ntmplan.survey.units.provinces import (
    province_dir_name,
    province_slug,
    provinces,
    provinces_table_text,
)
from ntmplan.survey.units.tables import LABELS, SCHEMES, current_units, legacy_units
from ntmplan.survey.units.text import fold, slugify

__all__ = [
    "LABELS",
    "SCHEMES",
    "current_units",
    "find_commune",
    "find_province",
    "fold",
    "legacy_crosswalk",
    "legacy_split_targets",
    "legacy_units",
    "package_data_dir",
    "province_dir_name",
    "province_slug",
    "provinces",
    "provinces_table_text",
    "slugify",
]
