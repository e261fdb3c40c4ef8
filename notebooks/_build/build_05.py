"""Write notebooks/05_data.ipynb (stored without outputs).

Run from the project root:  .venv/bin/python notebooks/_build/build_05.py
"""

from __future__ import annotations

from common import NOTEBOOKS_DIR, PROVINCE_PARAMETERS, build_notebook, write_notebook

TARGET = NOTEBOOKS_DIR / "05_data.ipynb"

PARAMETERS = PROVINCE_PARAMETERS

CELLS: list[tuple[str, str]] = [
    (
        "md",
        """# Dữ liệu nông thôn mới: chất lượng, chuyển đổi mã cũ và gói dữ liệu chia sẻ

**Mục đích.** Nhiệm vụ 5 của Hướng dẫn thực hiện Quyết định 924/QĐ-TTg: thu thập, lưu trữ dữ liệu về
nông nghiệp, nông dân, nông thôn và nông thôn mới, giữ dữ liệu ổn định, sẵn sàng chia sẻ và cập nhật
vào cơ sở dữ liệu dùng chung quốc gia. Sổ tính này

1. chuyển số liệu khảo sát theo **mã đơn vị hành chính cũ** (trước 1/7/2025) sang **đơn vị 2025** và
   báo cáo việc chuyển đổi (xã giữ nguyên, sáp nhập, chia tách, không đối chiếu được);
2. kiểm tra **chất lượng dữ liệu** (mức đầy đủ, giá trị ngoài khoảng hợp lý, trùng lặp, xã còn thiếu so
   với danh mục, biến động bất thường giữa hai kỳ);
3. ghi **gói dữ liệu chia sẻ** có phiên bản (CSV UTF-8, mô tả Frictionless `datapackage.json`, từ điển dữ
   liệu tiếng Việt, mã kiểm tra SHA-256) và kiểm tra gói bằng thư viện `frictionless`.

*Guidance task 5: legacy → 2025 conversion report, data-quality report, versioned export package for
the national shared database, validated with Frictionless.*""",
    ),
    (
        "code",
        """%matplotlib inline
import pandas as pd
from IPython.display import Markdown, display
from ntmplan.tasks import datashare
from ntmplan.notebook.display import show_table
from ntmplan.tasks import status
from ntmplan.survey import units
from ntmplan.notebook import context as workbook

ctx = workbook.open_workbook("05_data", province, params_file, data_file, output_dir)
P = ctx.params
display(Markdown(ctx.notice()))
display(Markdown(
    f"**Tỉnh/thành phố:** {ctx.province_name} ({ctx.province_code}) · "
    f"**Năm khảo sát:** {ctx.survey['year'].max()} · **Số đơn vị trong khảo sát:** {len(ctx.survey)}"
))""",
    ),
    (
        "md",
        """## 1. Chuyển số liệu mã cũ sang đơn vị hành chính 2025

Từ 1/7/2025 cả nước có 34 tỉnh, thành phố và 3.321 đơn vị cấp xã, không còn cấp huyện. Số liệu khảo sát
trước đó (63 tỉnh, 10.040 đơn vị cấp xã) phải chuyển sang đơn vị mới theo bảng đối chiếu của gói
`vietnamadminunits` trước khi so sánh hoặc chia sẻ. Các quy tắc gộp (cộng dồn, tính lại tỷ lệ, tiêu chí
có/không, danh mục) nằm ở tham số `datashare.conversion` và được ghi vào báo cáo dưới đây.

Khi chạy trên dữ liệu minh họa, sổ tính dùng bộ khảo sát minh họa năm 2023 theo mã cũ; với số liệu thật
theo đơn vị 2025, phần này chỉ chạy khi tệp đầu vào là khảo sát mã cũ (`programme.scheme: legacy`).""",
    ),
    (
        "code",
        """source = datashare.legacy_source(ctx.data_file, P["programme"]["scheme"], ctx.illustrative)
before, conversion = None, None
if source is not None:
    before, conversion = datashare.convert_legacy_province(source, ctx.province_code, P)
    display(Markdown(
        f"Tệp mã cũ: `{source.name}` · năm {', '.join(str(y) for y in sorted(before['year'].unique()))} · "
        f"cách xử lý xã bị chia tách: **{conversion.split_method}**"
    ))
    display(show_table(conversion.counts_table(), datashare.LABELS))
    display(Markdown("**Tổng số trước và sau chuyển đổi** (phải bằng nhau với các dòng đối chiếu được):"))
    display(show_table(conversion.totals, datashare.LABELS))
    display(Markdown("**Quy tắc chuyển đổi**"))
    with pd.option_context("display.max_colwidth", 300):
        display(show_table(pd.DataFrame(conversion.rules), datashare.LABELS))
else:
    display(Markdown("_Không có khảo sát theo mã cũ cho lần chạy này — bỏ qua phần chuyển đổi._"))""",
    ),
    (
        "code",
        """if conversion is not None:
    if conversion.n_unmatched:
        display(Markdown("**Dòng không đối chiếu được** (bị loại khỏi kết quả):"))
        display(show_table(conversion.unmatched, datashare.LABELS, max_rows=50))
    display(Markdown(
        f"**Đơn vị 2025 chỉ có số liệu của một phần các xã cũ hợp thành: {len(conversion.partial_units)}** "
        "(thường là thị trấn, phường cũ không có trong khảo sát xã); các chỉ tiêu đếm của những đơn vị "
        "này thấp hơn thực tế và không được dùng khi dò biến động bất thường."
    ))
    display(show_table(conversion.partial_units, datashare.LABELS, max_rows=20))
    merges = conversion.mapping[conversion.mapping["kind"] != "one_to_one"]
    display(Markdown("**Ví dụ xã cũ sáp nhập / chia tách** (20 dòng đầu):"))
    display(show_table(merges, datashare.LABELS, max_rows=20))""",
    ),
    (
        "md",
        """## 2. Thay đổi giữa hai kỳ khảo sát (theo đơn vị 2025)

Các chỉ tiêu chính của tỉnh ở kỳ trước (đã chuyển sang đơn vị 2025) và kỳ này; giá trị là bình quân
gia quyền theo số hộ của các xã thuộc phạm vi (tham số `status.compare_indicators`).""",
    ),
    (
        "code",
        """comparable = before is not None and len(before) and before["year"].max() < ctx.survey["year"].max()
comparison = None
if comparable and hasattr(status, "compare_years"):
    comparison = status.compare_years(before, ctx.survey, P)
    with pd.option_context("display.precision", 3):
        display(show_table(comparison, status.LABELS))
else:
    display(Markdown("_Không có kỳ khảo sát trước theo đơn vị 2025 để so sánh._"))""",
    ),
    (
        "md",
        """## 3. Báo cáo chất lượng dữ liệu

Các phát hiện dưới đây là **cảnh báo** cần kiểm tra lại với xã (khác với **lỗi** của bước kiểm tra tệp
`ntmplan validate`, vốn làm tệp không dùng được). Khoảng hợp lý và ngưỡng biến động là giả định, sửa
được trong tham số `datashare.quality`.""",
    ),
    (
        "code",
        """previous = datashare.drop_partial_units(before, conversion) if comparable else None
quality = datashare.quality_report(ctx.survey, P, previous=previous, province_codes=[ctx.province_code])
display(show_table(quality["overview"], datashare.LABELS))
incomplete = quality["completeness"][quality["completeness"]["completeness"] < 1]
display(Markdown(f"**Mức đầy đủ theo cột** — {len(incomplete)} cột chưa đầy đủ:"))
with pd.option_context("display.precision", 3):
    display(show_table(incomplete if len(incomplete) else quality["completeness"].head(5), datashare.LABELS))""",
    ),
    (
        "code",
        """fig = datashare.completeness_heatmap(
    quality["completeness_matrix"],
    title=f"Mức đầy đủ dữ liệu theo cột và xã — {ctx.province_name} (cột đỏ: xã chưa có trong khảo sát)",
)
ctx.show_figure(fig, "05_completeness")""",
    ),
    (
        "code",
        """sections = [
    ("ranges", "Giá trị ngoài khoảng hợp lý"),
    ("duplicates", "Dòng trùng lặp"),
    ("missing_units", "Xã có trong danh mục 2025 nhưng thiếu trong khảo sát"),
    ("unknown_units", "Mã không có trong danh mục 2025"),
    ("jumps", "Biến động bất thường so với kỳ trước"),
]
for key, title in sections:
    table = quality[key]
    display(Markdown(f"**{title}: {len(table)}**" + (" (30 dòng đầu)" if len(table) > 30 else "")))
    if len(table):
        with pd.option_context("display.precision", 2, "display.max_colwidth", 120):
            display(show_table(table, datashare.LABELS, max_rows=30))""",
    ),
    (
        "md",
        """## 4. Gói dữ liệu chia sẻ cho cơ sở dữ liệu dùng chung

Thư mục `data_export/<ngày>-<mã băm>/` trong thư mục kết quả của tỉnh chứa số liệu khảo sát của tỉnh
(đơn vị 2025, CSV UTF-8), mô tả máy đọc được của từng cột (Frictionless Data Package
`datapackage.json`, Table Schema sinh từ lược đồ khảo sát), từ điển dữ liệu tiếng Việt và tệp mã kiểm
tra `SHA256SUMS`. Mã băm tính trên nội dung: xuất lại số liệu không đổi sẽ dùng lại phiên bản đã có
(kể cả ở ngày khác), không ghi đè thư mục nào.""",
    ),
    (
        "code",
        """province_rows = ctx.survey_all[ctx.survey_all["province_code"] == ctx.province_code]
export_dir = datashare.export_package(
    province_rows, ctx.out, units.province_dir_name(ctx.province_code), P, illustrative=ctx.illustrative
)
valid, errors = datashare.validate_package(export_dir)
files = pd.DataFrame(
    [{"Tệp / File": f.name, "Dung lượng (byte) / Bytes": f.stat().st_size} for f in sorted(export_dir.iterdir())]
)
display(Markdown(
    f"Gói dữ liệu: `{export_dir.relative_to(ctx.out).as_posix()}` · kiểm tra bằng frictionless và SHA-256: "
    + ("**hợp lệ / valid** ✅" if valid else f"**KHÔNG hợp lệ / invalid** — {len(errors)} lỗi")
))
display(files)
if errors:
    display(pd.DataFrame({"Lỗi / Error": errors}).head(50))""",
    ),
    ("md", "## 5. Xem chi tiết (tương tác)"),
    (
        "code",
        """if interactive:
    import ipywidgets as widgets

    picker = widgets.Dropdown(options=[(t, k) for k, t in sections] + [("Mức đầy đủ theo cột", "completeness")], description="Bảng:")
    method = widgets.ToggleButtons(options=[("Đơn vị kế thừa mặc định", "default"), ("Theo diện tích", "area")], description="Xã chia tách:")
    shown = widgets.Output()

    def _show(change=None):
        shown.clear_output(wait=True)
        with shown:
            display(show_table(quality[picker.value], datashare.LABELS, max_rows=200))
            if source is not None:
                _, chosen = datashare.convert_legacy_province(source, ctx.province_code, P, method.value)
                display(show_table(chosen.counts_table(), datashare.LABELS))

    picker.observe(_show, names="value")
    method.observe(_show, names="value")
    _show()
    display(widgets.VBox([picker, method, shown]))""",
    ),
    (
        "md",
        "## 6. Số liệu chính\n\nCác số liệu chính được ghi vào `summary.json` cho sổ tính kế hoạch (06) và trang toàn quốc.",
    ),
    (
        "code",
        """key_figures = datashare.summary(quality, export_dir, ctx.out, (valid, errors), conversion)
ctx.write_summary(key_figures)
display(Markdown(
    f"- Mức đầy đủ dữ liệu: **{key_figures['completeness']:.1%}** "
    f"(tính cả xã còn thiếu: {key_figures['completeness_with_missing_units']:.1%})\\n"
    f"- Số cảnh báo chất lượng: **{key_figures['n_problems']}**\\n"
    f"- Phiên bản gói dữ liệu: `{key_figures['export_version']}` "
    f"({'hợp lệ' if key_figures['export_valid'] else 'không hợp lệ'})"
))""",
    ),
    (
        "md",
        """## Giả định & lưu ý

- Bảng đối chiếu mã cũ → mã mới lấy từ gói `vietnamadminunits`; xã cũ bị chia tách được chuyển **toàn bộ**
  cho đơn vị kế thừa mặc định, trừ khi tham số `datashare.conversion.split_weights` là `area` (phân bổ theo
  diện tích, làm tròn số nguyên theo phần dư lớn nhất, tổng được bảo toàn).
- Khi gộp các xã cũ: chỉ tiêu đếm được cộng dồn (riêng số dịch vụ số và số doanh nghiệp số lấy giá trị lớn
  nhất để tránh đếm trùng); tỷ lệ hồ sơ trực tuyến tính lại theo số cán bộ; tiêu chí có/không chỉ đạt khi
  mọi xã cũ đều đạt; mức NTM lấy mức thấp nhất; lĩnh vực nổi trội theo xã cũ đông hộ nhất; nhóm xã theo thứ
  tự ưu tiên trong tham số. Đây là các lựa chọn thận trọng, có thể sửa.
- Đơn vị 2025 chỉ có số liệu của một phần các xã cũ (ví dụ thị trấn cũ không được khảo sát) có chỉ tiêu
  đếm thấp hơn thực tế; so sánh giữa hai kỳ của các đơn vị đó cần thận trọng.
- Khoảng hợp lý và ngưỡng biến động là giả định của người lập kế hoạch; kết quả là cảnh báo để kiểm tra,
  không phải kết luận dữ liệu sai.
- Gói dữ liệu theo chuẩn Frictionless Data Package (Table Schema); các ràng buộc giữa các cột (ví dụ số hộ có
  Internet ≤ số hộ) không biểu diễn được trong Table Schema và được kiểm tra bằng `ntmplan validate`.
- Khi dùng dữ liệu minh họa, mọi số liệu khảo sát và gói dữ liệu chỉ để minh họa cách dùng sổ tính.

Bảng dưới liệt kê các tham số của sổ tính này, giá trị đang dùng và nguồn (hoặc giả định).""",
    ),
    (
        "code",
        """with pd.option_context("display.max_rows", 200, "display.max_colwidth", 200):
    display(show_table(datashare.assumptions(P), {"key": "Tham số", "value": "Giá trị", "source": "Nguồn / giả định"}))""",
    ),
]


if __name__ == "__main__":
    write_notebook(build_notebook(PARAMETERS, CELLS, id_prefix="c05"), TARGET)
