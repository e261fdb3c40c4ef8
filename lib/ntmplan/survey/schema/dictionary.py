"""The survey's data dictionary (one row per column, closed by the "illustrative data" note)."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.survey.schema.fields import FIELDS
from ntmplan.survey.schema.rules import rule_text

#: Labels of the data dictionary's own columns.
DICTIONARY_LABELS: dict[str, str] = {
    "column": "Tên cột (tiếng Anh) / Column",
    "label_vi": "Tên cột tiếng Việt / Vietnamese label",
    "description_en": "Mô tả (tiếng Anh) / Description",
    "rule": "Quy tắc / Rule",
    "unit": "Đơn vị / Unit",
}

#: The note row that closes the data dictionary.
ILLUSTRATIVE_NOTE_VI = (
    "Bộ dữ liệu mẫu kèm theo (data/sample/…_du_lieu_minh_hoa.csv) là dữ liệu minh họa, "
    "sinh tự động trên danh mục đơn vị hành chính thật; không phải số liệu khảo sát thực tế."
)
ILLUSTRATIVE_NOTE_EN = (
    "The bundled sample (data/sample/…_du_lieu_minh_hoa.csv) is illustrative data generated "
    "on real administrative units; it is not real survey data."
)

#: Header of the note row in the data dictionary.
NOTE_COLUMN = "(ghi chú / note)"


def data_dictionary(params: dict | None = None, scheme: str = "current") -> pd.DataFrame:
    """Return the survey's data dictionary, closed by a note that the bundled sample is illustrative.

    Parameters
    ----------
    params : dict, optional
        Resolved params (defaults when None): enumerations and ranges come from ``survey``.
    scheme : str
        ``current`` or ``legacy`` (unit types differ).

    Returns
    -------
    pandas.DataFrame
        Columns ``column, label_vi, description_en, rule, unit`` (labels in
        :data:`DICTIONARY_LABELS`); one row per survey column, then one note
        row whose ``column`` is :data:`NOTE_COLUMN`.
    """
    params = params_or_defaults(params)
    rows = []
    for f in FIELDS:
        vi, en = rule_text(f, params, scheme)
        rows.append(
            {
                "column": f.name,
                "label_vi": f.label_vi,
                "description_en": f.description_en,
                "rule": f"{vi} / {en}",
                "unit": f.unit_vi,
            }
        )
    rows.append(
        {
            "column": NOTE_COLUMN,
            "label_vi": ILLUSTRATIVE_NOTE_VI,
            "description_en": ILLUSTRATIVE_NOTE_EN,
            "rule": "",
            "unit": "",
        }
    )
    return pd.DataFrame(rows, columns=list(DICTIONARY_LABELS))
