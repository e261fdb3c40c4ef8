"""Vietnamese labels of the capacity plan: activity names, the output column headers, short labels."""

from __future__ import annotations

#: The Vietnamese part of a 'vi / en' label (the one rule lives in core.fmt).
from ntmplan.core.fmt import vietnamese_part as short_label  # noqa: F401

#: Activities of :func:`ntmplan.tasks.capacity.lines.budget_lines` (the budget notebook's activity codes) with Vietnamese labels.
ACTIVITIES: dict[str, str] = {
    "training": "Đào tạo, tập huấn / training",
    "communication": "Truyền thông / communication",
    "support_policy": "Chính sách hỗ trợ / support policies",
}

#: English column name → Vietnamese label for every output column of the capacity plan.
LABELS: dict[str, str] = {
    "year": "Năm / year",
    "quarter": "Quý / quarter",
    "period": "Kỳ / period",
    "group": "Mã nhóm / group",
    "group_vi": "Nhóm đối tượng / target group",
    "size": "Quy mô nhóm (người) / group size",
    "size_source": "Nguồn số liệu quy mô / size source",
    "source_type": "Loại nguồn / source type",
    "topic": "Mã chủ đề / topic",
    "topic_vi": "Chủ đề / topic",
    "guidance_item": "Nội dung hướng dẫn đáp ứng / guidance item",
    "mode": "Mã hình thức / mode code",
    "mode_vi": "Hình thức / delivery mode",
    "trainer_pool": "Mã lực lượng giảng dạy / trainer pool code",
    "trainer_pool_vi": "Lực lượng giảng dạy / trainer pool",
    "participants_planned": "Học viên theo tỷ lệ năm / participants by yearly share",
    "top_up": "Bổ sung để đạt mục tiêu bao phủ / top-up for coverage",
    "participants": "Số học viên / participants",
    "class_size": "Sĩ số lớp / class size",
    "classes": "Số lớp / classes",
    "days_per_class": "Số ngày mỗi lớp / days per class",
    "days": "Số ngày-lớp / class-days",
    "class_days": "Số ngày-lớp / class-days",
    "total": "Tổng / total",
    "class_cost_mvnd": "Chi phí tổ chức lớp (triệu đồng) / class cost (million VND)",
    "participant_cost_mvnd": "Hỗ trợ học viên (triệu đồng) / participant support (million VND)",
    "materials_mvnd": "Biên soạn tài liệu (triệu đồng) / materials (million VND)",
    "cost_mvnd": "Kinh phí (triệu đồng) / cost (million VND)",
    "scheduled": "Đã xếp lịch / scheduled",
    "capacity_class_days": "Năng lực giảng dạy (ngày-lớp) / capacity (class-days)",
    "utilisation": "Tỷ lệ sử dụng năng lực / utilisation",
    "within_capacity": "Trong năng lực / within capacity",
    "overflow_class_days": "Ngày-lớp vượt năng lực / overflow class-days",
    "trained_once": "Số người được đào tạo ít nhất 1 lần / trained at least once",
    "coverage": "Tỷ lệ bao phủ / coverage",
    "target": "Mục tiêu bao phủ / coverage target",
    "met": "Đạt mục tiêu / target met",
    "channel": "Mã kênh / channel",
    "channel_vi": "Kênh truyền thông / channel",
    "unit_vi": "Đơn vị tính / unit",
    "quantity": "Số lượng / quantity",
    "unit_cost_mvnd": "Đơn giá (triệu đồng) / unit cost (million VND)",
    "reach": "Lượt người tiếp cận ước tính / estimated reach",
    "item": "Mã nội dung / item",
    "item_vi": "Nội dung hỗ trợ / support item",
    "basis": "Cách tính / basis",
    "members": "Số thành viên hưởng phụ cấp / members paid",
    "activity": "Mã hoạt động / activity",
    "activity_vi": "Hoạt động / activity",
    "key": "Tham số / parameter",
    "value": "Giá trị / value",
    "source": "Nguồn, giả định / source or assumption",
}
