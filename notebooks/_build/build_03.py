"""Write notebooks/03_budget.ipynb (stored without outputs).

Run from the project root:  .venv/bin/python notebooks/_build/build_03.py
"""

from __future__ import annotations

from common import NOTEBOOKS_DIR, PROVINCE_PARAMETERS, build_notebook, write_notebook

TARGET = NOTEBOOKS_DIR / "03_budget.ipynb"

PARAMETERS = PROVINCE_PARAMETERS

CELLS: list[tuple[str, str]] = [
    (
        "md",
        """# Nguồn lực và kinh phí thực hiện chuyển đổi số trong xây dựng nông thôn mới

**Mục đích.** Đề xuất, bố trí nguồn lực (nhiệm vụ 7 của Hướng dẫn thực hiện Quyết định 924/QĐ-TTg) và
tính chi phí các chính sách hỗ trợ (nhiệm vụ 6): nhu cầu kinh phí theo hoạt động × năm × nguồn vốn
(ngân sách trung ương, tỉnh, huyện — chỉ hệ thống cũ —, xã, vốn xã hội hóa và nguồn hợp pháp khác),
trần vốn và phần thiếu hụt, so sánh kịch bản, phân bổ vốn trung ương theo xã và lựa chọn xã được hỗ trợ
khắc phục thiếu hụt tốt nhất trong nguồn vốn có hạn. Mỗi số tiền truy được về một đơn giá hoặc một trần
vốn trong tệp tham số (xem mục **Giả định & lưu ý** cuối sổ tính).

*Resources and budget (guidance tasks 6–7): costs by activity × year × funding source, envelopes and
gaps, scenarios, central funds across communes, best use of a limited envelope. Every amount traces to a
unit cost or an envelope in the params.*""",
    ),
    (
        "code",
        """%matplotlib inline
import pandas as pd
from IPython.display import Markdown, display
from ntmplan.tasks import budget
from ntmplan.tasks import pilots
from ntmplan.notebook.display import show_table
from ntmplan.notebook import context as workbook
from ntmplan.tasks.budget import charts as bc

ctx = workbook.open_workbook("03_budget", province, params_file, data_file, output_dir)
P = ctx.params
display(Markdown(ctx.notice()))
inputs = {"survey": ctx.survey, "pilots": ctx.read_summary("02_pilots"), "capacity": ctx.read_summary("04_capacity")}
result = budget.build(inputs, P)
used = {"02_pilots": "kết quả sổ tính 02", "04_capacity": "kết quả sổ tính 04", "params": "ước tính theo đơn giá trong tham số"}
display(Markdown(
    f"**Tỉnh/thành phố:** {ctx.province_name} ({ctx.province_code}) · **Giai đoạn:** "
    f"{P['programme']['start_year']}–{P['programme']['end_year']} · **Số đơn vị khảo sát:** {len(ctx.survey)} · "
    f"**Cấp ngân sách:** {', '.join(budget.source_label(s, P).split(' / ')[0] for s in budget.budget_tiers(P, result['scheme']))}\\n\\n"
    f"- Mô hình thí điểm: {used[result['inputs_used']['pilots']]}\\n"
    f"- Đào tạo, truyền thông, phụ cấp tổ công nghệ số: {used[result['inputs_used']['capacity']]}"
))""",
    ),
    (
        "md",
        """## 1. Chi phí theo hoạt động

Mỗi dòng là một khoản chi với căn cứ tính (đơn giá × khối lượng, khóa tham số tương ứng). Khi chưa có
kết quả sổ tính 02 (thí điểm) hoặc 04 (đào tạo, truyền thông), khoản chi được ước tính theo đơn giá
trong tham số `budget.unit_costs` và căn cứ ghi rõ điều đó.""",
    ),
    (
        "code",
        """with pd.option_context("display.max_rows", 200, "display.max_colwidth", 200, "display.precision", 1):
    display(show_table(budget.labelled(result["costs"], P), budget.LABELS))
fig = bc.by_activity_chart(result["tidy"], P)
ctx.show_figure(fig, "03_by_activity")""",
    ),
    (
        "md",
        """## 2. Phân kỳ theo năm và cơ cấu nguồn vốn

Chi phí được phân kỳ theo quy tắc của từng hoạt động (`budget.phasing`: đều các năm, tập trung những năm
đầu, hoặc từ một năm nhất định) và chia theo tỷ lệ nguồn vốn mặc định (`budget.splits`). Theo hệ thống
hành chính từ 01/7/2025 không còn cấp huyện: phần ngân sách huyện trong tỷ lệ mặc định được chuyển cho
ngân sách tỉnh và xã theo tỷ lệ tương ứng của hai nguồn này (`budget.absent_tier_to`). Đơn vị: triệu đồng.""",
    ),
    (
        "code",
        """with pd.option_context("display.precision", 1):
    display(budget.pivot(result["tidy"], "year", P))
fig = bc.by_year_chart(result["tidy"], P)
ctx.show_figure(fig, "03_by_year_source")
with pd.option_context("display.precision", 1):
    display(budget.pivot(result["tidy"], "activity", P))
fig = bc.shares_chart(result["tidy"], P)
ctx.show_figure(fig, "03_source_shares")""",
    ),
    (
        "md",
        """## 3. Trần vốn, phần vượt trần và kiểm tra

Trần vốn theo nguồn và năm do tỉnh khai báo (`budget.envelopes`). Phần nhu cầu vượt trần của một nguồn
được chuyển sang nguồn dự phòng (`budget.fallback`, ví dụ phần vượt của ngân sách trung ương do ngân sách
tỉnh bảo đảm) hoặc ghi là **chưa có nguồn**. Bảng kiểm tra: mọi hoạt động đủ nguồn, tổng khớp chi phí,
tỷ lệ từng nhóm nguồn trong ngưỡng (`budget.share_bounds` — giả định, tỉnh tự đặt theo quy định của mình).""",
    ),
    (
        "code",
        """envelopes = budget.envelope_table(P)
if envelopes.empty:
    display(Markdown("_Tỉnh chưa khai báo trần vốn (`budget.envelopes`) — không giới hạn nguồn nào._"))
else:
    display(show_table(budget.labelled(envelopes, P), budget.LABELS))
if len(result["gaps"]):
    with pd.option_context("display.max_rows", 200, "display.precision", 1):
        display(show_table(budget.labelled(result["gaps"], P), budget.LABELS))
fig = bc.gap_chart(result["gaps"], P)
ctx.show_figure(fig, "03_funding_gap")
with pd.option_context("display.max_rows", 100, "display.precision", 3):
    display(show_table(budget.labelled(result["checks"], P), budget.LABELS))""",
    ),
    (
        "md",
        """## 4. So sánh kịch bản

Mỗi kịch bản (`budget.scenarios`) là một thay đổi nhỏ trên bộ tham số: vốn xã hội hóa thấp/cao, ít mô
hình thí điểm hơn, đơn giá cao hơn. Đơn vị: triệu đồng.""",
    ),
    (
        "code",
        """scenario_table = budget.scenarios(inputs, P)
with pd.option_context("display.precision", 1):
    display(show_table(scenario_table, budget.labels(P)))
fig = bc.scenario_chart(scenario_table, P)
ctx.show_figure(fig, "03_scenarios")""",
    ),
    (
        "md",
        """## 5. Phân bổ vốn trung ương theo xã

Vốn trung ương được chia cho các xã theo hệ số phân loại xã (`budget.category_weights`; xã có nhiều
phân loại chỉ áp dụng hệ số cao nhất; đặc khu tính như xã đảo). Hồ sơ 2026–2030 dùng hệ số đã công bố
(khu vực III, an toàn khu, biên giới, đảo, đặc khu 50; khu vực II 40; khu vực I 30; khác 25); hồ sơ
2021–2025 dùng hệ số giả định. Tổng vốn chia là `budget.central_envelope_mvnd`, hoặc — khi bằng 0 —
tổng ngân sách trung ương trong bảng trên.""",
    ),
    (
        "code",
        """central_total = budget.central_envelope(result, P)
allocation = budget.allocate_central(ctx.survey, central_total, P)
display(Markdown(f"Tổng vốn trung ương phân bổ: **{budget.format_number(central_total)} triệu đồng** cho {len(allocation)} xã."))
with pd.option_context("display.max_rows", 30, "display.precision", 2):
    display(show_table(allocation, budget.LABELS))
fig = bc.allocation_chart(allocation, P)
ctx.show_figure(fig, "03_central_allocation")""",
    ),
    (
        "md",
        """## 6. Sử dụng tốt nhất nguồn vốn hạn chế để khắc phục thiếu hụt

Từ chi phí khắc phục thiếu hụt của từng xã (sổ tính 02, đơn giá `pilots.unit_costs_mvnd`), chọn các xã
được hỗ trợ sao cho **nhiều xã nhất đạt đủ mọi điều kiện** thí điểm trong phạm vi nguồn vốn
(`budget.best_use_budget_mvnd`), giải bằng quy hoạch nguyên (MILP); khi số xã bằng nhau chọn phương án
rẻ hơn. Một xã được hỗ trợ toàn bộ thiếu hụt hoặc không. Xã không thể đạt đủ điều kiện bằng kinh phí (ví
dụ không có lĩnh vực nổi bật) không được xét. Kết quả được so với cách chọn lần lượt xã rẻ nhất.""",
    ),
    (
        "code",
        """best_type = P["budget"]["best_use_pilot_type"]
gaps_by_commune = pilots.gap_costs(ctx.survey, pilots.check_eligibility(ctx.survey, P, best_type), P)
best_budget = float(P["budget"]["best_use_budget_mvnd"])
best = budget.best_use(gaps_by_commune, best_budget)
greedy = budget.greedy_use(gaps_by_commune, best_budget)
extra = budget.extra_figures(scenario_table, allocation, best, greedy, best_budget)
b = extra["best_use"]
display(Markdown(
    f"Loại mô hình: **{P['pilots']['types'].get(best_type, {}).get('label_vi', best_type)}** · Nguồn vốn: **{budget.format_number(best_budget)} triệu đồng** · "
    f"Xã có thể hỗ trợ: {b['candidates']} · Được hỗ trợ: **{b['funded']} xã** "
    f"({budget.format_number(b['cost_mvnd'])} triệu đồng) · Xã đạt đủ điều kiện sau hỗ trợ: **{b['meets_after']}** · "
    f"Cách chọn xã rẻ nhất trước: {b['greedy_funded']} xã ({budget.format_number(b['greedy_cost_mvnd'])} triệu đồng)."
))
best_table = best[["commune_code", "commune_name", "attainable", "total_gap_mvnd", "already_meets", "funded", "meets_after"]]
best_labels = budget.LABELS | {"attainable": budget.LABELS["can_meet_all"], "total_gap_mvnd": budget.LABELS["gap_cost_mvnd"]}
with pd.option_context("display.max_rows", 100, "display.precision", 1):
    display(show_table(best_table[best_table["funded"] | best_table["already_meets"]], best_labels))""",
    ),
    (
        "md",
        """## 7. Điều chỉnh tương tác

Khi mở sổ tính (chế độ tương tác), có thể chọn kịch bản, đổi hệ số vốn xã hội hóa, số xã thí điểm và
trần vốn mỗi năm của từng nguồn; bảng và biểu đồ cập nhật ngay. Ô **Tỉnh/thành phố** nạp số liệu của
tỉnh khác ngay trong bảng điều khiển này (các mục khác vẫn là của tỉnh đã mở sổ tính). Các thay đổi
này **không** ghi vào `budget.xlsx`; nút **Xuất Excel** ghi lựa chọn hiện tại và các bảng kinh phí
tương ứng ra `lua_chon_03_budget.xlsx` trong thư mục kết quả của tỉnh đang xem. Muốn giữ lâu dài, hãy
ghi vào tệp tham số của tỉnh.""",
    ),
    (
        "code",
        """if interactive:
    from ntmplan.notebook import widgets

    display(widgets.budget_panel(ctx, params_file, data_file, output_dir).widget)
else:
    display(Markdown("_Chế độ chạy hàng loạt: không hiển thị điều khiển tương tác._"))""",
    ),
    (
        "md",
        """## 8. Xuất Excel và số liệu chính

`budget.xlsx`: bảng chi tiết (hoạt động × năm × nguồn), bảng năm × nguồn, hoạt động × nguồn, các khoản chi
với căn cứ tính, phần vượt trần, kịch bản và phân bổ theo xã; số tiền định dạng triệu đồng.""",
    ),
    (
        "code",
        """sheets = budget.export_tables(
    result,
    P,
    extra={
        "Kịch bản": scenario_table,
        "Phân bổ vốn TW theo xã": allocation,
        "Hỗ trợ thiếu hụt": best_table.rename(columns=best_labels),
    },
)
budget.write_xlsx(ctx.path("budget.xlsx"), sheets)
key_figures = budget.summary(result, P, extra)
ctx.write_summary(key_figures)
display(Markdown(
    f"- Tổng nhu cầu: **{budget.format_number(key_figures['total_mvnd'])} triệu đồng**\\n"
    f"- Đã có nguồn: **{budget.format_number(key_figures['funded_mvnd'])} triệu đồng**; "
    f"chưa có nguồn: **{budget.format_number(key_figures['gap_mvnd'])} triệu đồng**\\n"
    + "\\n".join(f"- {budget.source_label(s, P)}: {budget.format_number(v)} triệu đồng ({budget.format_share(key_figures['source_shares'][s])})" for s, v in key_figures["by_source_mvnd"].items())
))""",
    ),
    (
        "md",
        """## Giả định & lưu ý

**Mỗi số tiền truy về đâu.**
- *Khoản chi* = đơn giá trong `budget.unit_costs` × khối lượng (số xã thuộc phạm vi `budget.scope_unit_types`,
  số xã khảo sát, số năm hoạt động, số thành viên tổ công nghệ số) × hệ số đơn giá `budget.unit_cost_factor`;
  cột "Căn cứ tính" ở mục 1 ghi phép tính và khóa tham số. Đào tạo, truyền thông và phụ cấp lấy từ sổ tính 04
  khi có (theo năm, đơn giá trong `capacity`); mô hình thí điểm lấy số xã đã chọn và chi phí khắc phục thiếu
  hụt từ sổ tính 02 (đơn giá `pilots.unit_costs_mvnd`), cộng gói hỗ trợ mỗi mô hình. Khoản tỉnh tự thêm: `budget.other_items`.
- *Theo năm* = khoản chi × tỷ trọng năm theo `budget.phasing` (trừ dòng của sổ tính 04 đã có năm).
- *Theo nguồn* = số tiền năm × tỷ lệ nguồn `budget.splits`, sau khi chuyển phần ngân sách huyện (khi không
  còn cấp huyện) theo `budget.absent_tier_to` và điều chỉnh vốn xã hội hóa theo `budget.socialised_factor`.
- *Sau trần vốn* = phần trong trần `budget.envelopes`; phần vượt chuyển theo `budget.fallback` hoặc ghi "chưa có nguồn".
- *Phân bổ theo xã* = vốn trung ương × hệ số phân loại xã / tổng hệ số (`budget.category_weights`).

**Lưu ý.** Các đơn giá, tỷ lệ nguồn vốn, quy tắc phân kỳ và ngưỡng tỷ lệ là **giả định lập kế hoạch** (không có
định mức quốc gia cho các khoản này); tỉnh cần thay bằng đơn giá, quy định phân cấp ngân sách và trần vốn
của mình trong tệp tham số của tỉnh. Hệ số phân bổ 2021–2025 là giả định; hệ số 2026–2030 theo quy định đã
công bố, cần đối chiếu văn bản chính thức. Khi dùng dữ liệu minh họa, mọi số liệu chỉ để minh họa cách dùng.

Bảng dưới liệt kê các tham số của sổ tính này, giá trị đang dùng và nguồn (hoặc giả định).""",
    ),
    (
        "code",
        """with pd.option_context("display.max_rows", 200, "display.max_colwidth", 200):
    display(show_table(budget.assumptions(P, ctx.province_code), budget.LABELS))""",
    ),
]


if __name__ == "__main__":
    write_notebook(build_notebook(PARAMETERS, CELLS, id_prefix="c03"), TARGET)
