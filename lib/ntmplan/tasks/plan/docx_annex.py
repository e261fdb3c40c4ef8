"""The annexes of the issued plan ("Phụ lục I, II, …"), each on a new page; wide ones landscape.

I targets and current values; II pilot communes; III budget by activity × year × source;
IV training plan; V communication plan; VI assignments and schedule; VII what the figures
rest on (plain Vietnamese, legal sources by name and number).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core import admin_docx as A
from ntmplan.tasks.plan.assumptions import plain_assumptions
from ntmplan.tasks.plan.docx_text import (
    caption_text,
    lower_first,
    plain,
    table_by_caption,
    vi,
    vi_table,
    with_total,
)
from ntmplan.tasks.plan.labels import ILLUSTRATIVE_TEXT

#: Sentence written where a table or chart would have nothing to show.
NOTHING = "Chưa có số liệu cho phần này: cần chạy lại bước tính tương ứng trước khi ban hành."


def _has(env: dict, notebook: str, key: str) -> bool:
    """Whether a summary figure is present and non-zero (a chart of it has something to show)."""
    value = (env["ctx"]["summaries"].get(notebook) or {}).get(key)
    return bool(value) and (not isinstance(value, (int, float)) or value > 0)


def _figure(doc, env: dict, stem: str, caption: str, has_data: bool = True) -> None:
    """A figure of the workbooks by file stem (e.g. "02_dot_map"); nothing if it is absent.

    A chart with nothing to show (``has_data`` false) is replaced by a sentence.
    """
    if not has_data:
        A.para(doc, f"{caption}: chưa có số liệu để thể hiện bằng biểu đồ.")
        return
    for figs in [s.figures for s in env["secs"].values()] + list(env["ctx"]["figures"].values()):
        for fig in figs:
            if Path(fig).stem == stem and Path(fig).is_file():
                A.figure(doc, fig, env["counter"].figure(caption), env["landscape"])
                return
    out_dir = env["ctx"].get("out_dir")
    path = Path(out_dir) / "figures" / f"{stem}.png" if out_dir else None
    if path is not None and path.is_file():
        A.figure(doc, path, env["counter"].figure(caption), env["landscape"])


def _table(doc, env: dict, df, caption: str | None = None, total: bool = False) -> None:
    if df is None or not len(df):
        A.para(doc, NOTHING)
        return
    cap = caption or caption_text(df.attrs.get("caption", ""))
    A.data_table(doc, df, env["counter"].table(cap), total=total, digits=1 if total else None)


def _export(env: dict, name: str, sheet: str) -> pd.DataFrame | None:
    path = env["ctx"].get("exports", {}).get(name)
    if not path:
        return None
    try:
        return vi_table(pd.read_excel(path, sheet_name=sheet), drop_codes=True)
    except (OSError, ValueError, KeyError):
        return None


def _targets(doc, env: dict) -> None:
    secs = env["secs"]
    for key, words in (
        ("targets", "mục tiêu"),
        ("targets", "hoàn thành nhiệm vụ"),
        ("current_state", "trụ cột"),
        ("current_state", "chỉ tiêu"),
    ):
        df = table_by_caption(secs.get(key), words)
        if df is not None:
            _table(doc, env, vi_table(df))
    weakest = table_by_caption(secs.get("current_state"), "thấp nhất")
    if weakest is not None:
        _table(doc, env, vi_table(weakest))
    _figure(
        doc,
        env,
        "01_pillar_bars",
        "Chỉ số sẵn sàng chuyển đổi số theo trụ cột",
        _has(env, "01_status", "readiness_pillars"),
    )


def _pilots(doc, env: dict) -> None:
    sec = env["secs"].get("task_3")
    tables = [vi_table(t) for t in (sec.tables if sec else []) if len(t)]
    if not tables:
        A.para(doc, "Chưa có xã được chọn làm mô hình thí điểm.")
    for df in tables:
        _table(doc, env, df)
    _figure(doc, env, "02_dot_map", "Vị trí các xã và xã đủ điều kiện thí điểm")


def _pivot_total(df: pd.DataFrame, index: list[str], columns: str, values: str) -> pd.DataFrame:
    wide = df.pivot_table(
        index=index, columns=columns, values=values, aggfunc="sum", fill_value=0.0
    )
    wide.columns = [vi(c) for c in wide.columns]
    wide["Tổng"] = wide.sum(axis=1)
    wide = wide.reset_index()
    for col in index:
        wide[col] = wide[col].map(
            lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
        )
    return with_total(wide)


def _budget(doc, env: dict) -> None:
    detail = _export(env, "budget.xlsx", "Chi tiết")
    if detail is not None and len(detail.columns) >= 4:
        act, year, source, amount = list(detail.columns)[:4]
        _table(
            doc,
            env,
            _pivot_total(detail, [act, year], source, amount),
            "Kinh phí theo hoạt động, năm và nguồn vốn (triệu đồng)",
            total=True,
        )
    else:
        df = table_by_caption(env["secs"].get("budget"), "hoạt động")
        _table(doc, env, with_total(vi_table(df)) if df is not None else None, total=True)
    _figure(
        doc,
        env,
        "03_by_year_source",
        "Kinh phí theo năm và nguồn vốn",
        _has(env, "03_budget", "total_mvnd"),
    )


def _training(doc, env: dict) -> None:
    df = table_by_caption(env["secs"].get("task_4"), "đối tượng")
    if df is not None:
        _table(
            doc,
            env,
            with_total(vi_table(df)),
            "Đào tạo, tập huấn theo đối tượng (cả giai đoạn)",
            total=True,
        )
    plan = _export(env, "capacity.xlsx", "Kế hoạch đào tạo")
    if plan is not None and {"Năm", "Số lớp", "Số học viên"} <= set(plan.columns):
        cost = [c for c in plan.columns if c.startswith("Kinh phí")]
        by_year = plan.groupby("Năm", as_index=False)[["Số học viên", "Số lớp", *cost[:1]]].sum()
        by_year["Năm"] = by_year["Năm"].astype(str)
        _table(doc, env, with_total(by_year), "Đào tạo, tập huấn theo năm", total=True)
    course = _export(env, "capacity.xlsx", "Chương trình đào tạo")
    if course is not None:
        keep = [
            c
            for c in (
                "Nhóm đối tượng",
                "Chủ đề",
                "Hình thức",
                "Số ngày mỗi lớp",
                "Sĩ số lớp",
                "Lực lượng giảng dạy",
            )
            if c in course.columns
        ]
        _table(doc, env, course[keep], "Chương trình đào tạo theo đối tượng và chủ đề")
    if df is None and plan is None:
        A.para(doc, NOTHING)


def _communication(doc, env: dict) -> None:
    comm = _export(env, "capacity.xlsx", "Truyền thông")
    cost = [c for c in (comm.columns if comm is not None else []) if c.startswith("Kinh phí")]
    if comm is not None and cost and {"Kênh truyền thông", "Năm"} <= set(comm.columns):
        wide = _pivot_total(comm, ["Kênh truyền thông"], "Năm", cost[0])
        wide.columns = [f"{c} (triệu đồng)" if c.isdigit() else c for c in wide.columns]
        _table(
            doc,
            env,
            wide,
            "Kinh phí thông tin, truyền thông theo kênh và năm (triệu đồng)",
            total=True,
        )
    else:
        df = table_by_caption(env["secs"].get("task_2"), "truyền thông")
        _table(doc, env, with_total(vi_table(df)) if df is not None else None, total=True)
    sec = env["secs"].get("task_2")
    for text in sec.paragraphs if sec else []:
        if text.startswith("Kênh"):
            A.para(doc, plain(text))
    _figure(
        doc,
        env,
        "04_communication",
        "Kinh phí thông tin, truyền thông theo năm",
        _has(env, "04_capacity", "communication_cost_mvnd"),
    )


def _schedule(doc, env: dict) -> None:
    for key in ("responsibilities", "timeline"):
        sec = env["secs"].get(key)
        if sec is not None and sec.tables:
            _table(doc, env, vi_table(sec.tables[0]))
    _figure(doc, env, "06_plan_tien_do", "Tiến độ thực hiện các nhiệm vụ theo quý")


def _assumptions(doc, env: dict) -> None:
    if env["ctx"].get("illustrative"):
        A.para(doc, vi(ILLUSTRATIVE_TEXT))
    A.para(
        doc,
        "Các mục tiêu, điều kiện, định mức và đơn giá dùng để lập Kế hoạch và căn cứ của từng con "
        "số. Mức ghi là giả định do cơ quan lập kế hoạch đề xuất, cần thay bằng định mức, đơn giá "
        "của địa phương (nếu có) trước khi ban hành.",
    )
    _table(
        doc,
        env,
        plain_assumptions(env["p"], env.get("overlay_files")),
        "Căn cứ các số liệu của Kế hoạch",
    )
    A.para(doc, "Văn bản làm căn cứ:", "body")
    for item in env["p"].get("plan", {}).get("basis", []):
        A.para(doc, f"- {item}.", "body")


#: The annexes: numeral, title, landscape, builder.
ANNEXES: tuple[tuple[str, str, bool, object], ...] = (
    ("I", "Mục tiêu và hiện trạng chuyển đổi số của các xã", False, _targets),
    ("II", "Danh sách xã xây dựng mô hình thí điểm", True, _pilots),
    ("III", "Kinh phí thực hiện theo hoạt động, năm và nguồn vốn", True, _budget),
    ("IV", "Kế hoạch đào tạo, tập huấn", True, _training),
    ("V", "Kế hoạch thông tin, truyền thông", True, _communication),
    ("VI", "Phân công chủ trì, phối hợp và tiến độ thực hiện", True, _schedule),
    ("VII", "Căn cứ số liệu và giả định của Kế hoạch", False, _assumptions),
)


def annexes(doc, env: dict, number: str, province: str) -> int:
    """Write every annex, each on a new page; return how many were written.

    Parameters
    ----------
    doc : Document
    env : dict
        ``secs`` (key → Section), ``ctx`` (normalised summaries), ``p`` (params),
        ``counter`` (:class:`ntmplan.tasks.plan.docx_body.Counter`), ``overlay_files``.
    number : str
        The plan's number line ("Số: …/KH-UBND").
    province : str
        e.g. "Tỉnh Thanh Hóa".

    Returns
    -------
    int
    """
    ref = number.removeprefix("Số:").strip()
    for numeral, title, landscape, build in ANNEXES:
        A.new_section(doc, landscape)
        env["landscape"] = landscape
        A.para(doc, f"Phụ lục {numeral}", "annex_title")
        A.para(doc, title.upper(), "annex_title")
        A.para(
            doc,
            f"(Kèm theo Kế hoạch số {ref} ngày … tháng … năm … của Ủy ban nhân dân "
            f"{lower_first(province)})",
            "annex_note",
        )
        build(doc, env)
    return len(ANNEXES)
