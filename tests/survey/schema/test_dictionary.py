"""Tests for ntmplan.survey.schema.dictionary: the data dictionary."""

from __future__ import annotations

import copy

from ntmplan.core.params import default_params
from ntmplan.survey import schema


class TestDataDictionary:
    def test_one_row_per_column_then_the_note(self):
        d = schema.data_dictionary()
        assert list(d.columns) == list(schema.DICTIONARY_LABELS)
        assert d["column"].tolist() == [*schema.COLUMNS, schema.NOTE_COLUMN]
        assert (
            "minh họa" in d["label_vi"].iloc[-1] and "illustrative" in d["description_en"].iloc[-1]
        )

    def test_rules_come_from_params(self):
        params = copy.deepcopy(default_params())
        params["survey"]["sectors"]["nuoi_ong"] = "Nuôi ong / beekeeping"
        d = schema.data_dictionary(params).set_index("column")
        assert "nuoi_ong" in d.loc["prominent_sector", "rule"]
        assert "≤ Số thôn/bản/ấp (villages)" in d.loc["villages_fiber", "rule"]
        assert d.loc["year", "rule"].startswith("năm 2020–2035")

    def test_labels_are_unique_and_nfc(self):
        import unicodedata

        labels = list(schema.LABELS.values())
        assert len(set(labels)) == len(labels)
        assert all(unicodedata.is_normalized("NFC", x) for x in labels)
