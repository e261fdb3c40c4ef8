"""The chosen smart villages in the registration letter: sentence, annex table (Bảng 2)."""

from __future__ import annotations

import re

import pandas as pd

from ntmplan.core.params import default_params
from ntmplan.tasks.pilots import letter
from ntmplan.tasks.pilots import village_documents as D


def chosen() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "choice": [1, 2],
            "village_commune_code": ["18667", "18736"],
            "village_commune_name": ["Xã Thạch Xuân", "Xã Cẩm Hưng"],
            "village_name": ["Thôn 7", "Thôn 11"],
            "village_type_vi": ["Thôn", "Thôn"],
            "sector_vi": ["Y tế", "Du lịch nông thôn"],
            "eligible": [True, False],
            "missing_vi": ["", "thiếu 5 hộ có Internet + thiết bị thông minh"],
            "score": [92.65, 81.18],
            "share_households_internet": [0.9197, 0.6875],
            "share_households_smart_device": [0.8686, 0.7],
            "fixed_broadband": [True, True],
            "mobile_broadband": [True, False],
        }
    )


def registration() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "pilot_type_vi": ["Xã nông thôn mới thông minh"],
            "rank": [1],
            "commune_code": ["18667"],
            "commune_name": ["Xã Thạch Xuân"],
            "sector_vi": ["Y tế"],
            "conditions_met": ["7/7"],
            "missing_vi": [""],
            "score": [80.0],
        }
    )


class TestVillageAnnexTable:
    def test_values_in_vietnamese(self):
        t = D.village_annex_table(chosen())
        assert list(t.columns) == [
            "TT",
            "Tên thôn",
            "Xã",
            "Lĩnh vực nổi bật",
            "Đủ điều kiện",
            "Còn thiếu",
            "Điểm (0–100)",
            "Tỷ lệ hộ có Internet",
            "Tỷ lệ hộ có thiết bị thông minh",
            "Cáp quang",
            "4G/5G",
        ]
        assert t.iloc[0].tolist() == [
            "1",
            "Thôn 7",
            "Xã Thạch Xuân",
            "Y tế",
            "có",
            "không",
            "92,7",
            "92,0%",
            "86,9%",
            "có",
            "có",
        ]
        assert t.iloc[1]["Đủ điều kiện"] == "không" and t.iloc[1]["4G/5G"] == "không"


class TestVillageSentence:
    def test_names_every_village_with_its_commune(self):
        text = D.village_sentence(chosen(), "Thôn nông thôn mới thông minh")
        assert text == (
            "- Đồng thời, theo mục 3a của Hướng dẫn, tỉnh chọn 2 thôn xây dựng mô hình thôn nông "
            "thôn mới thông minh của tỉnh: Thôn 7 (xã Thạch Xuân); Thôn 11 (xã Cẩm Hưng) "
            "(Bảng 2 của Phụ lục)."
        )


class TestLetterWithVillages:
    def _text(self, path):
        import docx

        doc = docx.Document(str(path))
        return doc, "\n".join(p.text for p in doc.paragraphs)

    def test_letter_names_villages_and_lists_them(self, tmp_path):
        path = letter.write_registration_letter(
            registration(),
            tmp_path / "a.docx",
            params=default_params(),
            province_code="42",
            villages=chosen(),
        )
        doc, text = self._text(path)
        assert "Thôn 7 (xã Thạch Xuân); Thôn 11 (xã Cẩm Hưng)" in text
        assert "Bảng 2. Các thôn chọn xây dựng mô hình thôn nông thôn mới thông minh" in text
        assert doc.tables[-1].rows[1].cells[1].text == "Thôn 7"

    def test_without_villages_the_letter_is_as_before(self, tmp_path):
        args = dict(params=default_params(), province_code="42")
        plain = letter.write_registration_letter(registration(), tmp_path / "a.docx", **args)
        empty = letter.write_registration_letter(
            registration(), tmp_path / "b.docx", villages=chosen().iloc[:0], **args
        )
        none = letter.write_registration_letter(
            registration(), tmp_path / "c.docx", villages=None, **args
        )
        assert plain.read_bytes() == empty.read_bytes() == none.read_bytes()
        _, text = self._text(plain)
        assert not re.search(r"\bthôn\b", text.lower().replace("nông thôn", ""))
