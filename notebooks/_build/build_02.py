"""Write notebooks/02_pilots.ipynb (stored without outputs).

Run from the project root:  .venv/bin/python notebooks/_build/build_02.py
"""

from __future__ import annotations

from common import NOTEBOOKS_DIR, PROVINCE_PARAMETERS, build_notebook, write_notebook

TARGET = NOTEBOOKS_DIR / "02_pilots.ipynb"

PARAMETERS = PROVINCE_PARAMETERS

CELLS: list[tuple[str, str]] = [
    (
        "md",
        """# Chọn xã xây dựng mô hình thí điểm

**Mục đích.** Nhiệm vụ 3 của Hướng dẫn thực hiện Quyết định 924/QĐ-TTg: mỗi tỉnh xây dựng ít nhất
một mô hình xã nông thôn mới thông minh và đăng ký xã tham gia thí điểm do Trung ương chỉ đạo (xã
nông thôn mới thông minh, xã thương mại điện tử). Sổ tính này kiểm tra từng xã theo các điều kiện của
Hướng dẫn, nêu rõ xã còn thiếu gì (tính bằng số hộ, số cán bộ, số thôn…), xếp hạng các xã đủ điều
kiện bằng điểm minh bạch, đề xuất xã được chọn, ước tính chi phí bù thiếu hụt khi chưa có xã nào đủ
điều kiện và lập bảng đăng ký gửi Trung ương.

*Pilot-commune selection (guidance task 3): eligibility by the guidance's conditions with the
shortfall of every commune, transparent ranking, chosen pilots, cost of closing the gaps, and the
registration of candidates for central pilots.*""",
    ),
    (
        "code",
        """%matplotlib inline
import warnings

import pandas as pd
from IPython.display import Markdown, display
from ntmplan.core import charts
from ntmplan.tasks.pilots import charts as pilot_charts
from ntmplan.tasks import pilots
from ntmplan.notebook.display import show_table
from ntmplan.survey import units
from ntmplan.notebook import context as workbook
from ntmplan.core import writers as nio

ctx = workbook.open_workbook("02_pilots", province, params_file, data_file, output_dir)
P = ctx.params
display(Markdown(ctx.notice()))
display(Markdown(
    f"**Tỉnh/thành phố:** {ctx.province_name} ({ctx.province_code}) · "
    f"**Năm khảo sát:** {ctx.survey['year'].max()} · **Số đơn vị:** {len(ctx.survey)}"
))""",
    ),
    (
        "md",
        """## 1. Điều kiện của Hướng dẫn

Một xã đủ điều kiện khi đạt **mọi** điều kiện của loại mô hình. Ngưỡng tỷ lệ được so sánh chính xác
bằng số nguyên (500/1.000 hộ đạt ngưỡng 50%, 499 hộ thì không; 37/37 cán bộ là 100%). Các ngưỡng nằm
trong tham số (mục `pilots.thresholds`) và có thể thay đổi trong tệp tham số của tỉnh.""",
    ),
    (
        "code",
        """with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)  # pinned codes not found are listed in the summary
    results = pilots.evaluate(ctx.survey, P)
smart, ecom = results["smart_commune"], results["ecommerce_commune"]
with pd.option_context("display.max_colwidth", 120):
    display(show_table(pilots.conditions_table(P).drop(columns="condition"), pilots.LABELS))""",
    ),
    (
        "md",
        """## 2. Phễu điều kiện

Số đơn vị đạt từng điều kiện **lần lượt** (cột đậm: đạt điều kiện này và mọi điều kiện trước; cột nhạt:
đạt riêng điều kiện này). Cột cuối là số xã đủ điều kiện.""",
    ),
    (
        "code",
        """for key, res in results.items():
    label = P["pilots"]["types"][key]["label_vi"]
    display(show_table(res["funnel"].drop(columns="condition"), pilots.LABELS))
    fig = pilot_charts.funnel_chart(res["funnel"], f"Phễu điều kiện — {label} — {ctx.province_name}")
    ctx.show_figure(fig, f"02_funnel_{key}")""",
    ),
    (
        "md",
        """## 3. Từng xã: điều kiện đạt (✓) / chưa đạt (✗) và phần còn thiếu

Mô hình xã nông thôn mới thông minh. Cột "Thiếu: …" là số còn thiếu để đạt từng điều kiện (0 khi đã
đạt); "Tổng chi phí bù thiếu hụt" tính theo đơn giá ở mục `pilots.unit_costs_mvnd`. Xã không có lĩnh vực
nổi bật hoặc không phải xã thì không thể "mua" cho đạt điều kiện nên không có trong lộ trình chi phí.""",
    ),
    (
        "code",
        """communes = pilots.commune_table(ctx.survey, smart["eligibility"], smart["ranked"], params=P)
with pd.option_context("display.max_rows", 500, "display.max_columns", 60, "display.max_colwidth", 200):
    display(show_table(communes, pilots.LABELS))""",
    ),
    (
        "md",
        """## 4. Xếp hạng các xã đủ điều kiện

Điểm 0–100 = trung bình có trọng số của các chỉ số đã quy về 0–1 (hộ kết nối, phủ 4G/5G, hồ sơ trực
tuyến, hợp tác xã dùng nền tảng số, sản phẩm OCOP bán trực tuyến, thành viên tổ công nghệ số cộng đồng
trên 1.000 dân, nhu cầu chuyển đổi số, doanh nghiệp dịch vụ số) cộng ưu tiên cho lĩnh vực kinh tế số /
xã hội số (Hướng dẫn mục 3a). Trọng số và thang quy đổi ở mục `pilots.weights`, `pilots.scales`.""",
    ),
    (
        "code",
        """rank_cols = ["rank", "commune_code", "commune_name", "sector_vi", "score",
             *[f"ind_{name}" for name in pilots.INDICATORS]]
for key, res in results.items():
    display(Markdown(f"**{P['pilots']['types'][key]['label_vi']}**"))
    eligible = res["ranked"][res["ranked"]["eligible"]]
    if len(eligible):
        with pd.option_context("display.max_rows", 200, "display.precision", 2):
            display(show_table(eligible[rank_cols], pilots.LABELS))
    else:
        display(Markdown("_Chưa có xã nào đủ điều kiện._"))""",
    ),
    (
        "md",
        """## 5. Xã được chọn

Thứ tự chọn: xã do tỉnh ghim (`pilots.pin`), rồi các xã đủ điều kiện điểm cao nhất — ưu tiên các xã
khác lĩnh vực khi chọn nhiều xã; xã trong `pilots.exclude` bị loại. Với mô hình xã nông thôn mới thông
minh, nếu chưa đủ xã đủ điều kiện thì chọn xã có chi phí bù thiếu hụt thấp nhất.""",
    ),
    (
        "code",
        """key_figures = pilots.summary(ctx.survey, P, results)
display(Markdown(f"> {key_figures['statement_vi']}"))
chosen_cols = ["choice", "commune_code", "commune_name", "sector_vi", "eligible", "score",
               "basis_vi", "gap_mvnd", "missing_vi"]
chosen = pd.concat(
    [res["chosen"].assign(pilot_type_vi=P["pilots"]["types"][key]["label_vi"]) for key, res in results.items()],
    ignore_index=True,
)
display(show_table(chosen[["pilot_type_vi", *chosen_cols]], pilots.LABELS))""",
    ),
    (
        "md",
        """## 6. Lộ trình đạt mục tiêu: các xã có chi phí bù thiếu hụt thấp nhất

Chi phí (triệu đồng) để đưa xã vượt mọi điều kiện: hỗ trợ kết nối và thiết bị cho hộ, máy tính cho cán
bộ, tạo tài khoản thư điện tử / văn phòng điện tử, kéo cáp quang và phủ sóng 4G/5G đến thôn, huy động
doanh nghiệp dịch vụ số. Chỉ gồm các xã có lĩnh vực nổi bật và đủ số liệu.""",
    ),
    (
        "code",
        """for key, res in results.items():
    label = P["pilots"]["types"][key]["label_vi"]
    n_elig = int(res["eligibility"]["eligible"].sum())
    head = (f"**{label}**: chưa có xã nào đủ điều kiện — các xã gần đạt nhất:" if n_elig == 0
            else f"**{label}**: đã có {n_elig} xã đủ điều kiện; các xã gần đạt tiếp theo (tham khảo):")
    display(Markdown(head))
    if len(res["cheapest"]):
        display(show_table(res["cheapest"].drop(columns="prominent_sector"), pilots.LABELS))
    else:
        display(Markdown("_Không có xã nào có thể bù thiếu hụt bằng kinh phí (thiếu lĩnh vực nổi bật hoặc số liệu)._"))""",
    ),
    (
        "md",
        """## 7. Bản đồ các xã và xã được chọn

Mỗi điểm là trung tâm một xã (danh mục đơn vị hành chính 2025), màu theo điểm xếp hạng mô hình xã nông
thôn mới thông minh (tô màu cả các xã chưa đủ điều kiện, nên điểm cao nhất trên bản đồ có thể là một
xã chưa đủ điều kiện); vòng đỏ là xã được chọn.""",
    ),
    (
        "code",
        """coords = units.current_units()[["commune_code", "lon", "lat"]]
map_frame = smart["ranked"].merge(coords, on="commune_code", how="left")
fig = charts.dot_map(
    map_frame, value="score", highlight=key_figures["chosen_smart_codes"],
    title=f"Điểm xếp hạng và xã được chọn — {ctx.province_name}", colorbar_label="Điểm (0–100)",
)
ctx.show_figure(fig, "02_dot_map")""",
    ),
    (
        "md",
        """## 8. Độ vững của lựa chọn

Mỗi trọng số được nhân ngẫu nhiên với hệ số trong khoảng ±`spread` (mặc định ±20%, có hạt giống cố định
nên kết quả lặp lại được), nhiều lần. Bảng cho biết tỷ lệ số lần mỗi xã đủ điều kiện vẫn nằm trong
nhóm k xã đầu và tỷ lệ số lần đứng đầu: tỷ lệ gần 1 nghĩa là lựa chọn không phụ thuộc vào một trọng số.""",
    ),
    (
        "code",
        """rp = P["pilots"]["robustness"]
robust = pilots.robustness(ctx.survey, smart["eligibility"], P)
display(Markdown(f"{rp['draws']} lần, biên độ ±{rp['spread']:.0%}, k = {rp['k']}"))
if len(robust):
    with pd.option_context("display.precision", 2):
        display(show_table(robust.head(15), pilots.LABELS))
else:
    display(Markdown("_Không có xã đủ điều kiện để đánh giá độ vững._"))""",
    ),
    (
        "md",
        """## 9. Điều chỉnh ngưỡng, trọng số và số xã chọn (tương tác)

Kéo thanh trượt để thử ngưỡng, trọng số và số xã chọn khác; phễu, xã được chọn và bảng xếp hạng được
tính lại ngay bằng cùng các hàm ở trên (tham số gốc không thay đổi). Ô **Tỉnh/thành phố** nạp số liệu
của tỉnh khác ngay trong bảng điều khiển này (các mục phía trên vẫn là của tỉnh đã mở sổ tính); nút
**Xuất Excel** ghi lựa chọn hiện tại (ngưỡng, trọng số, xã được chọn, xếp hạng, phễu) ra
`lua_chon_02_pilots.xlsx` trong thư mục kết quả của tỉnh đang xem. Để dùng lâu dài, ghi giá trị mới
vào tệp tham số của tỉnh.""",
    ),
    (
        "code",
        """if interactive:
    from ntmplan.notebook import widgets

    display(widgets.pilots_panel(ctx, params_file, data_file, output_dir).widget)
else:
    display(Markdown("_Chế độ chạy hàng loạt: không hiển thị điều khiển tương tác._"))""",
    ),
    (
        "md",
        """## 10. Tệp xuất và số liệu chính

- `pilots.xlsx`: mọi xã với điều kiện, phần thiếu, chi phí bù thiếu hụt và điểm; xã được chọn; phễu;
  độ vững.
- `dang_ky_thi_diem_trung_uong.xlsx`: đăng ký xã tham gia thí điểm do Trung ương chỉ đạo (Hướng dẫn mục
  3b), mỗi dòng một xã, cùng một bộ cột cho mọi tỉnh để Văn phòng Điều phối Trung ương ghép lại.""",
    ),
    (
        "code",
        """gaps = pilots.gap_costs(ctx.survey, smart["eligibility"], P)
ecom_table = pilots.commune_table(ctx.survey, ecom["eligibility"], ecom["ranked"], params=P)
funnels = pd.concat([res["funnel"].assign(pilot_type=key) for key, res in results.items()], ignore_index=True)
nio.write_excel(
    ctx.path("pilots.xlsx"),
    {
        "Xã - NTM thông minh": communes,
        "Xã - TMĐT": ecom_table,
        "Xã được chọn": chosen,
        "Chi phí bù thiếu hụt": gaps,
        "Phễu điều kiện": funnels,
        "Độ vững": robust,
        "Điều kiện": pilots.conditions_table(P),
    },
    labels=pilots.LABELS,
)
registration = pilots.registration_table(ctx.survey, P, ctx.province_code, ctx.province_name)
nio.write_excel(ctx.path("dang_ky_thi_diem_trung_uong.xlsx"), {"Đăng ký thí điểm": registration}, labels=pilots.LABELS)
if len(registration):
    display(show_table(registration, pilots.LABELS))
else:
    display(Markdown("_Tỉnh chưa có xã đủ điều kiện (hoặc được ghim) để đăng ký thí điểm Trung ương; tệp đăng ký chỉ có dòng tiêu đề._"))
ctx.write_summary(key_figures)
display(Markdown(
    f"- Xã đủ điều kiện — xã NTM thông minh: **{key_figures['eligible_count']['smart_commune']}**, "
    f"xã thương mại điện tử: **{key_figures['eligible_count']['ecommerce_commune']}**\\n"
    f"- Xã được chọn (xã NTM thông minh): **{', '.join(key_figures['chosen_smart_codes']) or 'chưa có'}**\\n"
    f"- Chi phí bù thiếu hụt của xã được chọn: **{key_figures['smart_pilots_gap_mvnd']:,.0f} triệu đồng**"
))""",
    ),
    (
        "md",
        """## Giả định & lưu ý

- "Hạ tầng băng rộng đã có" được hiểu là **mọi thôn** có cáp quang và sóng 4G/5G (ngưỡng 100% số thôn);
  đây là cách hiểu của sổ tính, có thể hạ ngưỡng trong tham số.
- Phường không thuộc phạm vi thí điểm nông thôn mới; đặc khu được tính cùng xã (`pilots.rural_unit_types`).
- Điều kiện của xã thương mại điện tử (sản phẩm OCOP bán trực tuyến, tỷ lệ hộ bán hàng trực tuyến) là
  **giả định** dựa trên tinh thần Công văn 3445/BNN-VPĐP; thay bằng tiêu chí chính thức khi có.
- Số liệu thiếu được coi là chưa đạt; xã thiếu số hộ, số thôn hoặc số cán bộ không tính được phần
  thiếu và không có trong lộ trình chi phí.
- Đơn giá bù thiếu hụt là **giả định** để ước tính quy mô kinh phí, không phải dự toán; sổ tính 03
  (kinh phí) dùng tổng chi phí của xã được chọn từ `summary.json`.
- Điểm xếp hạng chỉ dùng để so sánh các xã trong tỉnh; bảng độ vững cho biết lựa chọn có phụ thuộc vào
  trọng số hay không.
- Khi dùng dữ liệu minh họa, mọi số liệu khảo sát chỉ để minh họa cách dùng sổ tính.

Bảng dưới liệt kê các tham số của sổ tính này, giá trị đang dùng và nguồn (hoặc giả định).""",
    ),
    (
        "code",
        """with pd.option_context("display.max_rows", 200, "display.max_colwidth", 200):
    display(show_table(pilots.assumptions(P), pilots.LABELS))""",
    ),
]


if __name__ == "__main__":
    write_notebook(build_notebook(PARAMETERS, CELLS, id_prefix="c02"), TARGET)
