"""Write notebooks/04_capacity.ipynb (stored without outputs).

Run from the project root:  .venv/bin/python notebooks/_build/build_04.py
"""

from __future__ import annotations

from common import NOTEBOOKS_DIR, PROVINCE_PARAMETERS, build_notebook, write_notebook

TARGET = NOTEBOOKS_DIR / "04_capacity.ipynb"

PARAMETERS = PROVINCE_PARAMETERS

CELLS: list[tuple[str, str]] = [
    (
        "md",
        """# Kế hoạch đào tạo, truyền thông và chính sách hỗ trợ

**Mục đích.** Lập kế hoạch có dự toán và lịch thực hiện cho ba nhiệm vụ của Hướng dẫn thực hiện
Quyết định 924/QĐ-TTg: **nhiệm vụ 4** — đào tạo, tập huấn hằng năm cho từng nhóm đối tượng (cán bộ xã,
giáo viên, tổ khuyến nông cộng đồng, chủ thể kinh tế, người dân, thành viên Tổ công nghệ số cộng đồng);
**nhiệm vụ 2** — truyền thông qua các kênh được nêu trong hướng dẫn; **nhiệm vụ 6** — chính sách hỗ trợ,
trước hết là phụ cấp cho thành viên Tổ công nghệ số cộng đồng. Tổng kinh phí theo năm được chuyển sang
sổ tính 03 (nguồn lực) qua `summary.json`.

*Training (task 4), communication (task 2) and support-policy (task 6) plan: group sizes from the survey
or params, yearly courses and classes, a quarterly calendar within trainer capacity, communication cost
by channel, the team allowance; yearly totals feed the budget notebook 03.*""",
    ),
    (
        "code",
        """%matplotlib inline
import pandas as pd
from IPython.display import Markdown, display
from ntmplan.tasks import capacity
from ntmplan.notebook.display import show_table
from ntmplan.notebook import context as workbook
from ntmplan.tasks.capacity import charts as cc

ctx = workbook.open_workbook("04_capacity", province, params_file, data_file, output_dir)
P = ctx.params
display(Markdown(ctx.notice()))
years = capacity.plan_years(P)
display(Markdown(
    f"**Tỉnh/thành phố:** {ctx.province_name} ({ctx.province_code}) · "
    f"**Năm khảo sát:** {ctx.survey['year'].max()} · "
    f"**Giai đoạn kế hoạch:** {years[0]}–{years[-1]} ({P['programme']['decision']})"
))
res = capacity.build(ctx.survey, P)""",
    ),
    (
        "md",
        """## 1. Nhóm đối tượng đào tạo và quy mô

Quy mô mỗi nhóm lấy từ số liệu khảo sát (số cán bộ, hợp tác xã, sản phẩm OCOP, thành viên Tổ công nghệ số,
số hộ) hoặc từ tham số khi khảo sát không có cột tương ứng (giáo viên, tổ khuyến nông); cột *Nguồn số
liệu quy mô* ghi rõ từng trường hợp. Chỉ tính các đơn vị thuộc phạm vi nông thôn mới (xã, đặc khu).""",
    ),
    (
        "code",
        """display(Markdown(f"Số xã thuộc phạm vi: **{res['n_communes']}**"))
with pd.option_context("display.max_colwidth", 200):
    display(show_table(res["groups"], capacity.LABELS))""",
    ),
    (
        "md",
        """## 2. Kế hoạch đào tạo theo năm

Mỗi năm, số học viên = ⌈quy mô × tỷ lệ đào tạo của năm⌉; mỗi học viên học tất cả chủ đề của nhóm.
Số lớp = ⌈học viên / sĩ số lớp⌉ cho từng chủ đề (lớp chưa đủ sĩ số vẫn tính là một lớp).
Mục tiêu: **mọi cán bộ, công chức xã được đào tạo ít nhất một lần trong giai đoạn**; nếu tỷ lệ hằng
năm chưa đủ, số người còn thiếu được bổ sung đều vào các năm (cột *Bổ sung để đạt mục tiêu bao phủ*).""",
    ),
    (
        "code",
        """display(Markdown("**Số học viên theo nhóm và năm (người)**"))
display(capacity.by_group_year(res["plan"], "participants"))
display(Markdown("**Số lớp theo nhóm và năm (tổng các chủ đề)**"))
display(capacity.by_group_year(res["plan"], "classes"))
display(Markdown("**Kinh phí đào tạo theo nhóm và năm (triệu đồng)**"))
display(capacity.by_group_year(res["plan"], "cost_mvnd").round(1))
fig = cc.participants_chart(res["plan"])
ctx.show_figure(fig, "04_participants")""",
    ),
    (
        "code",
        """display(Markdown("**Mục tiêu bao phủ (được đào tạo ít nhất một lần trong giai đoạn)**"))
display(show_table(res["coverage"], capacity.LABELS))
display(Markdown("**Kế hoạch chi tiết: năm × nhóm × chủ đề**"))
with pd.option_context("display.max_rows", 500, "display.max_columns", 50, "display.precision", 2):
    display(show_table(res["plan"], capacity.LABELS))""",
    ),
    (
        "md",
        """## 3. Chương trình đào tạo

Với mỗi nhóm đối tượng: các chủ đề, nội dung của Hướng dẫn (nhiệm vụ 4) mà chủ đề đáp ứng, hình thức,
thời lượng và lực lượng giảng dạy.""",
    ),
    (
        "code",
        """with pd.option_context("display.max_rows", 100, "display.max_colwidth", 200):
    display(show_table(res["curriculum"], capacity.LABELS))""",
    ),
    (
        "md",
        """## 4. Lịch đào tạo theo quý

Các lớp của mỗi năm được xếp vào bốn quý sao cho **không quý nào vượt năng lực giảng dạy** (ngày-lớp mỗi
quý của lực lượng giảng dạy cấp tỉnh, theo tham số; quý I thấp hơn vì Tết). Tổ công nghệ số cộng đồng dạy
song song ở từng xã nên không bị giới hạn. Lớp không xếp được trong năm được đánh dấu **chưa xếp** (màu
đỏ trên biểu đồ) và không bị chuyển sang năm khác: cần tăng năng lực hoặc giảm tỷ lệ đào tạo.""",
    ),
    (
        "code",
        """fig = cc.calendar_gantt(res["calendar"], res["load"])
ctx.show_figure(fig, "04_calendar")
overflow = res["calendar"].loc[~res["calendar"]["scheduled"], "class_days"].sum()
if overflow > 0:
    display(Markdown(f"> **⚠ {overflow:g} ngày-lớp vượt năng lực giảng dạy, chưa xếp được lịch.** "
                     "Tăng `capacity.trainer_pools.*.class_days_per_quarter` hoặc giảm tỷ lệ đào tạo."))
else:
    display(Markdown("Mọi lớp đều xếp được trong năng lực giảng dạy của từng quý."))
limited = res["load"][res["load"]["capacity_class_days"].notna()]
with pd.option_context("display.max_rows", 200, "display.precision", 2):
    display(show_table(limited, capacity.LABELS))""",
    ),
    (
        "md",
        """## 5. Kế hoạch truyền thông

Các kênh theo nhiệm vụ 2 của Hướng dẫn. Số lượng mỗi năm = số lượng cấp tỉnh + số lượng mỗi xã × số xã
(+ mỗi thôn × số thôn), làm tròn lên; kinh phí = số lượng × đơn giá. Lượt tiếp cận chỉ ước tính khi tham
số có tỷ lệ dân số tiếp cận hoặc số người mỗi đơn vị.""",
    ),
    (
        "code",
        """display(Markdown("**Kinh phí truyền thông theo kênh và năm (triệu đồng)**"))
display(capacity.wide_by_year(res["communication"], "channel_vi").round(1))
fig = cc.communication_chart(res["communication"])
ctx.show_figure(fig, "04_communication")
first = res["communication"][res["communication"]["year"] == years[0]]
display(Markdown(f"**Số lượng, đơn giá và lượt tiếp cận một năm ({years[0]})**"))
with pd.option_context("display.precision", 3):
    display(show_table(first.drop(columns=["year", "channel"]), capacity.LABELS))""",
    ),
    (
        "md",
        """## 6. Chính sách hỗ trợ (nhiệm vụ 6): phụ cấp thành viên Tổ công nghệ số cộng đồng

Đề xuất chính sách: phụ cấp hằng tháng cho thành viên Tổ công nghệ số cộng đồng, số thành viên theo khảo
sát hoặc theo quy mô tổ mục tiêu (tham số `capacity.support_policy.members_basis`), cùng các nội dung hỗ
trợ khác tỉnh liệt kê trong tệp tham số của tỉnh (`capacity.support_policy.items`).""",
    ),
    (
        "code",
        """pol = res["policy"]
allow = pol[pol["item"] == "allowance"]
if len(allow):
    a = allow.iloc[0]
    display(Markdown(
        f"**Đề xuất:** phụ cấp {a['unit_cost_mvnd']:g} triệu đồng/người/tháng cho **{a['members']:,} thành viên** "
        f"({a['basis']}); kinh phí **{a['cost_mvnd']:,.1f} triệu đồng/năm**, "
        f"{allow['cost_mvnd'].sum():,.1f} triệu đồng cả giai đoạn {int(allow['year'].min())}–{int(allow['year'].max())}."
        .replace(",", " ")
    ))
display(capacity.wide_by_year(pol, "item_vi").round(1))
fig = cc.policy_chart(pol)
ctx.show_figure(fig, "04_support_policy")""",
    ),
    (
        "md",
        """## 7. Tổng hợp kinh phí chuyển sang sổ tính 03 (nguồn lực)

Ba dòng hoạt động — đào tạo, truyền thông, chính sách hỗ trợ — theo năm. Sổ tính 03 đọc đúng các dòng này
(khóa `budget_lines` trong `summary.json`), nên tổng kinh phí của ba hoạt động bên đó bằng tổng ở đây.""",
    ),
    (
        "code",
        """display(capacity.wide_by_year(res["budget_lines"], "activity_vi").round(1))
fig = cc.budget_chart(res["budget_lines"])
ctx.show_figure(fig, "04_budget_lines")""",
    ),
    (
        "md",
        """## 8. Điều chỉnh tương tác

Khi mở sổ tính trong JupyterLab (`interactive = True`): chỉnh sĩ số lớp và tỷ lệ đào tạo mỗi năm của
từng nhóm, mức phụ cấp thành viên Tổ; bảng số liệu chính, biểu đồ học viên, lịch theo quý và kinh phí
cập nhật ngay. Ô **Tỉnh/thành phố** nạp số liệu của tỉnh khác ngay trong bảng điều khiển này (các mục
khác vẫn là của tỉnh đã mở sổ tính); nút **Xuất Excel** ghi lựa chọn hiện tại ra
`lua_chon_04_capacity.xlsx` trong thư mục kết quả của tỉnh đang xem. Các bảng khác và `capacity.xlsx`
giữ theo tham số.""",
    ),
    (
        "code",
        """if interactive:
    from ntmplan.notebook import widgets

    display(widgets.capacity_panel(ctx, params_file, data_file, output_dir).widget)
else:
    display(Markdown("_Chạy theo lô (interactive = False): không hiển thị điều khiển._"))""",
    ),
    (
        "md",
        "## 9. Xuất Excel và số liệu chính\n\n"
        "Kế hoạch đào tạo, chương trình, lịch theo quý, năng lực giảng dạy, nhóm đối tượng, truyền thông, chính "
        "sách hỗ trợ và tổng hợp kinh phí được ghi vào `capacity.xlsx` (tiêu đề cột tiếng Việt) trong thư mục "
        "kết quả của tỉnh; số liệu chính vào `summary.json`.",
    ),
    (
        "code",
        """from ntmplan.core import writers as nio

nio.write_excel(ctx.path("capacity.xlsx"), capacity.excel_sheets(res), labels=capacity.LABELS)
key_figures = capacity.summary(res, P)
ctx.write_summary(key_figures)
display(cc.key_figures(res))""",
    ),
    (
        "md",
        """## Giả định & lưu ý

- **Hướng dẫn không quy định đơn giá.** Mọi đơn giá (chi phí mỗi ngày-lớp, hỗ trợ học viên, biên soạn
  tài liệu, đơn giá từng kênh truyền thông, mức phụ cấp) là **giả định của người lập kế hoạch, tính bằng
  triệu đồng**, cần thay bằng định mức chi của tỉnh trong tệp tham số (mục `capacity`).
- Quy mô nhóm giáo viên, tổ khuyến nông, một phần chủ thể kinh tế (doanh nghiệp, trang trại) là giả định
  theo số xã vì khảo sát không có cột tương ứng.
- Mỗi học viên của một năm học tất cả chủ đề của nhóm; người đã học không học lại trước khi cả nhóm được
  đào tạo (để tính mục tiêu "mọi cán bộ xã được đào tạo ít nhất một lần").
- Lịch theo quý chỉ giới hạn lực lượng giảng dạy cấp tỉnh; lớp vượt năng lực được đánh dấu, không tự
  chuyển sang năm sau (`capacity.on_overflow`: `flag` hoặc `raise`).
- Giai đoạn kế hoạch mặc định là toàn bộ giai đoạn chương trình; kế hoạch ban hành muộn hơn đặt
  `capacity.plan_start_year` để chỉ tính các năm còn lại.
- Khi dùng dữ liệu minh họa, mọi số liệu khảo sát chỉ để minh họa cách dùng sổ tính.

Bảng dưới liệt kê các tham số của sổ tính này, giá trị đang dùng và nguồn (hoặc giả định).""",
    ),
    (
        "code",
        """with pd.option_context("display.max_rows", 300, "display.max_colwidth", 200):
    display(show_table(capacity.assumptions(P), capacity.LABELS))""",
    ),
]


if __name__ == "__main__":
    write_notebook(build_notebook(PARAMETERS, CELLS, id_prefix="c04"), TARGET)
