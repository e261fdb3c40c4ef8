"""The provincial plan as a Kế hoạch in the format of Decree 30/2020/NĐ-CP (Appendix I), in Word.

Built on the project's Word template (``data/templates/ke_hoach_mau.docx``, see
:mod:`ntmplan.tasks.plan.docx_template`): every paragraph takes a named style of the template,
so an office changes fonts, sizes, margins or the page header in Word and reruns. Layout:

- national header (borderless 2-column table): "ỦY BAN NHÂN DÂN" / "TỈNH …" or
  "THÀNH PHỐ …", "Số: …/KH-UBND" | "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do -
  Hạnh phúc", "<địa danh>, ngày … tháng … năm …" (number and date left blank);
- "KẾ HOẠCH" and the subject line; Căn cứ …; I. Mục đích, yêu cầu; II. Mục tiêu; III. Nhiệm
  vụ, giải pháp; IV. Kinh phí; V. Tổ chức thực hiện (:mod:`ntmplan.tasks.plan.docx_body`);
- "Nơi nhận:" beside the signature block (params ``plan.recipients``, ``plan.signer``);
- Phụ lục I–VII, each on a new page, wide ones landscape (:mod:`ntmplan.tasks.plan.docx_annex`).

Bytes are deterministic for the same content; the file is written atomically. The file name
is never built from user text: :func:`docx_file_name` builds it from the validated code.
"""

from __future__ import annotations

import re
from pathlib import Path

from ntmplan.core import admin_docx as A
from ntmplan.core.admin_docx import FIXED_DATE, cell_text
from ntmplan.core.params import params_or_defaults
from ntmplan.core.summaries import nested_get
from ntmplan.tasks.plan import docx_annex, docx_body
from ntmplan.tasks.plan.agencies import plan_recipients
from ntmplan.tasks.plan.docx_text import table_by_caption, vi
from ntmplan.tasks.plan.purpose import plan_subject
from ntmplan.tasks.plan.reading import normalise

__all__ = [
    "FIXED_DATE",
    "LABELS",
    "cell_text",
    "docx_file_name",
    "province_names",
    "write_plan_docx",
]

#: Vietnamese labels (document texts).
LABELS: dict[str, str] = {
    "not_available": "Chưa có số liệu cho phần này (sổ tính tương ứng chưa chạy).",
    "kind": "Kế hoạch",
    "figure": "Hình",
    "table": "Bảng",
}


def docx_file_name(province_code: str) -> str:
    """Return the Word plan's file name, built only from the validated province slug.

    Parameters
    ----------
    province_code : str
        Two-digit province code (2025 scheme).

    Returns
    -------
    str
        ``ke_hoach_<slug>.docx``, e.g. ``ke_hoach_ha-noi.docx``.

    Raises
    ------
    ValueError
        If the code is not a known province.
    """
    from ntmplan.survey import units

    slug = units.province_slug(province_code)
    if not re.fullmatch(r"[a-z0-9-]+", slug or ""):
        raise ValueError(f"Mã tỉnh không hợp lệ / invalid province code: {province_code!r}")
    return f"ke_hoach_{slug}.docx"


def province_names(province_code: str) -> tuple[str, str]:
    """Return the province's full name ("Tỉnh Lai Châu", "Thành phố Huế") and short name.

    Parameters
    ----------
    province_code : str

    Returns
    -------
    (str, str)

    Raises
    ------
    ValueError
        If the code is not a known province.
    """
    from ntmplan.survey import units

    table = units.provinces()
    row = table[table["province_code"] == str(province_code)]
    if row.empty:
        raise ValueError(f"Mã tỉnh không hợp lệ / invalid province code: {province_code!r}")
    return str(row["province_name"].iloc[0]), str(row["province_short"].iloc[0])


def _signature(doc, p: dict) -> None:
    plan = nested_get(p, "plan", default={})
    A.signature_block(
        doc,
        plan_recipients(p),
        str(plan.get("archive", "Lưu: VT")),
        list(plan.get("signer", [])),
        str(plan.get("signer_name", "")),
    )


def write_plan_docx(
    sections,
    path: str | Path,
    *,
    params: dict | None = None,
    province_code: str,
    collected: dict | None = None,
    notice: str = "",
    overlay_files=None,
    template: str | Path | None = None,
) -> Path:
    """Write the plan as an administrative Kế hoạch (Decree 30/2020/NĐ-CP) in Word.

    Parameters
    ----------
    sections : list of ntmplan.tasks.plan.Section
        Output of :func:`ntmplan.tasks.plan.plan_sections`; used by key (``purpose``,
        ``targets``, ``task_1``…``task_7``, ``budget``, ``responsibilities``, ``timeline``…).
        A missing or unavailable section gives a "chưa có số liệu" sentence.
    path : str or Path
        Target ``.docx`` file. Build the name with :func:`docx_file_name`.
    params : dict, optional
        Resolved params (``plan``, ``programme``, ``status.targets``…).
    province_code : str
        Validated province code (header, place name, annex notes).
    collected : dict, optional
        Output of :func:`ntmplan.tasks.plan.collect` (summaries, figures, exports); None
        writes the body from the sections and params only.
    notice : str
        A line under the subject (e.g. the illustrative-data notice); empty for none.
    overlay_files : list of (label, Path), optional
        Params overlays for the assumptions annex (see :func:`ntmplan.tasks.plan.params_layers`).
    template : str or Path, optional
        Word template (default: the shipped one).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValueError
        If ``path`` does not end in ``.docx`` or the province code is unknown.
    FileNotFoundError
        If the template or a figure listed in a section does not exist.
    """
    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise ValueError(f"Tệp Word phải có đuôi .docx / the file must end in .docx: {path.name}")
    for sec in sections:
        for fig in sec.figures:
            if not Path(fig).is_file():
                raise FileNotFoundError(f"Không tìm thấy hình / figure not found: {fig}")
    p = params_or_defaults(params)
    province, short = province_names(province_code)
    ctx = normalise(collected or {})
    secs = {s.key: s for s in sections}
    subject = plan_subject(province, p)
    number = str(nested_get(p, "plan", "plan_number", default="Số: …/KH-UBND"))
    issuer = str(nested_get(p, "plan", "issuer", default="Ủy ban nhân dân"))

    doc = A.open_template(template, f"{LABELS['kind']} {subject[:1].lower() + subject[1:]}")
    A.header_block(doc, [issuer, province], number, f"{short}, ngày … tháng … năm …")
    A.title_block(doc, "KẾ HOẠCH", subject)
    if notice:
        A.para(doc, vi(notice), "annex_note")
    docx_body.basis(doc, p, province, subject)
    counter = docx_body.Counter()
    pilots_table = table_by_caption(secs.get("task_3"), "được chọn")
    docx_body.purpose(doc, _until_basis(secs.get("purpose")))
    docx_body.objectives(doc, ctx, p, province, pilots_table)
    docx_body.tasks(doc, secs, ctx, p, pilots_table)
    docx_body.budget(doc, secs.get("budget"), ctx, p, counter)
    docx_body.organisation(doc, p)
    _signature(doc, p)
    env = {"secs": secs, "ctx": ctx, "p": p, "counter": counter, "overlay_files": overlay_files}
    docx_annex.annexes(doc, env, number, province)
    return A.save(doc, path)


def _until_basis(sec):
    """The purpose section without its "3. Căn cứ" part (the basis opens the document)."""
    if sec is None:
        return None
    from dataclasses import replace

    paras = []
    for text in sec.paragraphs:
        if re.match(r"^\d+\.\s*Căn cứ", text):
            break
        paras.append(text)
    return replace(sec, paragraphs=paras)
