"""The catalogue of workbooks: ids, titles, order, what each reads and what it exports.

One record per notebook, used by the batch runner (order and dependencies), the index
pages (titles), the provincial plan and the national roll-up (which summaries to read),
and the app (which workbooks it serves). Nothing here is policy: the notebook set a run
uses by default is ``run.notebooks`` in params.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notebook:
    """One workbook of the collection.

    Parameters
    ----------
    id : str
        File stem under ``notebooks/`` and key of its summary (``"02_pilots"``).
    short_vi : str
        Short Vietnamese title (``"02 Thí điểm"``), used in plans and tables.
    title_en : str
        Short English title, shown after the Vietnamese one on index pages.
    reads : tuple of str
        Ids of the notebooks whose summaries this one reads (it runs after them).
    exports : tuple of str
        Files it writes into the province folder for offices to forward (names, or
        glob patterns for names carrying the province, ``ke_hoach_*.docx``).
    in_app : bool
        Whether the no-code app offers it.
    answers_vi : str
        The question it answers for a planner, in Vietnamese (the app's landing page).
    """

    id: str
    short_vi: str
    title_en: str
    reads: tuple[str, ...] = ()
    exports: tuple[str, ...] = ()
    in_app: bool = False
    answers_vi: str = ""

    @property
    def index_title(self) -> str:
        """Return the title of index pages, Vietnamese first (``"02 Thí điểm / Pilots"``)."""
        return f"{self.short_vi} / {self.title_en}"


#: The national roll-up (runs once, after every province).
NATIONAL = Notebook(
    "00_national",
    "Tổng hợp toàn quốc",
    "National roll-up",
    exports=("dang_ky_thi_diem_trung_uong_toan_quoc.xlsx",),
)

#: The provincial workbooks, in the order they run within a province.
PROVINCIAL: tuple[Notebook, ...] = (
    Notebook(
        "01_status",
        "01 Hiện trạng",
        "Status",
        exports=("01_status.xlsx",),
        in_app=True,
        answers_vi="Các xã của tỉnh đang ở đâu trên bốn trụ cột chuyển đổi số, xã nào yếu nhất, "
        "tỉnh đã đạt những mục tiêu năm 2025 nào của Quyết định 924?",
    ),
    Notebook(
        "02_pilots",
        "02 Thí điểm",
        "Pilots",
        exports=(
            "pilots.xlsx",
            "dang_ky_thi_diem_trung_uong.xlsx",
            "cong_van_dang_ky_thi_diem_*.docx",
        ),
        in_app=True,
        answers_vi="Xã nào đủ điều kiện làm mô hình thí điểm, xã nào còn thiếu gì và bao nhiêu, "
        "nên chọn và đăng ký xã nào?",
    ),
    Notebook(
        "03_budget",
        "03 Nguồn lực",
        "Budget",
        reads=("02_pilots", "04_capacity"),
        exports=("budget.xlsx",),
        in_app=True,
        answers_vi="Kế hoạch cần bao nhiêu kinh phí mỗi năm, từ nguồn nào, còn thiếu bao nhiêu "
        "và thay đổi thế nào theo kịch bản?",
    ),
    Notebook(
        "04_capacity",
        "04 Đào tạo, truyền thông",
        "Capacity",
        exports=("capacity.xlsx",),
        in_app=True,
        answers_vi="Cần đào tạo bao nhiêu người, bao nhiêu lớp mỗi năm, truyền thông thế nào "
        "và phụ cấp Tổ công nghệ số cộng đồng tốn bao nhiêu?",
    ),
    Notebook("05_data", "05 Dữ liệu", "Data"),
    Notebook(
        "06_plan",
        "06 Kế hoạch",
        "Plan",
        reads=("01_status", "02_pilots", "03_budget", "04_capacity", "05_data"),
        exports=("ke_hoach_*.docx",),
    ),
    Notebook(
        "07_progress",
        "07 Tổng kết, dự báo",
        "Close-out and projection",
        reads=("02_pilots", "03_budget", "04_capacity"),
        exports=("07_progress.xlsx", "bao_cao_tong_ket_*.docx"),
    ),
)

#: Every notebook by id.
BY_ID: dict[str, Notebook] = {nb.id: nb for nb in (NATIONAL, *PROVINCIAL)}
#: Ids of the provincial workbooks, in run order.
PROVINCIAL_IDS: tuple[str, ...] = tuple(nb.id for nb in PROVINCIAL)
#: Ids of the workbooks the app serves.
APP_IDS: tuple[str, ...] = tuple(nb.id for nb in PROVINCIAL if nb.in_app)


def get(notebook_id: str) -> Notebook:
    """Return the catalogue record of ``notebook_id``.

    Parameters
    ----------
    notebook_id : str
        e.g. ``"03_budget"``.

    Returns
    -------
    Notebook

    Raises
    ------
    KeyError
        If the id is not in the catalogue.
    """
    return BY_ID[notebook_id]


def dependencies() -> dict[str, tuple[str, ...]]:
    """Return, for every provincial notebook that reads others, the ids it reads.

    Returns
    -------
    dict of str to tuple of str
        e.g. ``{"03_budget": ("02_pilots", "04_capacity"), "06_plan": (...)}``.
    """
    return {nb.id: nb.reads for nb in PROVINCIAL if nb.reads}
