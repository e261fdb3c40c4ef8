"""Write notebooks/06_plan.ipynb (stored without outputs).

Run from the project root:  .venv/bin/python notebooks/_build/build_06.py
"""

from __future__ import annotations

from common import NOTEBOOKS_DIR, PROVINCE_PARAMETERS, build_notebook, write_notebook

TARGET = NOTEBOOKS_DIR / "06_plan.ipynb"

PARAMETERS = PROVINCE_PARAMETERS

CELLS: list[tuple[str, str]] = [
    (
        "md",
        """# Kế hoạch chuyển đổi số trong xây dựng nông thôn mới của tỉnh

**Mục đích.** Lập dự thảo kế hoạch của tỉnh (nhiệm vụ 1 của Hướng dẫn thực hiện Quyết định
924/QĐ-TTg) từ kết quả các sổ tính 01–05: mục đích và căn cứ, thực trạng, mục tiêu, bảy nhóm nhiệm vụ,
phân công chủ trì – phối hợp, tiến độ theo quý, kinh phí, giả định và lưu ý. Phần nào mà sổ tính tương
ứng chưa chạy sẽ ghi "chưa có số liệu". Kết quả xuất thành tệp Word `ke_hoach_<tỉnh>.docx` để Văn phòng
Điều phối chỉnh sửa và ban hành.

*The provincial plan (guidance task 1) assembled from notebooks 01–05, with a Word draft.*""",
    ),
    (
        "code",
        """%matplotlib inline
from IPython.display import Markdown, display
from ntmplan.tasks.plan import docx as docx_export
from ntmplan.tasks import plan
from ntmplan.notebook.display import show_table
from ntmplan.notebook import context as workbook

ctx = workbook.open_workbook("06_plan", province, params_file, data_file, output_dir)
P = ctx.params
display(Markdown(ctx.notice()))
display(Markdown(f"**Tỉnh/thành phố:** {ctx.province_name} ({ctx.province_code}) · **Giai đoạn:** "
                 f"{P['programme']['start_year']}–{P['programme']['end_year']}"))""",
    ),
    (
        "md",
        """## 1. Kết quả các sổ tính dùng cho kế hoạch

Kế hoạch đọc số liệu chính (`summary_<sổ tính>.json`) và biểu đồ của các sổ tính 01–05 trong thư mục
kết quả của tỉnh. Biểu đồ tiến độ (nhiệm vụ theo quý) được vẽ từ tham số `plan.tasks`.""",
    ),
    (
        "code",
        """timeline = plan.timeline(P)
fig = plan.timeline_chart(timeline, years=(P["programme"]["start_year"], P["programme"]["end_year"]))
ctx.save_figure(fig, "06_plan_tien_do")
collected = plan.collect(ctx.out)
collected["illustrative"] = collected["illustrative"] or ctx.illustrative
display(plan.availability(collected))""",
    ),
    ("md", "## 2. Dự thảo kế hoạch"),
    (
        "code",
        """layers = plan.params_layers(P, ctx.province_code, params_file)
sections = plan.plan_sections(collected, P, overlay_files=layers)
plan.show_sections(sections)""",
    ),
    (
        "md",
        """## 3. Bản dự thảo Word

Tệp Word có đủ các mục, bảng và biểu đồ ở trên, dùng các kiểu đề mục chuẩn của Word để Văn phòng
Điều phối chỉnh sửa theo thể thức văn bản của tỉnh.""",
    ),
    (
        "code",
        """title = plan.plan_title(ctx.province_name, P)
notice = plan.ILLUSTRATIVE_TEXT if collected["illustrative"] else ""
docx_path = docx_export.write_plan_docx(
    sections, ctx.path(plan.docx_file_name(ctx.province_code)), title,
    subtitle=f"Giai đoạn {P['programme']['start_year']}–{P['programme']['end_year']}", notice=notice,
)
display(Markdown(f"Đã ghi dự thảo: [{docx_path.name}]({docx_path.name})"))""",
    ),
    (
        "md",
        """## 4. So sánh phân công theo hồ sơ chương trình (tương tác)

Tên cơ quan thay đổi sau sắp xếp tổ chức bộ máy năm 2025 (không còn cấp huyện). Chọn hồ sơ chương
trình để xem bảng phân công và tiến độ theo hồ sơ đó.""",
    ),
    (
        "code",
        """if interactive:
    import ipywidgets as widgets
    from ntmplan.core.params import load_params

    picker = widgets.Dropdown(options=[("2021–2025", "2021_2025"), ("2026–2030", "2026_2030")],
                              value=P["programme"]["profile"], description="Hồ sơ:")
    shown = widgets.Output()

    def _show(change=None):
        p = load_params(ctx.province_code, profile=picker.value, params_file=params_file or None)
        shown.clear_output(wait=True)
        with shown:
            display(show_table(plan.responsibilities(p), plan.LABELS))
            years = (p["programme"]["start_year"], p["programme"]["end_year"])
            display(plan.timeline_chart(plan.timeline(p), years=years))

    picker.observe(_show, names="value")
    _show()
    display(widgets.VBox([picker, shown]))""",
    ),
    ("md", "## 5. Số liệu chính"),
    (
        "code",
        """key_figures = plan.summary(sections, collected, P)
key_figures["docx"] = docx_path.name
ctx.write_summary(key_figures)
display(Markdown(
    f"- Số mục có số liệu: **{key_figures['sections_available']}/{key_figures['sections_total']}**\\n"
    f"- Sổ tính chưa có kết quả: **{', '.join(key_figures['missing_notebooks']) or 'không'}**\\n"
    f"- Thời hạn ban hành kế hoạch: **{plan.quarter_label(key_figures['deadline_plan']) or '—'}**"
))""",
    ),
    (
        "md",
        """## Giả định & lưu ý

- Kế hoạch chỉ tổng hợp kết quả đã tính ở các sổ tính 01–05; muốn thay đổi số liệu, sửa tham số hoặc
  dữ liệu rồi chạy lại các sổ tính đó trước, sau đó chạy lại sổ tính này.
- Tên cơ quan chủ trì, phối hợp và thời gian, thời hạn của từng nhiệm vụ lấy từ tham số `plan.agencies`
  và `plan.tasks` (hồ sơ chương trình); ngoài thời hạn ban hành kế hoạch (Quý IV/2022, theo Hướng dẫn),
  các mốc khác là giả định của người lập kế hoạch.
- Bảng "Tham số đã dùng và nguồn" ở mục VIII liệt kê mọi ngưỡng, định mức, đơn giá của các phần có số
  liệu, kèm nguồn hoặc ghi "assumption" (giả định). Bảng dưới liệt kê các tham số riêng của sổ tính này.""",
    ),
    (
        "code",
        """import pandas as pd

with pd.option_context("display.max_rows", 200, "display.max_colwidth", 200):
    display(show_table(plan.assumptions_table(P, ["plan"], layers), plan.LABELS))""",
    ),
]


if __name__ == "__main__":
    write_notebook(build_notebook(PARAMETERS, CELLS, id_prefix="c06"), TARGET)
