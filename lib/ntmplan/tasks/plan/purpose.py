"""The plan's title and section I (purpose, requirements and legal basis)."""

from __future__ import annotations

from ntmplan.core.params import params_or_defaults
from ntmplan.core.summaries import nested_get
from ntmplan.tasks.plan.section import Section


def province_name(ctx: dict) -> str:
    """Return the province named in the summaries (its code, else "tỉnh").

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise`.

    Returns
    -------
    str
    """
    return ctx.get("province_name") or ctx.get("province_code") or "tỉnh"


def plan_title(province_name: str, params: dict | None = None) -> str:
    """Return the plan's title, e.g. "Kế hoạch Chuyển đổi số … — Thành phố Hà Nội".

    Parameters
    ----------
    province_name : str
    params : dict, optional

    Returns
    -------
    str
    """
    p = params_or_defaults(params)
    name = str(
        nested_get(p, "programme", "name_vi", default="Chuyển đổi số trong xây dựng nông thôn mới")
    )
    return f"Kế hoạch {name[:1].lower() + name[1:]} trên địa bàn {province_name}"


def plan_subject(province_name: str, params: dict | None = None) -> str:
    """Return the subject line under "KẾ HOẠCH", e.g. "Chuyển đổi số … trên địa bàn tỉnh Lai Châu".

    Parameters
    ----------
    province_name : str
        e.g. "Tỉnh Lai Châu" or "Thành phố Hà Nội" (the type word is written in lower case).
    params : dict, optional

    Returns
    -------
    str
    """
    p = params_or_defaults(params)
    name = str(
        nested_get(p, "programme", "name_vi", default="Chuyển đổi số trong xây dựng nông thôn mới")
    )
    province = str(province_name)
    return f"{name[:1].upper() + name[1:]} trên địa bàn {province[:1].lower() + province[1:]}"


def purpose_section(ctx: dict, p: dict) -> Section:
    """Build section I: purpose, requirements and the legal basis (``plan.basis``).

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise`.
    p : dict
        Resolved params.

    Returns
    -------
    Section
    """
    prog = nested_get(p, "programme", default={})
    province = province_name(ctx)
    province = province[:1].lower() + province[1:]
    name = str(prog.get("name_vi", ""))
    paras = [
        "1. Mục đích",
        f"- Cụ thể hóa Chương trình {name[:1].lower() + name[1:]} ({prog.get('decision', '')}) "
        f"trên địa bàn {province}; lồng ghép vào chương trình chuyển đổi số chung của tỉnh.",
        "- Xây dựng kế hoạch trên cơ sở rà soát, đánh giá hiện trạng chuyển đổi số ở khu vực nông thôn; "
        "xác định nhiệm vụ cụ thể, rõ ràng, bám sát mục tiêu của Chương trình.",
        "2. Yêu cầu",
        "- Mỗi nhiệm vụ có cơ quan chủ trì, cơ quan phối hợp, thời gian thực hiện và kinh phí dự kiến.",
        f"- Thực hiện trong giai đoạn {prog.get('start_year', '')}–{prog.get('end_year', '')}; "
        "mọi ngưỡng, định mức và đơn giá dùng trong kế hoạch được ghi rõ căn cứ tại phụ lục của kế hoạch.",
        "3. Căn cứ",
    ]
    paras += [f"- {b}" for b in nested_get(p, "plan", "basis", default=[])]
    return Section(
        "purpose", "I. MỤC ĐÍCH, YÊU CẦU VÀ CĂN CỨ", paras, params_used=("programme", "plan.basis")
    )
