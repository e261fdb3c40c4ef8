"""The official letter (Công văn) registering candidates for the centrally directed pilots.

Guidance task 3b: the ministry asks provinces to register communes that meet the conditions
for the smart NTM commune and e-commerce commune pilots it directs. The letter follows Decree
30/2020/NĐ-CP (Appendix I) on the project's Word template (:mod:`ntmplan.core.admin_docx`):
national header with "Số: …/UBND-…" and "V/v …" under it, "Kính gửi: …" (params
``plan.letter.to``), a short body, "Nơi nhận" beside the signature, and the registration
table as its annex (landscape).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ntmplan.core import admin_docx as A
from ntmplan.core import fmt
from ntmplan.core.params import params_or_defaults
from ntmplan.core.summaries import nested_get
from ntmplan.tasks.pilots.village_documents import village_annex_table, village_sentence

#: Annex columns: registration column → Vietnamese header.
ANNEX_COLUMNS: dict[str, str] = {
    "pilot_type_vi": "Loại mô hình",
    "rank": "Thứ hạng",
    "commune_code": "Mã xã",
    "commune_name": "Tên xã",
    "sector_vi": "Lĩnh vực nổi bật",
    "conditions_met": "Điều kiện đạt",
    "missing_vi": "Còn thiếu",
    "override_reason": "Lý do tỉnh đề nghị (xã chưa đủ điều kiện)",
    "score": "Điểm (0–100)",
    "share_households_internet_smart": "Tỷ lệ hộ có Internet và thiết bị thông minh",
    "share_villages_fiber": "Tỷ lệ thôn có cáp quang",
    "share_officials_computer": "Tỷ lệ cán bộ có máy tính",
    "files_online_share": "Tỷ lệ hồ sơ xử lý trên môi trường mạng",
}
_SHARES = (
    "share_households_internet_smart",
    "share_villages_fiber",
    "share_officials_computer",
    "files_online_share",
)


def letter_file_name(province_code: str) -> str:
    """Return ``cong_van_dang_ky_thi_diem_<slug>.docx`` from the validated province code.

    Raises
    ------
    ValueError
        If the code is not a known province.
    """
    from ntmplan.survey import units

    slug = units.province_slug(province_code)
    if not re.fullmatch(r"[a-z0-9-]+", slug or ""):
        raise ValueError(f"Mã tỉnh không hợp lệ / invalid province code: {province_code!r}")
    return f"cong_van_dang_ky_thi_diem_{slug}.docx"


def annex_table(registration: pd.DataFrame) -> pd.DataFrame:
    """Return the registration table as the letter's annex: TT, Vietnamese headers, percents.

    Parameters
    ----------
    registration : pandas.DataFrame
        Output of :func:`ntmplan.tasks.pilots.registration_table` (its own column names).

    Returns
    -------
    pandas.DataFrame
    """
    cols = [c for c in ANNEX_COLUMNS if c in registration.columns]
    out = registration[cols].copy().reset_index(drop=True)
    for col in _SHARES:
        if col in out.columns:
            out[col] = out[col].map(
                lambda v: fmt.percent(v) if isinstance(v, (int, float)) and pd.notna(v) else ""
            )
    if "missing_vi" in out.columns:
        out["missing_vi"] = out["missing_vi"].fillna("").replace("", "không")
    if "override_reason" in out.columns:
        reasons = out["override_reason"].astype(object).where(out["override_reason"].notna(), "")
        if (reasons.astype(str).str.strip() == "").all():
            out = out.drop(columns="override_reason")
        else:
            out["override_reason"] = reasons
    if "rank" in out.columns:
        out["rank"] = out["rank"].map(lambda v: str(int(v)) if pd.notna(v) else "")
    out.insert(0, "TT", [str(i) for i in range(1, len(out) + 1)])
    return out.rename(columns=ANNEX_COLUMNS)


def _names_by_type(registration: pd.DataFrame) -> list[str]:
    parts = []
    if registration.empty or "pilot_type_vi" not in registration.columns:
        return parts
    for kind, group in registration.groupby("pilot_type_vi", sort=False):
        names = ", ".join(str(n) for n in group["commune_name"])
        parts.append(f"{str(kind)[:1].lower() + str(kind)[1:]}: {names}")
    return parts


def write_registration_letter(
    registration: pd.DataFrame,
    path: str | Path,
    *,
    params: dict | None = None,
    province_code: str,
    template: str | Path | None = None,
    villages: pd.DataFrame | None = None,
) -> Path:
    """Write the Công văn registering the province's candidates for the central pilots.

    Parameters
    ----------
    registration : pandas.DataFrame
        Output of :func:`ntmplan.tasks.pilots.registration_table`; empty means no candidate
        (the letter then says so).
    path : str or Path
        Target ``.docx`` (build the name with :func:`letter_file_name`).
    params : dict, optional
        Resolved params (``plan.letter``, ``plan.letter_number``, ``plan.signer``…).
    province_code : str
        Validated province code.
    template : str or Path, optional
        Word template (default: the shipped one).
    villages : pandas.DataFrame, optional
        The province's chosen smart villages (:func:`ntmplan.tasks.pilots.village_registration`);
        when given and not empty, the letter names them and its annex lists them (Bảng 2).

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        If ``path`` does not end in ``.docx`` or the province code is unknown.
    """
    from ntmplan.survey import units

    p = params_or_defaults(params)
    plan = nested_get(p, "plan", default={})
    letter = plan.get("letter", {})
    info = units.find_province(str(province_code))
    province, short = str(info["province_name"]), str(info["province_short"])
    number = str(plan.get("letter_number", "Số: …/UBND"))
    subject = str(letter.get("subject", "V/v đăng ký xã tham gia thí điểm"))

    doc = A.open_template(template, subject)
    A.header_block(
        doc,
        [str(plan.get("issuer", "Ủy ban nhân dân")), province],
        number,
        f"{short}, ngày … tháng … năm …",
        extra=subject,
    )
    A.para(doc, f"Kính gửi: {letter.get('to', '')}", "to")
    lower = province[:1].lower() + province[1:]
    A.para(
        doc,
        "Thực hiện Hướng dẫn thực hiện Chương trình chuyển đổi số trong xây dựng nông thôn mới "
        "(mục 3b, xây dựng mô hình thí điểm do Trung ương chỉ đạo), trên cơ sở rà soát điều "
        "kiện của các xã trên địa bàn, Ủy ban nhân dân "
        f"{lower} đăng ký các xã tham gia thí điểm như sau:",
    )
    parts = _names_by_type(registration)
    if parts:
        for part in parts:
            A.para(doc, f"- {part[:1].upper() + part[1:]}.")
        A.para(
            doc,
            "Điều kiện của từng xã (hạ tầng số, tỷ lệ hộ có kết nối Internet và thiết bị thông "
            "minh, cán bộ có máy tính, sử dụng thư điện tử công vụ và văn phòng điện tử, lĩnh "
            "vực nổi bật) tại Phụ lục kèm theo.",
        )
    else:
        A.para(
            doc,
            "- Qua rà soát, trên địa bàn tỉnh chưa có xã đáp ứng đủ điều kiện; tỉnh tiếp tục "
            "đầu tư khắc phục các điều kiện còn thiếu và sẽ đăng ký bổ sung.",
        )
    if "override_reason" in registration.columns and registration["override_reason"].notna().any():
        asked = registration[registration["override_reason"].notna()]
        listed = "; ".join(
            f"{name} ({reason})"
            for name, reason in zip(asked["commune_name"], asked["override_reason"], strict=True)
        )
        A.para(
            doc,
            "Các xã chưa đáp ứng đủ điều kiện nhưng tỉnh đề nghị tham gia thí điểm, kèm lý do: "
            f"{listed}.",
        )
    if villages is not None and len(villages):
        label = nested_get(p, "pilots", "village", "label_vi", default="Thôn thông minh")
        A.para(doc, village_sentence(villages, str(label)))
    ministry = re.sub(r"\s*\(.*\)$", "", str(letter.get("to", ""))) or "Bộ"
    A.para(
        doc, f"Ủy ban nhân dân {lower} kính đề nghị {ministry} xem xét, lựa chọn./."
    ).paragraph_format.keep_with_next = True
    A.signature_block(
        doc,
        list(letter.get("recipients", [])),
        str(plan.get("archive", "Lưu: VT")),
        list(plan.get("signer", [])),
        str(plan.get("signer_name", "")),
    )
    A.new_section(doc, landscape=True)
    A.para(doc, "Phụ lục", "annex_title")
    A.para(doc, "DANH SÁCH XÃ ĐĂNG KÝ THAM GIA THÍ ĐIỂM DO TRUNG ƯƠNG CHỈ ĐẠO", "annex_title")
    A.para(
        doc,
        f"(Kèm theo Công văn số {number.removeprefix('Số:').strip()} ngày … tháng … năm … của "
        f"Ủy ban nhân dân {lower})",
        "annex_note",
    )
    table = annex_table(registration)
    if len(table):
        A.data_table(doc, table, "Bảng 1. Các xã đăng ký và điều kiện của từng xã")
    else:
        A.para(doc, "Chưa có xã đủ điều kiện để đăng ký.")
    if villages is not None and len(villages):
        A.data_table(
            doc,
            village_annex_table(villages),
            "Bảng 2. Các thôn chọn xây dựng mô hình thôn nông thôn mới thông minh của tỉnh",
        )
    return A.save(doc, path)
