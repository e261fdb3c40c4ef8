"""Names and fixed texts of the provincial plan: tasks, notebooks read, column labels."""

from __future__ import annotations

from ntmplan.core import catalogue

#: Notebooks whose summaries the plan reads, in order (01–05, from the catalogue).
SOURCE_NOTEBOOKS: tuple[str, ...] = catalogue.get("06_plan").reads

#: Guidance tasks in order (keys of ``plan.tasks``).
TASKS: tuple[str, ...] = ("task_1", "task_2", "task_3", "task_4", "task_5", "task_6", "task_7")

#: Exports of notebooks 01–05 mentioned in the plan (from the catalogue, in notebook order).
EXPORTS: tuple[str, ...] = tuple(
    name for notebook in SOURCE_NOTEBOOKS for name in catalogue.get(notebook).exports
)

#: Text shown for a value or a section without figures.
NOT_AVAILABLE = "chưa có số liệu"

#: Plain-text illustrative-data notice (for the Word draft and the plan's caveats).
ILLUSTRATIVE_TEXT = (
    "Dữ liệu minh họa: kế hoạch này được lập từ bộ dữ liệu khảo sát minh họa sinh tự động trên "
    "danh mục đơn vị hành chính thật; các số liệu khảo sát không phải số liệu thực tế của xã nào. "
    "/ Illustrative data: the survey figures are generated, not real results."
)

#: Vietnamese (/ English) labels of the output columns.
LABELS: dict[str, str] = {
    "key": "Tham số / parameter",
    "value": "Giá trị dùng / value used",
    "default": "Giá trị mặc định / default",
    "source": "Nguồn, căn cứ / source",
    "layer": "Tệp quy định / set in",
    "changed": "Đã điều chỉnh / changed",
    "note": "Ghi chú / note",
    "task": "Nhiệm vụ / task",
    "name_vi": "Nội dung nhiệm vụ / task",
    "lead": "Cơ quan chủ trì / lead",
    "cooperate": "Cơ quan phối hợp / cooperating",
    "lead_duties": "Nhiệm vụ riêng của từng cơ quan chủ trì / duties of each lead",
    "start": "Bắt đầu / start",
    "end": "Kết thúc / end",
    "deadline": "Thời hạn / deadline",
    "period_vi": "Thời gian thực hiện / period",
    "deadline_vi": "Thời hạn hoàn thành / deadline",
}


def notebook_title(notebook: str) -> str:
    """Return the short Vietnamese title of a source notebook (``"02 Thí điểm"``).

    Parameters
    ----------
    notebook : str
        Notebook id.

    Returns
    -------
    str
        The catalogue's ``short_vi`` for the notebooks of :data:`SOURCE_NOTEBOOKS`, else the id.
    """
    return catalogue.get(notebook).short_vi if notebook in SOURCE_NOTEBOOKS else notebook
