"""Names of the national roll-up: files, notebooks reported, pilot types, column labels."""

from __future__ import annotations

from ntmplan.core import catalogue

#: Registration file of each province and the stacked national file.
REGISTRATION_FILE = "dang_ky_thi_diem_trung_uong.xlsx"
NATIONAL_REGISTRATION_FILE = "dang_ky_thi_diem_trung_uong_toan_quoc.xlsx"
#: Notebooks whose run status is reported per province (the provincial workbooks, in order).
STATUS_NOTEBOOKS: tuple[str, ...] = catalogue.PROVINCIAL_IDS
#: Notebooks whose summary or parameters name the survey file a province ran on (all but the plan).
SURVEY_NOTEBOOKS: tuple[str, ...] = tuple(nb for nb in STATUS_NOTEBOOKS if nb != "06_plan")
#: Pilot types reported (keys of ``pilots.types``).
PILOT_TYPES: tuple[str, ...] = ("smart_commune", "ecommerce_commune")

#: Vietnamese (/ English) labels of the output columns.
LABELS: dict[str, str] = {
    "province_code": "Mã tỉnh / province code",
    "province_name": "Tỉnh, thành phố / province",
    "folder": "Thư mục / folder",
    "illustrative": "Dữ liệu minh họa / illustrative",
    "n_communes": "Số xã thuộc phạm vi / communes in scope",
    "readiness": "Chỉ số sẵn sàng (0–100, theo số hộ) / readiness",
    "readiness_mean": "Chỉ số sẵn sàng bình quân các xã / mean readiness",
    "targets_met": "Số mục tiêu đã đạt / targets met",
    "completion_met": "Số điều kiện đã đạt / conditions met",
    "completion_total": "Số điều kiện / conditions",
    "completion_complete": "Hoàn thành nhiệm vụ xây dựng NTM / task completed",
    "targets_total": "Số mục tiêu đánh giá / targets assessed",
    "pilots_available": "Có số liệu thí điểm (02) / pilots summary present",
    "eligible_smart_commune": "Xã đủ điều kiện: NTM thông minh / eligible smart communes",
    "eligible_ecommerce_commune": "Xã đủ điều kiện: TMĐT / eligible e-commerce communes",
    "target_smart_commune": "Mục tiêu số xã thông minh / smart pilots target",
    "chosen_smart_commune": "Số xã thông minh được chọn / smart pilots chosen",
    "chosen_ecommerce_commune": "Số xã TMĐT được chọn / e-commerce pilots chosen",
    "chosen_smart_names": "Xã NTM thông minh được chọn / chosen smart communes",
    "chosen_smart_codes": "Mã xã thông minh được chọn / chosen smart codes",
    "smart_gap_mvnd": "Chi phí bù thiếu hụt xã thông minh (triệu đồng) / smart pilots gap cost",
    "budget_total_mvnd": "Tổng kinh phí (triệu đồng) / budget total",
    "budget_funded_mvnd": "Đã có nguồn (triệu đồng) / funded",
    "budget_gap_mvnd": "Chưa có nguồn (triệu đồng) / unfunded",
    "risk_reason": "Lý do có nguy cơ / why at risk",
    "target_id": "Mã chỉ tiêu / target id",
    "label_vi": "Chỉ tiêu / target",
    "target": "Mục tiêu / target",
    "value": "Giá trị toàn quốc / national value",
    "communes_met": "Số xã đạt / communes meeting it",
    "communes_total": "Tổng số xã / communes",
    "provinces_met": "Số tỉnh đạt / provinces meeting it",
    "provinces_total": "Số tỉnh có số liệu / provinces with data",
    "method": "Cách tính / method",
    "source": "Nguồn vốn / source",
    "amount_mvnd": "Kinh phí (triệu đồng) / amount (million VND)",
    "share": "Tỷ trọng / share",
    "overall": "Chỉ số sẵn sàng chung (0–100) / overall readiness",
    **{f"status_{nb}": f"Sổ {nb[:2]} / run {nb}" for nb in STATUS_NOTEBOOKS},
}

#: Short Vietnamese text of each run status (``ok`` / ``failed`` / ``not_run``).
RUN_STATUS_VI: dict[str, str] = {"ok": "✓", "failed": "✗ lỗi", "not_run": "–"}
