"""Task 3 of the plan with smart villages (02 summary key ``villages``), worked by hand."""

from __future__ import annotations

from ntmplan.core.params import default_params
from ntmplan.tasks.plan import task_villages as T

S02 = {
    "villages": {
        "villages": 1519,
        "eligible_count": 119,
        "gap_mvnd": 115.0,
        "chosen": [
            {
                "village_name": "Thôn 7",
                "commune_name": "Xã Thạch Xuân",
                "prominent_sector": "y_te",
                "eligible": True,
                "score": 92.6515,
                "missing_vi": "",
            },
            {
                "village_name": "Bản 2",
                "commune_name": "Xã B",
                "prominent_sector": "trong_trot",
                "eligible": False,
                "score": 50.0,
                "missing_vi": "thiếu máy tính nối mạng cho 7 cán bộ",
            },
        ],
    }
}


def sectors():
    return default_params()["survey"]["sectors"]


class TestVillageParagraph:
    def test_text(self):
        assert T.village_paragraph(S02) == (
            "Mô hình thôn nông thôn mới thông minh (Hướng dẫn mục 3a, xã/thôn): 119 trong 1.519 "
            "thôn có số liệu đủ điều kiện; tỉnh chọn 2 thôn xây dựng mô hình: Thôn 7 (Xã Thạch "
            "Xuân); Bản 2 (Xã B); chi phí bù thiếu hụt khoảng 115,0 triệu đồng."
        )

    def test_none_without_villages(self):
        assert T.village_paragraph({"chosen": {}}) is None
        assert T.village_paragraph(None) is None
        assert T.village_table({"chosen": {}}, sectors()) is None


class TestVillageTable:
    def test_rows(self):
        t = T.village_table(S02, sectors())
        assert list(t.columns) == [
            "Tên thôn",
            "Xã",
            "Lĩnh vực nổi bật",
            "Đủ điều kiện",
            "Điểm (0–100)",
            "Còn thiếu",
        ]
        assert t.iloc[0].tolist() == ["Thôn 7", "Xã Thạch Xuân", "Y tế", "Có", 92.7, ""]
        assert t.iloc[1]["Đủ điều kiện"] == "Chưa"
        assert t.iloc[1]["Lĩnh vực nổi bật"] == "Trồng trọt"
