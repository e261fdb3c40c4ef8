"""Write notebooks/00_national.ipynb (stored without outputs).

Run from the project root:  .venv/bin/python notebooks/_build/build_00.py
"""

from __future__ import annotations

from common import NOTEBOOKS_DIR, build_notebook, write_notebook

TARGET = NOTEBOOKS_DIR / "00_national.ipynb"

PARAMETERS = """outputs_root = ""
output_dir = ""
params_file = ""
interactive = True"""

CELLS: list[tuple[str, str]] = [
    (
        "md",
        """# Tổng hợp toàn quốc: chuyển đổi số trong xây dựng nông thôn mới

**Mục đích.** Giúp Văn phòng Điều phối nông thôn mới Trung ương so sánh các tỉnh, thành phố: chỉ số sẵn
sàng chuyển đổi số, tiến độ các mục tiêu của Quyết định 924/QĐ-TTg, số xã đủ điều kiện và xã được chọn
làm mô hình thí điểm, các tỉnh có nguy cơ không đạt mục tiêu "mỗi tỉnh ít nhất 1 xã nông thôn mới thông
minh", kinh phí theo nguồn vốn, và tổng hợp danh sách đăng ký thí điểm do Trung ương chỉ đạo.
Sổ tính này chạy sau khi các tỉnh đã chạy xong; tỉnh nào chưa có kết quả thì ghi "chưa có số liệu".

*National roll-up for the central NTM office: every province side by side.*""",
    ),
    (
        "code",
        """%matplotlib inline
import pandas as pd
from IPython.display import Markdown, display
from ntmplan.tasks.status import charts as status_charts
from ntmplan.tasks import national
from ntmplan.tasks import pilots
from ntmplan.tasks import plan
from ntmplan.tasks import status
from ntmplan.notebook import context
from ntmplan.notebook.display import show_table

nat = context.open_national(outputs_root, output_dir, params_file)
P, df = nat.params, nat.provinces
display(Markdown(nat.notice()))
display(Markdown(f"**Số tỉnh, thành phố có kết quả:** {len(df)} · **Thư mục kết quả:** `{nat.outputs_root}`"))""",
    ),
    (
        "md",
        """## 1. Chỉ số sẵn sàng chuyển đổi số theo tỉnh

Chỉ số 0–100 của từng tỉnh (bình quân các xã có gia quyền theo số hộ, từ sổ tính 01), xếp từ cao
xuống thấp.""",
    ),
    (
        "code",
        """readiness = df.set_index("province_name")["readiness"].sort_values(ascending=False, na_position="last")
fig = status_charts.bar_chart(readiness, "Chỉ số sẵn sàng chuyển đổi số theo tỉnh (0–100)", "Điểm (0–100)", xlim=(0, 105))
nat.show_figure(fig, "00_readiness_by_province")""",
    ),
    (
        "md",
        """## 2. Bản đồ điểm các xã toàn quốc

Mỗi điểm là một xã, màu theo chỉ số sẵn sàng chung (tính lại trực tiếp từ số liệu khảo sát); vòng đỏ:
các xã được chọn làm mô hình xã nông thôn mới thông minh.""",
    ),
    (
        "code",
        """pilot_codes = sorted({c for codes in df["chosen_smart_codes"] for c in codes})
if nat.survey is not None and len(nat.survey):
    index = status.readiness_index(status.commune_indicators(nat.survey, P), P)
    communes = national.commune_index(nat.survey, index)
    fig = national.national_dot_map(communes, pilot_codes)
    nat.show_figure(fig, "00_dot_map")
else:
    display(Markdown("_Chưa có số liệu khảo sát của tỉnh nào._"))""",
    ),
    (
        "md",
        """## 3. Tiến độ các mục tiêu của Quyết định 924 (cấp xã)

Theo tỉnh (giá trị của tỉnh; ✓ = đạt) và toàn quốc (tính trên tất cả các xã thuộc phạm vi).""",
    ),
    (
        "code",
        """matrix = national.target_matrix(df, P)
fig = national.target_heatmap(matrix)
nat.show_figure(fig, "00_targets_by_province")
has_survey = nat.survey is not None and len(nat.survey) > 0
progress = status.target_progress(nat.survey, P) if has_survey else None
targets = national.national_targets(df, P, progress)
display(show_table(targets, national.LABELS))""",
    ),
    (
        "md",
        """## 4. Xã đủ điều kiện và xã được chọn làm mô hình thí điểm

Số xã đủ điều kiện theo các điều kiện của Hướng dẫn (nhiệm vụ 3) và các xã được chọn (sổ tính 02);
chi phí bù thiếu hụt > 0 nghĩa là xã được chọn còn thiếu điều kiện.""",
    ),
    (
        "code",
        """with pd.option_context("display.max_rows", 100, "display.max_colwidth", 200, "display.precision", 1):
    display(show_table(national.pilots_table(df), national.LABELS))""",
    ),
    (
        "md",
        """## 5. Các tỉnh có nguy cơ không đạt mục tiêu "ít nhất 1 xã nông thôn mới thông minh"

Một tỉnh có nguy cơ khi: sổ tính thí điểm (02) chưa chạy; không có xã đủ điều kiện và chưa chọn xã
nào; số xã được chọn ít hơn mục tiêu của tỉnh; hoặc xã được chọn còn cần kinh phí bù thiếu hụt (vượt
ngưỡng `plan.at_risk.gap_cost_max_mvnd`).""",
    ),
    (
        "code",
        """risk = national.at_risk(df, P)
if len(risk):
    with pd.option_context("display.max_rows", 100, "display.max_colwidth", 300, "display.precision", 1):
        display(show_table(risk, national.LABELS))
else:
    display(Markdown("**Không có tỉnh nào có nguy cơ theo các tiêu chí trên.**"))""",
    ),
    ("md", "## 6. Kinh phí theo nguồn vốn (cộng các tỉnh đã chạy sổ tính 03)"),
    (
        "code",
        """budget = national.budget_by_source(df, P)
with pd.option_context("display.precision", 1):
    display(show_table(budget, national.LABELS))
shown = budget[budget["source"] != "total"].set_index("label")["amount_mvnd"]
fig = status_charts.bar_chart(shown, "Kinh phí theo nguồn vốn — tổng các tỉnh", "Triệu đồng", value_format="{:,.0f}")
nat.show_figure(fig, "00_budget_by_source")""",
    ),
    (
        "md",
        """## 7. Danh sách đăng ký thí điểm do Trung ương chỉ đạo

Ghép tệp `dang_ky_thi_diem_trung_uong.xlsx` của các tỉnh (cùng cột) thành
`dang_ky_thi_diem_trung_uong_toan_quoc.xlsx`.""",
    ),
    (
        "code",
        """registrations = national.stack_registrations(nat.outputs_root, pilots.LABELS)
reg_path = national.write_registrations(registrations, nat.out, pilots.LABELS)
display(Markdown(f"Đã ghi [{reg_path.name}]({reg_path.name}): {len(registrations)} dòng từ "
                 f"{len(registrations.attrs['provinces'])} tỉnh."))
for problem in registrations.attrs["problems"]:
    display(Markdown(f"- ⚠ {problem}"))
with pd.option_context("display.max_rows", 60, "display.max_colwidth", 80):
    display(registrations.head(60))""",
    ),
    ("md", "## 8. Tình trạng chạy các sổ tính theo tỉnh"),
    (
        "code",
        """status_cols = [c for c in df.columns if c.startswith("status_")]
runs = df[["province_code", "province_name", *status_cols]].replace({"ok": "✓", "failed": "✗ lỗi", "not_run": "–"})
with pd.option_context("display.max_rows", 100):
    display(show_table(runs, national.LABELS))""",
    ),
    ("md", "## 9. Xem từng mục tiêu theo tỉnh (tương tác)"),
    (
        "code",
        """if interactive:
    import ipywidgets as widgets

    picker = widgets.Dropdown(options=list(matrix.columns), description="Mục tiêu:")
    out = widgets.Output()

    def _show(change=None):
        values = matrix[picker.value].sort_values(ascending=False) * 100
        out.clear_output(wait=True)
        with out:
            target = matrix.attrs["targets"][picker.value] * 100
            display(status_charts.bar_chart(values, picker.value, "%", reference=target, reference_label="Mục tiêu"))

    picker.observe(_show, names="value")
    _show()
    display(widgets.VBox([picker, out]))""",
    ),
    ("md", "## 10. Số liệu chính"),
    (
        "code",
        """key_figures = national.summary(df, risk, budget, registrations)
nat.write_summary(key_figures)
display(Markdown(
    f"- Số tỉnh: **{key_figures['provinces']}**; có nguy cơ: **{key_figures['at_risk_count']}**\\n"
    f"- Tổng kinh phí các tỉnh: **{plan.fmt_number(key_figures['budget_total_mvnd'], 0)} triệu đồng**\\n"
    f"- Số dòng đăng ký thí điểm Trung ương: **{key_figures['registrations']}**"
))""",
    ),
    (
        "md",
        """## Giả định & lưu ý

- Số liệu của từng tỉnh lấy từ kết quả các sổ tính của tỉnh (`summary_<sổ tính>.json`); tỉnh hoặc sổ
  tính chưa chạy được ghi "chưa có số liệu" (ô trống), không tính vào tổng.
- Chỉ số sẵn sàng trên bản đồ được tính lại từ số liệu khảo sát mà các tỉnh đã dùng, với tham số
  của sổ tính này (`status`); nếu một tỉnh chạy với tham số riêng, chỉ số trên bản đồ có thể khác chút
  ít so với báo cáo của tỉnh.
- Giá trị toàn quốc của các mục tiêu tính trên tất cả các xã thuộc phạm vi (như một tỉnh lớn).
- Tiêu chí "có nguy cơ" là định nghĩa của sổ tính (mục 5), ngưỡng ở tham số `plan.at_risk`.
- Kinh phí là tổng các bảng kinh phí của tỉnh; đơn giá phần lớn là giả định (xem báo cáo 03 của từng tỉnh).""",
    ),
    (
        "code",
        """used = ["plan.at_risk", "pilots.types.smart_commune.number", "status.targets", "status.scope_unit_types", "budget.sources"]
with pd.option_context("display.max_rows", 100, "display.max_colwidth", 200):
    display(show_table(plan.assumptions_table(P, used), plan.LABELS))""",
    ),
]


if __name__ == "__main__":
    write_notebook(build_notebook(PARAMETERS, CELLS, id_prefix="c00"), TARGET)
