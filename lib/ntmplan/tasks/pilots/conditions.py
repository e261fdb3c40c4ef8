"""The eligibility conditions of pilot communes: names, gate columns, survey columns, labels.

A pilot type (``pilots.types.<type>.conditions`` in the params) lists some of these
condition names, in funnel order; :mod:`ntmplan.tasks.pilots.checks` holds the rule of each.
"""

from __future__ import annotations

from typing import Any

#: Condition name → gate column, survey columns it reads, Vietnamese label.
CONDITIONS: dict[str, dict[str, Any]] = {
    "rural": {
        "gate": "gate_rural",
        "columns": ("unit_type",),
        "label_vi": "Là xã (đơn vị nông thôn)",
    },
    "infrastructure": {
        "gate": "gate_infrastructure",
        "columns": ("villages", "villages_fiber", "villages_4g"),
        "label_vi": "Hạ tầng số: đã có băng thông rộng cố định (cáp quang) đến thôn",
    },
    "sector": {
        "gate": "gate_sector",
        "columns": ("prominent_sector", "dx_demand"),
        "label_vi": "Có lĩnh vực nổi bật, có nhu cầu chuyển đổi số",
    },
    "households": {
        "gate": "gate_households",
        "columns": ("households", "households_internet_smart"),
        "label_vi": "Hộ có Internet và thiết bị thông minh",
    },
    "officials_computer": {
        "gate": "gate_officials_computer",
        "columns": ("officials", "officials_computer"),
        "label_vi": "Cán bộ có máy tính nối Internet",
    },
    "officials_email_eoffice": {
        "gate": "gate_officials_email_eoffice",
        "columns": ("officials", "officials_email", "officials_eoffice"),
        "label_vi": "Cán bộ dùng thư điện tử công vụ và văn phòng điện tử",
    },
    "providers": {
        "gate": "gate_providers",
        "columns": ("digital_providers",),
        "label_vi": "Huy động được doanh nghiệp dịch vụ số",
    },
    "ocop_online": {
        "gate": "gate_ocop_online",
        "columns": ("ocop_products_online",),
        "label_vi": "Sản phẩm OCOP bán trên sàn thương mại điện tử",
    },
    "selling_online": {
        "gate": "gate_selling_online",
        "columns": ("households", "households_selling_online"),
        "label_vi": "Hộ bán hàng trực tuyến",
    },
    "ntm_level": {
        "gate": "gate_ntm_level",
        "columns": ("ntm_level",),
        "label_vi": "Đã đạt mức nông thôn mới yêu cầu",
    },
    "files_online": {
        "gate": "gate_files_online",
        "columns": ("files_online_share",),
        "label_vi": "Hồ sơ công việc xử lý trên môi trường mạng",
    },
    "digital_services": {
        "gate": "gate_digital_services",
        "columns": ("digital_services",),
        "label_vi": "Dịch vụ thiết yếu trên nền tảng số",
    },
}

#: Shortfall columns always returned by :func:`check_eligibility` (0 where met or not a condition).
SHORTFALL_COLUMNS: tuple[str, ...] = (
    "shortfall_households",
    "shortfall_officials_computer",
    "shortfall_officials_email",
    "shortfall_officials_eoffice",
    "shortfall_villages_fiber",
    "shortfall_villages_4g",
    "shortfall_providers",
)
