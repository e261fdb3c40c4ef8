"""Vietnamese labels of the progress workbook's columns and codes."""

from __future__ import annotations

#: Column → Vietnamese label.
LABELS: dict[str, str] = {
    "province_code": "Mã tỉnh",
    "province_name": "Tỉnh/thành phố",
    "target_id": "Mã chỉ tiêu",
    "label_vi": "Chỉ tiêu",
    "year": "Năm khảo sát",
    "value": "Giá trị của tỉnh",
    "target": "Mục tiêu",
    "met": "Đạt",
    "margin": "Chênh lệch so với mục tiêu",
    "communes": "Số xã khảo sát",
    "communes_met": "Số xã đạt",
    "communes_short": "Số xã còn thiếu",
    "value_from": "Giá trị năm đầu",
    "value_to": "Giá trị năm cuối",
    "change": "Thay đổi so với năm đầu",
    "commune_code": "Mã xã",
    "commune_name": "Tên xã",
    "years": "Các năm có số liệu",
    "missing_years": "Các năm thiếu số liệu",
    "n_years": "Số năm có số liệu",
    "first_year": "Năm đầu",
    "last_year": "Năm cuối",
    "last_value": "Giá trị năm cuối",
    "slope": "Tốc độ thay đổi mỗi năm",
    "slope_low": "Tốc độ thấp",
    "slope_high": "Tốc độ cao",
    "communes_trend": "Số xã tính xu hướng",
    "status_vi": "Đánh giá",
    "year_trend": "Năm đạt theo xu hướng",
    "year_early": "Năm đạt sớm nhất",
    "year_late": "Năm đạt muộn nhất",
    "year_plan": "Năm đạt theo kế hoạch có kinh phí",
    "year_trend_text": "Năm đạt theo xu hướng",
    "year_range": "Khoảng năm đạt",
    "year_plan_text": "Năm đạt theo kế hoạch có kinh phí",
    "uplift": "Mức tăng thêm nhờ kế hoạch",
    "at_risk": "Có nguy cơ không đạt đến năm 2030",
    "pilot_type_vi": "Loại mô hình",
    "pilot": "Mô hình",
    "legacy_unit": "Đơn vị trước sắp xếp",
    "unit_2025": "Đơn vị từ 01/7/2025",
    "note": "Ghi chú",
    "source": "Nguồn",
    "activity_vi": "Hoạt động",
    "planned_mvnd": "Kế hoạch (triệu đồng)",
    "actual_mvnd": "Thực chi (triệu đồng)",
    "spent_share": "Tỷ lệ thực hiện",
    "on_plan": "Đúng kế hoạch",
    "item_vi": "Nội dung",
    "value_text": "Giá trị",
    "planned": "Kế hoạch",
    "done": "Đã thực hiện",
    "done_share": "Tỷ lệ thực hiện",
    "achieved": "Hoàn thành",
}
#: Projection status → Vietnamese.
STATUS_LABELS: dict[str, str] = {
    "met": "Đã đạt",
    "reached": "Đạt theo xu hướng",
    "not_reached": "Không đạt theo xu hướng",
    "no_trend": "Chưa tính được xu hướng (một năm số liệu)",
}
#: Pilot type → Vietnamese.
PILOT_TYPE_LABELS: dict[str, str] = {
    "smart_commune": "Xã nông thôn mới thông minh",
    "ecommerce_commune": "Xã thương mại điện tử",
}
#: Columns holding 0–1 shares or yearly changes of a share (written as percentages).
KINDS: dict[str, str] = {
    c: "share"
    for c in (
        "value",
        "target",
        "margin",
        "value_from",
        "value_to",
        "change",
        "last_value",
        "slope",
        "slope_low",
        "slope_high",
        "uplift",
        "spent_share",
        "done_share",
    )
}
