"""The body of the issued plan: Căn cứ, I. Mục đích, yêu cầu … V. Tổ chức thực hiện.

Order and wording follow provincial digital-transformation-in-NTM plans issued under Decree
30/2020/NĐ-CP (Căn cứ → I → II → III → IV → V → Nơi nhận and signature). Figures come from
the plan sections and the workbooks' summaries; detail goes to the annexes
(:mod:`ntmplan.tasks.plan.docx_annex`), so the body stays short.
"""

from __future__ import annotations

import re

import pandas as pd

from ntmplan.core import admin_docx as A
from ntmplan.core import fmt
from ntmplan.core.indicator_names import PILLAR_LABELS
from ntmplan.core.summaries import chosen_pilots, nested_get
from ntmplan.tasks.plan.agencies import agency_names, responsibilities
from ntmplan.tasks.plan.budget_section import PHASING_NOTE
from ntmplan.tasks.plan.current_state import MEASURES_NOTE, coverage_text
from ntmplan.tasks.plan.docx_text import lower_first, plain, table_by_caption, vi_table, with_total

#: Which pillar each commune-level target belongs to (II.2 a, b, c).
TARGET_PILLAR: dict[str, str] = {
    "files_online": "digital_government",
    "criterion_8_4": "digital_government",
    "cooperatives": "digital_economy",
    "digital_service": "digital_society",
}
#: The three pillars of the specific targets, in order.
PILLARS: tuple[str, ...] = ("digital_government", "digital_economy", "digital_society")
#: Annex that carries the detail of each task (task number → annex numeral).
TASK_ANNEX: dict[str, str] = {
    "task_2": "Phụ lục V",
    "task_3": "Phụ lục II",
    "task_4": "Phụ lục IV",
    "task_7": "Phụ lục III",
}


class Counter:
    """Running numbers of tables and figures ("Bảng 3.", "Hình 2.")."""

    def __init__(self) -> None:
        self.tables = 0
        self.figures = 0

    def table(self, caption: str) -> str:
        """Return the next table caption."""
        self.tables += 1
        return f"Bảng {self.tables}. {caption}"

    def figure(self, caption: str) -> str:
        """Return the next figure caption."""
        self.figures += 1
        return f"Hình {self.figures}. {caption}"


def emit(doc, text: str) -> None:
    """Write one line of section text: "1. …" item heading, "a) …" point, else body."""
    text = plain(text)
    if not text:
        return
    if re.match(r"^\d+\.\s", text) and len(text) < 120:
        A.para(doc, text, "h2")
    elif re.match(r"^[a-zđ]\)\s", text) and len(text) < 120:
        A.para(doc, text, "h3")
    else:
        A.para(doc, text, "body")


def basis(doc, p: dict, province: str, subject: str) -> None:
    """Write "Căn cứ …;" lines and the enacting sentence."""
    for item in nested_get(p, "plan", "basis", default=[]):
        A.para(doc, f"Căn cứ {str(item).strip().rstrip(';.')};", "body")
    A.para(
        doc,
        f"Ủy ban nhân dân {lower_first(province)} ban hành Kế hoạch {lower_first(subject)} như sau:",
        "body",
    )


def purpose(doc, sec) -> None:
    """Write I. Mục đích, yêu cầu from the purpose section."""
    A.para(doc, "I. MỤC ĐÍCH, YÊU CẦU", "h1")
    for text in sec.paragraphs if sec is not None else []:
        emit(doc, text)


def _fmt_share(value) -> str:
    return fmt.percent(value) if isinstance(value, (int, float)) else "chưa có số liệu"


def objectives(doc, ctx: dict, p: dict, province: str, pilots_table) -> None:
    """Write II. Mục tiêu: general, then specific by the three pillars with the province's figures."""
    s01 = ctx["summaries"].get("01_status")
    end = nested_get(p, "programme", "end_year", default="")
    n_smart = int(nested_get(p, "pilots", "types", "smart_commune", "number", default=1))
    A.para(doc, "II. MỤC TIÊU", "h1")
    A.para(doc, "1. Mục tiêu chung", "h2")
    A.para(
        doc,
        "Ứng dụng chuyển đổi số trong xây dựng nông thôn mới nhằm nâng cao hiệu quả quản lý, điều "
        "hành của chính quyền cấp xã, phát triển kinh tế số, xã hội số ở khu vực nông thôn "
        f"{lower_first(province)}, nâng cao chất lượng cuộc sống của người dân; đến năm {end} đạt "
        f"các mục tiêu của Chương trình ở cấp xã và có ít nhất {n_smart} mô hình xã nông thôn mới "
        "thông minh.",
    )
    pillars = nested_get(s01 or {}, "readiness_pillars_weighted", default={}) or {}
    if s01:
        overall = nested_get(s01, "readiness_overall_weighted", default=None)
        parts = [
            f"{PILLAR_LABELS[k].lower()} {fmt.number(pillars[k])}"
            for k in PILLARS
            if isinstance(pillars.get(k), (int, float))
        ]
        A.para(
            doc,
            f"Kết quả rà soát năm {s01.get('year', '')} ({fmt.number(s01.get('n_communes', 0), 0)} "
            f"xã): chỉ số sẵn sàng chuyển đổi số chung đạt "
            f"{fmt.number(overall) if isinstance(overall, (int, float)) else 'chưa có số liệu'}/100"
            + (f" ({'; '.join(parts)})" if parts else "")
            + "; mục tiêu cụ thể dưới đây lấy hiện trạng đó làm điểm xuất phát (chi tiết tại Phụ lục I).",
        )
        # how many of the province's units returned data, against its real number of units
        A.para(doc, f"Phạm vi rà soát: {coverage_text(s01)}")
        A.para(doc, MEASURES_NOTE)
    A.para(doc, "2. Mục tiêu cụ thể", "h2")
    found = nested_get(s01 or {}, "targets", default={}) or {}
    targets = nested_get(p, "status", "targets", default={})
    for tid, spec in targets.items():
        if spec.get("pillar") == "general":
            _target_line(doc, tid, spec, found)
    for letter, pillar in zip("abc", PILLARS, strict=True):
        A.para(doc, f"{letter}) {PILLAR_LABELS[pillar]}", "h3")
        for tid, spec in targets.items():
            if spec.get("pillar", TARGET_PILLAR.get(tid, "digital_government")) != pillar:
                continue
            t = found.get(tid) if isinstance(found.get(tid), dict) else {}
            label = spec.get("label_vi") or t.get("label_vi") or tid
            now = (
                f" (hiện đạt {_fmt_share(t.get('value'))}"
                + (
                    f"; cần thêm {fmt.number(t['communes_needed'], 0)} xã đạt"
                    if t.get("communes_needed")
                    else ""
                )
                + ")"
                if t
                else ""
            )
            A.para(doc, f"- {label}: đạt từ {fmt.percent(spec.get('target'), 0)} trở lên{now}.")
        if isinstance(pillars.get(pillar), (int, float)):
            A.para(
                doc,
                f"- Nâng chỉ số {PILLAR_LABELS[pillar].lower()} của các xã (hiện đạt "
                f"{fmt.number(pillars[pillar])}/100), ưu tiên các xã có chỉ số thấp nhất.",
            )
        if pillar == "digital_economy":
            A.para(doc, f"- {_pilot_sentence(ctx, p, pilots_table, n_smart)}")


def _target_line(doc, tid: str, spec: dict, found: dict) -> None:
    """Write "- <target>: đạt từ x% trở lên (hiện đạt y%)." for a target outside the pillars."""
    t = found.get(tid) if isinstance(found.get(tid), dict) else {}
    now = f" (hiện đạt {_fmt_share(t.get('value'))})" if t else ""
    target = fmt.percent(spec.get("target"), 0)
    A.para(doc, f"- {spec.get('label_vi') or tid}: đạt từ {target} trở lên{now}.")


def _pilot_names(ctx: dict, pilots_table) -> dict[str, list[str]]:
    """Chosen pilots by type label, "Xã A (lĩnh vực …)"; from the task 3 table, else summary."""
    out: dict[str, list[str]] = {}
    if pilots_table is not None and len(pilots_table):
        t = vi_table(pilots_table)
        for _, row in t.iterrows():
            kind = str(row.get("Loại mô hình", "Mô hình thí điểm"))
            sector = row.get("Lĩnh vực nổi bật")
            name = str(row.get("Tên xã", ""))
            out.setdefault(kind, []).append(
                f"{name} (lĩnh vực {lower_first(sector)})"
                if isinstance(sector, str) and sector
                else name
            )
        return out
    s02 = ctx["summaries"].get("02_pilots")
    for key, label in (
        ("smart_commune", "Xã nông thôn mới thông minh"),
        ("ecommerce_commune", "Xã thương mại điện tử"),
    ):
        names = [str(c.get("commune_name", "")) for c in chosen_pilots(s02, key)]
        if names:
            out[label] = names
    return out


def _pilot_sentence(ctx: dict, p: dict, pilots_table, n_smart: int) -> str:
    names = _pilot_names(ctx, pilots_table)
    if not names:
        return (
            f"Xây dựng ít nhất {n_smart} mô hình xã nông thôn mới thông minh; xã thí điểm được lựa "
            "chọn sau khi rà soát điều kiện (Phụ lục II)."
        )
    parts = [f"{lower_first(kind)}: {', '.join(v)}" for kind, v in names.items()]
    return "Xây dựng mô hình thí điểm " + "; ".join(parts) + " (Phụ lục II)."


def tasks(doc, secs: dict, ctx: dict, p: dict, pilots_table) -> None:
    """Write III. Nhiệm vụ, giải pháp: the seven tasks, naming the chosen pilot communes."""
    A.para(doc, "III. NHIỆM VỤ, GIẢI PHÁP", "h1")
    n_smart = int(nested_get(p, "pilots", "types", "smart_commune", "number", default=1))
    for i in range(1, 8):
        key = f"task_{i}"
        sec = secs.get(key)
        if sec is None:
            continue
        title = re.sub(r"^\d+\.\s*", "", sec.title)
        A.para(doc, f"{i}. {title}", "h2")
        if key == "task_3":
            A.para(doc, f"- {_pilot_sentence(ctx, p, pilots_table, n_smart)}")
        for text in sec.paragraphs:
            text = plain(text)
            if text:
                A.para(doc, text if text.startswith("- ") else f"- {text}")
        if key in TASK_ANNEX and key != "task_3":
            A.para(doc, f"- Chi tiết tại {TASK_ANNEX[key]}.")


def _money(value) -> str:
    return f"{fmt.number(value, 1)} triệu đồng"


def budget(doc, sec, ctx: dict, p: dict, counter: Counter) -> None:
    """Write IV. Kinh phí: totals by source and by year (detail in Phụ lục III)."""
    A.para(doc, "IV. KINH PHÍ THỰC HIỆN", "h1")
    s03 = ctx["summaries"].get("03_budget")
    start = nested_get(p, "programme", "start_year", default="")
    end = nested_get(p, "programme", "end_year", default="")
    if not s03:
        A.para(doc, "Chưa có số liệu kinh phí: cần lập dự toán trước khi ban hành Kế hoạch.")
        return
    total = float(s03.get("total_mvnd") or 0.0)
    gap = float(s03.get("gap_mvnd") or 0.0)
    A.para(doc, "1. Tổng kinh phí", "h2")
    A.para(
        doc,
        f"Tổng kinh phí dự kiến thực hiện Kế hoạch giai đoạn {start}–{end} là {_money(total)}; "
        + (
            f"trong đó chưa xác định được nguồn {_money(gap)}, cần bố trí bổ sung."
            if gap > 0
            else "toàn bộ nhu cầu đã xác định nguồn."
        )
        + " Chi tiết theo hoạt động, năm và nguồn vốn tại Phụ lục III. "
        + PHASING_NOTE,
    )
    for words, caption in (
        ("nguồn vốn", "Kinh phí theo nguồn vốn"),
        ("theo năm", "Kinh phí theo năm"),
    ):
        df = table_by_caption(sec, words)
        if df is not None and len(df):
            df = vi_table(df)
            df = df[~df.iloc[:, 0].astype(str).str.startswith("Tổng")]
            A.data_table(
                doc, with_total(df), counter.table(f"{caption} (triệu đồng)"), total=True, digits=1
            )
    A.para(doc, "2. Nguồn kinh phí", "h2")
    A.para(
        doc,
        "Ngân sách nhà nước theo phân cấp hiện hành, lồng ghép nguồn vốn của các chương trình mục "
        "tiêu quốc gia, chương trình, dự án trên địa bàn và các nguồn vốn hợp pháp khác (xã hội hóa); "
        "hằng năm, các cơ quan, đơn vị lập dự toán cùng thời điểm xây dựng dự toán ngân sách.",
    )


def _agencies(p: dict) -> list[tuple[str, list[str]]]:
    """Each agency once (roles merged when they name the same agency), in role order."""
    names = agency_names(p)
    out: dict[str, list[str]] = {}
    for role, name in names.items():
        name = str(name or "").strip()
        if name:
            out.setdefault(name, []).append(role)
    return list(out.items())


def organisation(doc, p: dict) -> None:
    """Write V. Tổ chức thực hiện: each agency's duties and the tasks it leads or joins."""
    A.para(doc, "V. TỔ CHỨC THỰC HIỆN", "h1")
    resp = responsibilities(p)
    duties = nested_get(p, "plan", "duties", default={})
    for i, (name, roles) in enumerate(_agencies(p), start=1):
        own = [
            (r.task.removeprefix("task_"), d.removeprefix(f"{name}: "))
            for r in resp.itertuples()
            for d in str(r.lead_duties).split("; ")
            if d.startswith(f"{name}: ")
        ]
        # the main lead (first name) leads the whole task; a co-lead leads only the part its
        # own "Nhiệm vụ n: …" line names, so it is not listed as leading the whole task
        lead = [
            r.task.removeprefix("task_")
            for r in resp.itertuples()
            if name in (leads := str(r.lead).split("; "))
            and (leads[0] == name or r.task.removeprefix("task_") not in dict(own))
        ]
        coop = [
            r.task.removeprefix("task_")
            for r in resp.itertuples()
            if name in str(r.cooperate).split("; ")
        ]
        A.para(doc, f"{i}. {name}", "h2")
        for role in roles:
            if duties.get(role):
                A.para(doc, f"- {str(duties[role]).rstrip('.')}.")
        for task, duty in own:
            A.para(doc, f"- Nhiệm vụ {task}: {duty.rstrip('.')}.")
        if lead:
            A.para(doc, f"- Chủ trì nhiệm vụ {', '.join(lead)} tại Mục III.")
        if coop:
            A.para(doc, f"- Phối hợp thực hiện nhiệm vụ {', '.join(coop)} tại Mục III.")
    lead_name = str(agency_names(p).get("lead") or "cơ quan thường trực")
    lead_name = re.sub(r"\s*\(.*\)$", "", lead_name)
    closing = A.para(
        doc,
        "Phân công chủ trì, phối hợp và tiến độ từng nhiệm vụ tại Phụ lục VI. Trong quá trình thực "
        "hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh về "
        f"{lead_name} để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, "
        "quyết định./.",
    )
    closing.paragraph_format.keep_with_next = True  # the signature block follows on its page


def frame_or_none(df) -> pd.DataFrame | None:
    """Return ``df`` when it is a non-empty frame, else None."""
    return df if isinstance(df, pd.DataFrame) and len(df) else None
