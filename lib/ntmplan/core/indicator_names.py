"""Names of the status indicators and readiness pillars: ids, order and Vietnamese labels.

Computed by :mod:`ntmplan.tasks.status` (notebook 01) and reported from its summary by the
provincial plan (06) and the national roll-up (00), which must not import another task.
"""

from __future__ import annotations

#: Pillar keys in display order.
PILLARS = ("infrastructure", "digital_government", "digital_economy", "digital_society")

#: Short Vietnamese pillar names for charts.
PILLAR_LABELS: dict[str, str] = {
    "infrastructure": "Hạ tầng số",
    "digital_government": "Chính quyền số",
    "digital_economy": "Kinh tế số",
    "digital_society": "Xã hội số",
    "overall": "Chỉ số chung",
}

#: Vietnamese (/ English) labels of every output column.
LABELS: dict[str, str] = {
    # identifiers
    "province_code": "Mã tỉnh / province code",
    "commune_code": "Mã xã / commune code",
    "commune_name": "Tên xã / commune",
    "unit_type": "Loại đơn vị / unit type",
    # infrastructure
    "villages_fiber_share": "Tỷ lệ thôn có cáp quang / villages with fibre",
    "villages_4g_share": "Tỷ lệ thôn có 4G/5G / villages with 4G/5G",
    "postal_point": "Có điểm phục vụ bưu chính (8.1) / postal point",
    "radio_it": "Đài truyền thanh ứng dụng CNTT (8.3) / IT-based radio",
    # digital government
    "officials_computer_share": "Tỷ lệ cán bộ có máy tính nối mạng / officials with computer",
    "officials_email_share": "Tỷ lệ cán bộ dùng thư công vụ / officials using e-mail",
    "officials_eoffice_share": "Tỷ lệ cán bộ dùng văn phòng điện tử / officials using e-office",
    "files_online_share": "Tỷ lệ hồ sơ xử lý trên môi trường mạng / files processed online",
    "criterion_8_4": "Đạt chỉ tiêu 8.4 / indicator 8.4 met",
    # digital economy
    "has_cooperative": "Có hợp tác xã / has a cooperative",
    "cooperatives_digital_share": "Tỷ lệ HTX dùng nền tảng số / cooperatives on digital platforms",
    "ocop_online_share": "Tỷ lệ sản phẩm OCOP bán trên sàn TMĐT / OCOP products online",
    "selling_online_per_1000_households": "Hộ bán hàng trực tuyến trên 1.000 hộ / households selling online per 1,000",
    "digital_providers": "Số doanh nghiệp dịch vụ số huy động được / digital providers",
    # digital society
    "households_internet_share": "Tỷ lệ hộ có kết nối Internet / households with internet",
    "households_smart_device_share": "Tỷ lệ hộ có thiết bị thông minh / households with smart device",
    "households_internet_smart_share": "Tỷ lệ hộ có cả Internet và thiết bị thông minh / households with both",
    "digital_services": "Số dịch vụ thiết yếu trên nền tảng số / essential digital services",
    "has_digital_service": "Có ít nhất 1 dịch vụ thiết yếu số / at least one digital service",
    "community_tech_per_1000_residents": "Thành viên tổ CNS cộng đồng trên 1.000 dân / community tech members per 1,000",
    # index
    "infrastructure": "Hạ tầng số (0–100) / infrastructure",
    "digital_government": "Chính quyền số (0–100) / digital government",
    "digital_economy": "Kinh tế số (0–100) / digital economy",
    "digital_society": "Xã hội số (0–100) / digital society",
    "overall": "Chỉ số sẵn sàng chung (0–100) / overall readiness",
    # aggregates
    "measure": "Chỉ tiêu / measure",
    "label": "Nội dung / label",
    "weighted_mean": "Bình quân gia quyền theo số hộ / household-weighted mean",
    "mean": "Bình quân các xã / mean over communes",
    "n": "Số xã có số liệu / communes with data",
    # extremes
    "group": "Nhóm / group",
    "rank": "Thứ hạng / rank",
    # targets
    "target_id": "Mã chỉ tiêu / target id",
    "label_vi": "Chỉ tiêu / target",
    "value": "Giá trị của tỉnh / province value",
    "target": "Mục tiêu / target",
    "note": "Ghi chú / note",
    "communes": "Số xã / communes",
    "share": "Tỷ lệ / share",
    "met": "Đạt / met",
    "communes_met": "Số xã đạt / communes meeting it",
    "communes_total": "Tổng số xã / communes",
    "communes_needed": "Số xã cần thêm / more communes needed",
    # comparison
    "indicator": "Chỉ tiêu / indicator",
    "year_before": "Năm trước / year before",
    "year_after": "Năm sau / year after",
    "before": "Giá trị trước / before",
    "after": "Giá trị sau / after",
    "change": "Thay đổi / change",
    # assumptions
    "key": "Tham số / parameter",
    "source": "Nguồn hoặc giả định / source or assumption",
}

#: Indicator columns in output order.
INDICATORS: tuple[str, ...] = (
    "villages_fiber_share",
    "villages_4g_share",
    "postal_point",
    "radio_it",
    "officials_computer_share",
    "officials_email_share",
    "officials_eoffice_share",
    "files_online_share",
    "criterion_8_4",
    "has_cooperative",
    "cooperatives_digital_share",
    "ocop_online_share",
    "selling_online_per_1000_households",
    "digital_providers",
    "households_internet_share",
    "households_smart_device_share",
    "households_internet_smart_share",
    "digital_services",
    "has_digital_service",
    "community_tech_per_1000_residents",
)
