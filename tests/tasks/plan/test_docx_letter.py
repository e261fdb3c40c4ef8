"""Tests for ntmplan.tasks.pilots.letter: the Công văn registering central pilot candidates."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.params import default_params
from ntmplan.tasks.pilots import letter
from tests.tasks.plan.docx_checks import all_text, check_clean, check_fonts


def _registration() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "province_code": ["12", "12"],
            "pilot_type": ["smart_commune", "ecommerce_commune"],
            "pilot_type_vi": ["Xã nông thôn mới thông minh", "Xã thương mại điện tử"],
            "rank": [1, 1],
            "commune_code": ["03388", "03391"],
            "commune_name": ["Xã A", "Xã B"],
            "sector_vi": ["Trồng trọt", "Du lịch nông thôn"],
            "eligible": [True, True],
            "conditions_met": ["7/7", "9/9"],
            "missing_vi": ["", None],
            "score": [80.04, 61.0],
            "share_households_internet_smart": [0.5821, 0.6],
            "share_villages_fiber": [1.0, 1.0],
            "share_officials_computer": [1.0, 1.0],
            "files_online_share": [0.737, 0.5],
        }
    )


@pytest.fixture
def written(tmp_path):
    import docx

    path = letter.write_registration_letter(
        _registration(),
        tmp_path / letter.letter_file_name("12"),
        params=default_params(),
        province_code="12",
    )
    return path, docx.Document(str(path))


class TestLetter:
    def test_file_name(self, written):
        assert written[0].name == "cong_van_dang_ky_thi_diem_lai-chau.docx"
        with pytest.raises(ValueError):
            letter.letter_file_name("../x")

    def test_header_number_and_subject(self, written):
        left, right = written[1].tables[0].rows[0].cells
        lines = [p.text for p in left.paragraphs if p.text]
        assert lines[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"]
        assert lines[2].startswith("Số: …/UBND-") and lines[3].startswith("V/v đăng ký")
        assert right.paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        assert right.paragraphs[-1].text == "Lai Châu, ngày … tháng … năm …"

    def test_to_body_signature(self, written):
        texts = [p.text for p in written[1].paragraphs]
        assert (
            "Kính gửi: Bộ Nông nghiệp và Môi trường (Văn phòng Điều phối nông thôn mới Trung ương)"
            in texts
        )
        assert "- Xã nông thôn mới thông minh: Xã A." in texts
        assert "- Xã thương mại điện tử: Xã B." in texts
        sig = written[1].tables[1].rows[0].cells
        assert sig[0].paragraphs[0].text == "Nơi nhận:"
        assert sig[0].paragraphs[-1].text.startswith("- Lưu: VT")
        assert sig[1].paragraphs[0].text == "TM. ỦY BAN NHÂN DÂN"

    def test_annex_table(self, written):
        doc = written[1]
        assert doc.sections[-1].page_width > doc.sections[-1].page_height  # landscape
        rows = [[c.text for c in r.cells] for r in doc.tables[-1].rows]
        assert rows[0][:4] == ["TT", "Loại mô hình", "Thứ hạng", "Mã xã"]
        assert rows[1][rows[0].index("Tỷ lệ hộ có Internet và thiết bị thông minh")] == "58,2%"
        assert rows[2][rows[0].index("Còn thiếu")] == "không"
        assert "(Kèm theo Công văn số …/UBND-" in all_text(doc)

    def test_fonts_and_clean(self, written):
        check_fonts(written[1])
        check_clean(all_text(written[1]))

    def test_no_candidate(self, tmp_path):
        import docx

        path = letter.write_registration_letter(
            _registration().iloc[0:0], tmp_path / "x.docx", province_code="12"
        )
        text = all_text(docx.Document(str(path)))
        assert "chưa có xã đáp ứng đủ điều kiện" in text
        assert "Chưa có xã đủ điều kiện để đăng ký." in text
