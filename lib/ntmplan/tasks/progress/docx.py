"""The close-out report (Báo cáo tổng kết) in Word, in the administrative format of the plan.

Built on the shipped template through :mod:`ntmplan.core.admin_docx` (Decree 30/2020/NĐ-CP):
header block, title "BÁO CÁO", I. results against the 2025 targets, II. pilots, III. money
and training, IV. projection to 2030, V. Giả định & lưu ý, recipients and signature.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core import admin_docx as A
from ntmplan.core.params import params_or_defaults
from ntmplan.core.presentation import format_frame
from ntmplan.tasks.progress.labels import KINDS


def report_file_name(province_slug: str) -> str:
    """Return the Word file name of a province's report: ``bao_cao_tong_ket_<slug>.docx``.

    Parameters
    ----------
    province_slug : str
        e.g. ``"bac-ninh"``.

    Returns
    -------
    str
    """
    return f"bao_cao_tong_ket_{province_slug}.docx"


#: The notice under the subject of a report built on the illustrative data.
ILLUSTRATIVE_NOTE = (
    "Dữ liệu minh họa: các số liệu khảo sát trong báo cáo này được sinh tự động, không phải số "
    "liệu thực tế của xã nào."
)


def _table(doc, df: pd.DataFrame | None, caption: str, labels: dict, params: dict) -> None:
    """A captioned table with Vietnamese headers and values, or a sentence when empty."""
    if df is None or df.empty:
        A.para(doc, "Chưa có số liệu.")
        return
    shown = format_frame(df, params=params, kinds=KINDS).rename(columns=labels)
    A.data_table(doc, shown, caption)


def _names(province_code: str) -> tuple[str, str]:
    """The province's full and short names (header and date line)."""
    from ntmplan.survey import units

    table = units.provinces()
    row = table[table["province_code"] == str(province_code)]
    if row.empty:
        raise ValueError(f"Mã tỉnh không hợp lệ / invalid province code: {province_code!r}")
    return str(row["province_name"].iloc[0]), str(row["province_short"].iloc[0])


#: Sections of the report: heading, sentence key, tables (key, caption).
SECTIONS = (
    (
        "I. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU NĂM 2025",
        "closeout",
        (("closeout", "Bảng 1. Kết quả so với mục tiêu năm 2025 của Quyết định số 924/QĐ-TTg"),),
    ),
    ("II. MÔ HÌNH THÍ ĐIỂM", "pilots", (("pilots", "Bảng 2. Mô hình thí điểm"),)),
    (
        "III. KINH PHÍ, ĐÀO TẠO VÀ TRUYỀN THÔNG",
        "money",
        (
            ("money", "Bảng 3. Kinh phí theo kế hoạch và thực chi"),
            ("capacity", "Bảng 4. Đào tạo, truyền thông theo kế hoạch và đã thực hiện"),
        ),
    ),
    (
        "IV. DỰ BÁO KHẢ NĂNG ĐẠT MỤC TIÊU ĐẾN NĂM 2030",
        "projection",
        (
            ("projection", "Bảng 5. Năm dự kiến đạt các mục tiêu đến năm 2030"),
            (
                "projection_2025",
                "Bảng 6. Năm dự kiến đạt các mục tiêu năm 2025 (theo các năm khảo sát)",
            ),
        ),
    ),
)


def write_report_docx(
    path: str | Path,
    *,
    province_code: str,
    tables: dict[str, pd.DataFrame | None],
    sentences: dict[str, list[str]],
    figures: list[str | Path] | None,
    labels: dict,
    params: dict | None = None,
    illustrative: bool = False,
) -> Path:
    """Write the close-out report as an administrative Báo cáo in Word.

    Parameters
    ----------
    path : str or Path
        Target ``.docx`` (name from :func:`report_file_name`).
    province_code : str
        The province (header and date line).
    tables : dict
        ``closeout``, ``pilots``, ``money``, ``capacity``, ``projection``,
        ``projection_2025``, ``assumptions`` (:func:`plain_assumptions`): frames whose columns
        ``labels`` names; None
        or empty gives "Chưa có số liệu."
    sentences : dict
        ``closeout``, ``pilots``, ``money``, ``projection``, ``notes``: paragraphs.
    figures : list of str or Path, optional
        Charts of the series and projections (missing files skipped).
    labels : dict
        Column → Vietnamese header.
    params : dict, optional
        Resolved params (``progress.report``, ``plan.signer``, ``plan.issuer``).
    illustrative : bool
        Whether the report is built on the illustrative data (a notice under the subject).

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        If ``path`` does not end in ``.docx`` or the province code is unknown.
    FileNotFoundError
        If the template does not exist.
    """
    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise ValueError(f"Tệp Word phải có đuôi .docx / the file must end in .docx: {path.name}")
    p = params_or_defaults(params)
    rep, plan = p["progress"]["report"], p["plan"]
    province, short = _names(province_code)
    doc = A.open_template(None, f"Báo cáo {rep['subject'][:1].lower()}{rep['subject'][1:]}")
    issuer = str(plan.get("issuer", "Ủy ban nhân dân"))
    A.header_block(doc, [issuer, province], rep["number"], f"{short}, ngày … tháng … năm …")
    A.title_block(doc, "BÁO CÁO", rep["subject"])
    if illustrative:
        A.para(doc, ILLUSTRATIVE_NOTE, "annex_note")
    for heading, key, parts in SECTIONS:
        A.para(doc, heading, "h1")
        for text in sentences.get(key, []):
            A.para(doc, text)
        for table_key, caption in parts:
            _table(doc, tables.get(table_key), caption, labels, p)
    for i, fig in enumerate(f for f in (figures or []) if Path(f).is_file()):
        A.figure(doc, fig, f"Hình {i + 1}. Số liệu các năm, mục tiêu và dự báo")
    A.para(doc, "V. GIẢ ĐỊNH VÀ LƯU Ý", "h1")
    for text in sentences.get("notes", []):
        A.para(doc, f"- {text}")
    _table(doc, tables.get("assumptions"), "Bảng 7. Căn cứ các số liệu của báo cáo", labels, p)
    A.signature_block(
        doc,
        list(rep["recipients"]),
        str(rep["archive"]),
        list(plan.get("signer", [])),
        str(plan.get("signer_name", "")),
    )
    return A.save(doc, path)
