"""Write notebooks/01_status.ipynb (stored without outputs).

Run from the project root:  .venv/bin/python notebooks/_build/build_01.py
"""

from __future__ import annotations

from common import NOTEBOOKS_DIR, PROVINCE_PARAMETERS, build_notebook, write_notebook

TARGET = NOTEBOOKS_DIR / "01_status.ipynb"

PARAMETERS = PROVINCE_PARAMETERS

CELLS: list[tuple[str, str]] = [
    (
        "md",
        """# Đánh giá hiện trạng chuyển đổi số trong xây dựng nông thôn mới

**Mục đích.** Rà soát hiện trạng chuyển đổi số ở các xã của tỉnh (nhiệm vụ 1 của Hướng dẫn thực hiện
Quyết định 924/QĐ-TTg) làm căn cứ xây dựng kế hoạch của tỉnh: các chỉ tiêu theo xã ở bốn trụ cột
(hạ tầng số, chính quyền số, kinh tế số, xã hội số), chỉ số sẵn sàng chuyển đổi số 0–100, tổng hợp
cấp tỉnh, tiến độ so với mục tiêu năm 2025 của Quyết định 924 và bản đồ điểm các xã.

*Review of the current state of digital transformation (guidance task 1): commune indicators,
readiness index, province aggregates, progress against Decision 924 targets, dot map.*""",
    ),
    (
        "code",
        """%matplotlib inline
import pandas as pd
from IPython.display import Markdown, display
from ntmplan.core import charts
from ntmplan.notebook.display import show_table
from ntmplan.tasks import status
from ntmplan.survey import units
from ntmplan.notebook import context as workbook

ctx = workbook.open_workbook("01_status", province, params_file, data_file, output_dir)
P = ctx.params
display(Markdown(ctx.notice()))
display(Markdown(
    f"**Tỉnh/thành phố:** {ctx.province_name} ({ctx.province_code}) · "
    f"**Năm khảo sát:** {ctx.survey['year'].max()} · **Số đơn vị:** {len(ctx.survey)}"
))""",
    ),
    (
        "md",
        """## 1. Chỉ tiêu chuyển đổi số theo xã

Tỷ lệ tính trên số thôn, số cán bộ, số hộ; số hộ bán hàng trực tuyến tính trên 1.000 hộ, thành viên
tổ công nghệ số cộng đồng trên 1.000 dân. Ô trống: không tính được (ví dụ xã không có hợp tác xã thì
không có tỷ lệ hợp tác xã dùng nền tảng số). Bảng sắp xếp theo chỉ số sẵn sàng chung, thấp nhất trước.""",
    ),
    (
        "code",
        """indicators = status.commune_indicators(ctx.survey, P)
index = status.readiness_index(indicators, P)
communes = pd.concat([ctx.survey[["commune_code", "commune_name", "unit_type"]], index, indicators], axis=1)
communes = communes.sort_values(["overall", "commune_code"])
with pd.option_context("display.max_rows", 1000, "display.max_columns", 100, "display.precision", 2):
    display(show_table(communes, status.LABELS))""",
    ),
    (
        "md",
        """## 2. Chỉ số sẵn sàng chuyển đổi số — tổng hợp cấp tỉnh

Chỉ số 0–100 theo bốn trụ cột (ba trụ cột của Bộ chỉ số DTI cấp tỉnh — Quyết định 922/QĐ-BTTTT — và
hạ tầng số). Giá trị cấp tỉnh là bình quân gia quyền theo số hộ; kèm bình quân giản đơn các xã và các
phân vị. Chỉ tính các đơn vị thuộc phạm vi nông thôn mới (xã, đặc khu).""",
    ),
    (
        "code",
        """aggregates = status.province_aggregates(ctx.survey, indicators, index, P)
with pd.option_context("display.max_rows", 100, "display.precision", 3):
    display(show_table(aggregates, status.LABELS))
pillar_scores = aggregates.loc[list(status.PILLARS), "weighted_mean"].rename(status.PILLAR_LABELS)
fig = charts.pillar_bars(pillar_scores, "Chỉ số sẵn sàng chuyển đổi số theo trụ cột (bình quân theo số hộ)")
ctx.show_figure(fig, "01_pillar_bars")
fig = charts.index_histogram(index["overall"])
ctx.show_figure(fig, "01_index_histogram")""",
    ),
    ("md", "## 3. Các xã yếu nhất và mạnh nhất (theo chỉ số chung)"),
    (
        "code",
        """weak_strong = status.extremes(ctx.survey, index, P)
with pd.option_context("display.max_rows", 200, "display.precision", 1):
    display(show_table(weak_strong, status.LABELS))""",
    ),
    (
        "md",
        """## 4. Tiến độ so với mục tiêu năm 2025 của Quyết định 924 (cấp xã)

Giá trị của tỉnh, mục tiêu, đạt hay chưa, và số xã cần đạt thêm để tỉnh đạt mục tiêu. Với chỉ tiêu hồ
sơ xử lý trên môi trường mạng, giá trị của tỉnh là bình quân tỷ lệ của các xã có gia quyền theo số cán bộ;
số xã cần thêm là số xã ít nhất (đang dưới 60%) phải đạt 60% để tỉnh đạt mục tiêu.""",
    ),
    (
        "code",
        """progress = status.target_progress(ctx.survey, P)
with pd.option_context("display.precision", 3):
    display(show_table(progress, status.LABELS))
fig = charts.target_progress_chart(progress)
ctx.show_figure(fig, "01_target_progress")""",
    ),
    (
        "md",
        """## 5. Bản đồ điểm các xã theo chỉ số sẵn sàng

Mỗi điểm là trung tâm một xã (tọa độ theo danh mục đơn vị hành chính 2025), màu theo chỉ số chung.""",
    ),
    (
        "code",
        """coords = units.current_units()[["commune_code", "lon", "lat"]]
map_frame = communes.merge(coords, on="commune_code", how="left")
fig = charts.dot_map(map_frame, value="overall", title=f"Chỉ số sẵn sàng chuyển đổi số theo xã — {ctx.province_name}")
ctx.show_figure(fig, "01_dot_map")""",
    ),
    (
        "md",
        """## 6. Thay đổi 2023 → 2025

> **Phần so sánh 2023 → 2025 sẽ hiển thị khi có số liệu khảo sát năm 2023 đã chuyển sang đơn vị hành
> chính 2025** (chuyển đổi mã cũ → mã mới, xem sổ tính 05). Các chỉ tiêu so sánh và cách tính ở tham số
> `status.compare_indicators`; giá trị là bình quân gia quyền theo số hộ của các xã thuộc phạm vi.""",
    ),
    (
        "code",
        """# Nối dữ liệu 2023: dùng ctx.read_legacy_in_current_units() khi hàm này có trong ntmplan.notebook.context.
read_2023 = getattr(ctx, "read_legacy_in_current_units", None)
before = read_2023() if read_2023 is not None else None
comparison = None
if before is not None and len(before[before["province_code"] == ctx.province_code]):
    comparison = status.compare_years(before[before["province_code"] == ctx.province_code], ctx.survey, P)
    with pd.option_context("display.precision", 3):
        display(show_table(comparison, status.LABELS))
else:
    display(Markdown("_Chưa có số liệu khảo sát 2023 đã chuyển sang đơn vị 2025 — bỏ qua phần so sánh._"))""",
    ),
    ("md", "## 7. Xem theo trụ cột hoặc chỉ tiêu (tương tác)"),
    (
        "code",
        """if interactive:
    import ipywidgets as widgets

    choices = [(status.PILLAR_LABELS.get(c, status.LABELS.get(c, c)), c) for c in [*index.columns, *indicators.columns]]
    picker = widgets.Dropdown(options=choices, value="overall", description="Chỉ tiêu:")
    shown = widgets.Output()

    def _show(change=None):
        col, bounded = picker.value, picker.value in index.columns
        shown.clear_output(wait=True)
        with shown:
            display(charts.dot_map(map_frame, value=col, title=picker.label, colorbar_label="", vmin=0 if bounded else None, vmax=100 if bounded else None))
            display(charts.index_histogram(map_frame[col], title=picker.label, xlabel=picker.label, bins=20))

    picker.observe(_show, names="value")
    _show()
    display(widgets.VBox([picker, shown]))""",
    ),
    (
        "md",
        "## 8. Số liệu chính và tệp Excel\n\nSố liệu chính được ghi vào `summary.json` cho các sổ tính sau; "
        "các bảng trên được xuất ra `01_status.xlsx` trong thư mục kết quả của tỉnh.",
    ),
    (
        "code",
        """from ntmplan.core import writers as nio

nio.write_excel(
    ctx.path("01_status.xlsx"),
    {
        "Chỉ tiêu theo xã": communes,
        "Tổng hợp tỉnh": aggregates.reset_index(),
        "Mục tiêu QĐ 924": progress,
        "Xã yếu nhất, mạnh nhất": weak_strong,
    },
    labels=status.LABELS,
)
key_figures = status.summary(ctx.survey, indicators, index, progress, P)
ctx.write_summary(key_figures)
display(Markdown(
    f"- Chỉ số sẵn sàng chung (bình quân theo số hộ): **{key_figures['readiness_overall']:.1f}**\\n"
    f"- Số xã thuộc phạm vi: **{key_figures['n_communes']}**\\n"
    f"- Số mục tiêu QĐ 924 đã đạt: **{key_figures['targets_met']}/{key_figures['targets_total']}**"
))""",
    ),
    (
        "md",
        """## Giả định & lưu ý

- Chỉ số sẵn sàng là công cụ so sánh giữa các xã trong tỉnh, **không** phải chỉ số chính thức (DTI).
  Trọng số và ngưỡng tối đa (giá trị đạt 100 điểm) của từng chỉ tiêu là giả định của người lập kế hoạch,
  có thể sửa trong tệp tham số (mục `status`).
- Chỉ tiêu không tính được (mẫu số bằng 0) được bỏ qua và trọng số trong trụ cột được chia lại
  (`status.missing_indicator`).
- Tổng hợp cấp tỉnh và tiến độ mục tiêu chỉ tính các đơn vị trong `status.scope_unit_types`
  (nông thôn mới: xã, đặc khu); phường không thuộc phạm vi.
- Chỉ tiêu hồ sơ trực tuyến: khảo sát không có số hồ sơ, nên số cán bộ được dùng làm trọng số thay thế.
- Khi dùng dữ liệu minh họa, mọi số liệu khảo sát chỉ để minh họa cách dùng sổ tính.

Bảng dưới liệt kê các tham số của sổ tính này, giá trị đang dùng và nguồn (hoặc giả định).""",
    ),
    (
        "code",
        """with pd.option_context("display.max_rows", 200, "display.max_colwidth", 200):
    display(show_table(status.assumptions(P), status.LABELS))""",
    ),
]


if __name__ == "__main__":
    write_notebook(build_notebook(PARAMETERS, CELLS, id_prefix="c01"), TARGET)
