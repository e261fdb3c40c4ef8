"""Vietnamese labels of the tables of notebook 05 (conversion report, quality report)."""

from __future__ import annotations

from ntmplan.survey import schema
from ntmplan.survey.legacy import REPORT_LABELS

#: Labels of the quality report's columns.
QUALITY_LABELS: dict[str, str] = {
    "column": "Cột / Column",
    "n_rows": "Số dòng / Rows",
    "n_filled": "Số ô có dữ liệu / Filled cells",
    "completeness": "Mức đầy đủ (0–1) / Completeness",
    "check": "Kiểm tra / Check",
    "minimum": "Ngưỡng dưới / Min",
    "maximum": "Ngưỡng trên / Max",
    "severity": "Mức / Severity",
    "message": "Nhận xét / Message",
    "year_previous": "Năm trước / Previous year",
    "previous": "Giá trị năm trước / Previous",
    "current": "Giá trị năm nay / Current",
    "change": "Thay đổi / Change",
    "ratio": "Tỷ số lớn/nhỏ / Ratio",
    "count": "Số trường hợp / Count",
    "province_name": "Tỉnh/thành phố",
}

#: Vietnamese labels of every output column of notebook 05 (survey, conversion, quality).
LABELS: dict[str, str] = {**schema.LABELS, **REPORT_LABELS, **QUALITY_LABELS}
