"""The village table's columns (:data:`VILLAGE_FIELDS`) and their header lookup.

One row per village (thôn, bản, ấp, buôn, làng …) of a commune and survey year. A village is
identified by ``commune_code`` + ``village_name`` (+ ``year``). Columns shared with the commune
survey (codes, year, households, prominent sector, demand, providers) keep its names and
Vietnamese labels, so either header is read the same way.
"""

from __future__ import annotations

import dataclasses

from ntmplan.survey.schema.fields import FIELD_BY_NAME, Field
from ntmplan.survey.schema.headers import field_aliases
from ntmplan.survey.units.text import fold


def _shared(name: str, **changes) -> Field:
    """A commune-survey field reused as is (or with a few attributes changed)."""
    return dataclasses.replace(FIELD_BY_NAME[name], **changes)


#: The village table, in its column order (contract: h5's analysis and the forms rely on it).
VILLAGE_FIELDS: tuple[Field, ...] = (
    _shared("province_code"),
    _shared("commune_code"),
    _shared("year"),
    Field(
        "village_name",
        "text",
        "Tên thôn/bản/ấp",
        "name of the village (thôn, bản, ấp, buôn, làng …) as the commune registers it",
        "tên / name",
    ),
    Field(
        "village_type",
        "enum",
        "Loại thôn",
        "kind of village: thôn / bản / ấp / buôn / làng / khác (params survey.village_types)",
        "danh mục / list",
        enum="village_types",
        optional=True,
    ),
    _shared("households"),
    _shared("households_internet"),
    _shared("households_smart_device"),
    Field(
        "fixed_broadband",
        "bool",
        "Có Internet cáp quang (băng rộng cố định)",
        "fixed broadband (fibre) reaches the village",
        "có/không / yes/no",
    ),
    Field(
        "mobile_broadband",
        "bool",
        "Phủ sóng 4G/5G",
        "the village is covered by 4G/5G mobile broadband",
        "có/không / yes/no",
    ),
    _shared(
        "prominent_sector",
        description_en="outstanding sector of the village (code or label of survey.sectors)",
    ),
    _shared(
        "dx_demand",
        description_en="village demand for DX in its prominent sector, 1 (low) – 5 (high)",
    ),
    _shared(
        "digital_providers",
        description_en="digital service providers that can be mobilised for the village",
    ),
)

#: Field by column name.
VILLAGE_FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in VILLAGE_FIELDS}

#: The village columns, in order.
VILLAGE_COLUMNS: tuple[str, ...] = tuple(f.name for f in VILLAGE_FIELDS)

#: Column → Vietnamese label (form header, exports).
VILLAGE_LABELS: dict[str, str] = {f.name: f.label_vi for f in VILLAGE_FIELDS}

#: The columns that identify a village.
VILLAGE_KEY: tuple[str, ...] = ("commune_code", "year", "village_name")


def village_header_lookup() -> dict[str, str]:
    """Return folded header text → village column (English names and Vietnamese labels).

    Returns
    -------
    dict
        Keys are :func:`ntmplan.survey.units.fold` of each column name, label,
        ``"label / name"`` and ``"label (name)"``.
    """
    out: dict[str, str] = {}
    for f in VILLAGE_FIELDS:
        for alias in field_aliases(f):
            out[fold(alias)] = f.name
    return out


_HEADERS = village_header_lookup()


def village_column_for_header(text) -> str | None:
    """Return the village column a header cell names, or None.

    Parameters
    ----------
    text : str or None

    Returns
    -------
    str or None
    """
    if text is None:
        return None
    return _HEADERS.get(fold(text))
