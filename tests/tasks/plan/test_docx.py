"""Tests for ntmplan.tasks.plan.docx: the plan as a Kế hoạch (Decree 30/2020/NĐ-CP) in Word."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ntmplan.core.params import load_params
from ntmplan.tasks import plan
from ntmplan.tasks.plan import Section
from ntmplan.tasks.plan import docx as docx_export
from tests.tasks.plan.docx_checks import all_text, check_clean, check_fonts
from tests.tasks.plan.fixtures import ALL, write_summaries


@pytest.fixture
def tiny_png(tmp_path):
    """A tiny PNG made with matplotlib (object API, no pyplot)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(1, 1))
    fig.add_subplot().plot([0, 1], [0, 1])
    path = tmp_path / "tiny.png"
    fig.savefig(path, dpi=30)
    return path


@pytest.fixture
def sections(tiny_png):
    table = pd.DataFrame(
        {"Nguồn vốn": ["Ngân sách tỉnh", "Ngân sách xã"], "Kinh phí (triệu đồng)": [1234.5, 40.0]}
    )
    table.attrs["caption"] = "Bảng 7. Kinh phí theo nguồn vốn"
    return [
        Section(
            "purpose",
            "I. MỤC ĐÍCH, YÊU CẦU VÀ CĂN CỨ",
            ["1. Mục đích", "- Mục đích của kế hoạch.", "3. Căn cứ", "- Căn cứ thứ nhất"],
        ),
        Section(
            "task_3",
            "3. Xây dựng mô hình thí điểm",
            ["Đoạn văn (chi tiết: pilots.xlsx)."],
            figures=[tiny_png],
            level=2,
        ),
        Section("budget", "VII. KINH PHÍ THỰC HIỆN", ["Chưa có số liệu."], tables=[table]),
    ]


@pytest.fixture
def full(tmp_path, params):
    """The plan of the hand-made summaries (01–05 present), written for Hà Nội."""
    collected = plan.collect(write_summaries(tmp_path / "out", ALL))
    secs = plan.plan_sections(collected, params)
    path = docx_export.write_plan_docx(
        secs,
        tmp_path / "ke_hoach_ha-noi.docx",
        params=params,
        province_code="01",
        collected=collected,
        notice=plan.ILLUSTRATIVE_TEXT,
    )
    import docx

    return docx.Document(str(path))


class TestWritePlanDocx:
    def test_headings_table_and_image(self, tmp_path, sections, params):
        """Adapted: section headings are the administrative ones (I.–V.), "Bảng N." once."""
        import docx

        path = docx_export.write_plan_docx(
            sections, tmp_path / "ke_hoach_ha-noi.docx", params=params, province_code="01"
        )
        doc = docx.Document(str(path))
        h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
        assert h1 == [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "II. MỤC TIÊU",
            "III. NHIỆM VỤ, GIẢI PHÁP",
            "IV. KINH PHÍ THỰC HIỆN",
            "V. TỔ CHỨC THỰC HIỆN",
        ]
        assert "3. Xây dựng mô hình thí điểm" in [
            p.text for p in doc.paragraphs if p.style.name == "Heading 2"
        ]
        texts = [p.text for p in doc.paragraphs]
        assert "- Mục đích của kế hoạch." in texts
        assert "- Đoạn văn." in texts  # the file reference is dropped
        assert not any("Căn cứ thứ nhất" in t for t in texts[:20] if t.startswith("-"))
        # no 03 summary: the budget says so instead of a table
        assert any(t.startswith("Chưa có số liệu kinh phí") for t in texts)
        captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
        assert all(not c.startswith("Bảng 1. Bảng") for c in captions)
        assert len(doc.sections) == 1 + len(docx_export.docx_annex.ANNEXES)

    def test_fixed_core_properties_and_identical_bytes(self, tmp_path, sections, params):
        import docx

        kw = {"params": params, "province_code": "01"}
        a = docx_export.write_plan_docx(sections, tmp_path / "a.docx", **kw)
        b = docx_export.write_plan_docx(sections, tmp_path / "b.docx", **kw)
        assert a.read_bytes() == b.read_bytes()
        props = docx.Document(str(a)).core_properties
        assert props.created.replace(tzinfo=None) == docx_export.FIXED_DATE
        assert props.modified.replace(tzinfo=None) == docx_export.FIXED_DATE
        assert props.title.startswith("Kế hoạch chuyển đổi số")

    def test_control_characters_are_dropped(self, tmp_path, params):
        import docx

        path = docx_export.write_plan_docx(
            [Section("task_1", "1. Tiêu\x00 đề", ["a\x07b"])],
            tmp_path / "c.docx",
            params=params,
            province_code="01",
        )
        texts = [p.text for p in docx.Document(str(path)).paragraphs]
        assert "1. Tiêu đề" in texts and "- ab" in texts

    def test_wrong_suffix(self, tmp_path, sections, params):
        with pytest.raises(ValueError, match=".docx"):
            docx_export.write_plan_docx(
                sections, tmp_path / "plan.doc", params=params, province_code="01"
            )

    def test_unknown_province(self, tmp_path, sections, params):
        with pytest.raises(ValueError):
            docx_export.write_plan_docx(
                sections, tmp_path / "e.docx", params=params, province_code="99"
            )

    def test_missing_figure(self, tmp_path, params):
        sec = Section("x", "T", figures=[tmp_path / "nope.png"])
        with pytest.raises(FileNotFoundError):
            docx_export.write_plan_docx(
                [sec], tmp_path / "d.docx", params=params, province_code="01"
            )
        assert not (tmp_path / "d.docx").exists()  # nothing half-written


class TestAdministrativeFormat:
    def test_page_a4_margins(self, full):
        sec = full.sections[0]
        assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
        assert 20 <= round(sec.top_margin.mm) <= 25 and 20 <= round(sec.bottom_margin.mm) <= 25
        assert 30 <= round(sec.left_margin.mm) <= 35 and 15 <= round(sec.right_margin.mm) <= 20
        assert sec.different_first_page_header_footer
        landscape = [s for s in full.sections if s.page_width > s.page_height]
        assert landscape and all(round(s.page_width.mm) == 297 for s in landscape)

    def test_header_block(self, full):
        left, right = full.tables[0].rows[0].cells
        assert [p.text for p in left.paragraphs if p.text] == [
            "ỦY BAN NHÂN DÂN",
            "THÀNH PHỐ HÀ NỘI",
            "Số: …/KH-UBND",
        ]
        assert [p.text for p in right.paragraphs if p.text] == [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Hà Nội, ngày … tháng … năm …",
        ]
        assert right.paragraphs[-1].style.font.italic
        assert left.paragraphs[1].style.font.bold and right.paragraphs[0].style.font.bold

    def test_title_basis_and_order(self, full):
        texts = [p.text for p in full.paragraphs]
        i = texts.index("KẾ HOẠCH")
        assert texts[i + 1].startswith("Chuyển đổi số trong xây dựng nông thôn mới")
        assert texts[i + 1].endswith("trên địa bàn thành phố Hà Nội")
        basis = [t for t in texts if t.startswith("Căn cứ ")]
        assert any("924/QĐ-TTg" in t for t in basis) and any("06/QĐ-BCĐTW-VPĐP" in t for t in basis)
        assert all(t.endswith(";") for t in basis)
        heads = [
            texts.index(h) for h in ("I. MỤC ĐÍCH, YÊU CẦU", "II. MỤC TIÊU", "V. TỔ CHỨC THỰC HIỆN")
        ]
        assert heads == sorted(heads) and heads[0] > texts.index(basis[-1])

    def test_objectives_by_pillar_with_figures(self, full):
        texts = [p.text for p in full.paragraphs]
        assert ["a) Chính quyền số", "b) Kinh tế số", "c) Xã hội số"] == [
            t for t in texts if t[:3] in ("a) ", "b) ", "c) ")
        ][:3]
        # criterion 8.4 of the fixture: 0.5 → "50,0%", target 97%, 1 more commune
        assert any("đạt từ 97% trở lên (hiện đạt 50,0%; cần thêm 1 xã đạt)" in t for t in texts)
        assert any("Xã A" in t and "Phụ lục II" in t for t in texts)  # the chosen pilot named

    def test_budget_totals(self, full):
        tables = [t for t in full.tables[1:] if t.rows[0].cells[0].text == "Nguồn vốn"]
        assert tables
        last = [c.text for c in tables[0].rows[-1].cells]
        assert last == ["Tổng cộng", "900,0"]  # provincial 600 + central 300

    def test_signature_and_recipients(self, full, params):
        sig = [t for t in full.tables if "Nơi nhận:" in t.rows[0].cells[0].text]
        assert len(sig) == 1
        left, right = sig[0].rows[0].cells
        items = [p.text for p in left.paragraphs]
        assert items[0] == "Nơi nhận:" and items[-1] == "- Lưu: VT, NNMT."
        assert all(t.startswith("- ") and t.endswith(";") for t in items[1:-1])
        assert left.paragraphs[0].style.font.size.pt == 12
        assert left.paragraphs[0].style.font.bold and left.paragraphs[0].style.font.italic
        assert left.paragraphs[1].style.font.size.pt == 11
        assert [p.text for p in right.paragraphs if p.text] == params["plan"]["signer"]

    def test_annexes(self, full):
        texts = [p.text for p in full.paragraphs]
        annexes = [t for t in texts if re.fullmatch(r"Phụ lục [IVX]+", t)]
        assert annexes[:5] == ["Phụ lục I", "Phụ lục II", "Phụ lục III", "Phụ lục IV", "Phụ lục V"]
        assert len(annexes) >= 5
        notes = [t for t in texts if t.startswith("(Kèm theo Kế hoạch số …/KH-UBND")]
        assert len(notes) == len(annexes)
        assert notes[0].endswith("của Ủy ban nhân dân thành phố Hà Nội)")
        assert "Giả định của cơ quan lập kế hoạch, có thể điều chỉnh" in all_text(full)

    def test_fonts_and_clean_text(self, full):
        check_fonts(full)
        check_clean(all_text(full))
        assert "/ Illustrative" not in all_text(full)

    def test_captions_once_and_numbered(self, full):
        caps = [p.text for p in full.paragraphs if p.style.name == "Caption"]
        tables = [c for c in caps if c.startswith("Bảng ")]
        numbers = [int(c.split()[1].rstrip(".")) for c in tables]
        assert numbers == list(range(1, len(numbers) + 1))
        assert not any(c.count("Bảng") > 1 for c in caps)

    def test_profile_2026_basis(self, tmp_path):
        import docx

        p = load_params("12", profile="2026_2030")
        path = docx_export.write_plan_docx([], tmp_path / "k.docx", params=p, province_code="12")
        text = all_text(docx.Document(str(path)))
        assert "Căn cứ Nghị quyết số 257/2025/QH15" in text and "51/2025/QĐ-TTg" in text
        assert "TỈNH LAI CHÂU" in text and "Lai Châu, ngày … tháng … năm …" in text
        assert "Sở Nông nghiệp và Môi trường" in text


class TestCellText:
    def test_formats(self):
        assert docx_export.cell_text(None) == ""
        assert docx_export.cell_text(float("nan")) == ""
        assert docx_export.cell_text(True) == "có"
        assert docx_export.cell_text(12000.0) == "12.000"
        assert docx_export.cell_text(7) == "7"
        assert docx_export.cell_text("Xã A") == "Xã A"


class TestDocxFileName:
    def test_from_code(self):
        assert plan.docx_file_name("01") == "ke_hoach_ha-noi.docx"

    def test_unknown_code(self):
        with pytest.raises(ValueError):
            plan.docx_file_name("../../etc")


class TestCharts:
    @pytest.mark.parametrize(("cost", "shown"), [(120.0, True), (0.0, False)])
    def test_empty_chart_replaced_by_sentence(self, tmp_path, params, tiny_png, cost, shown):
        import json
        import shutil

        import docx

        out = write_summaries(tmp_path / "out", ALL)
        s04 = json.loads((out / "summary_04_capacity.json").read_text("utf-8"))
        s04["communication_cost_mvnd"] = cost
        (out / "summary_04_capacity.json").write_text(json.dumps(s04), "utf-8")
        (out / "figures").mkdir()
        shutil.copy(tiny_png, out / "figures" / "04_communication.png")
        collected = plan.collect(out)
        path = docx_export.write_plan_docx(
            plan.plan_sections(collected, params),
            tmp_path / "k.docx",
            params=params,
            province_code="01",
            collected=collected,
        )
        doc = docx.Document(str(path))
        texts = [p.text for p in doc.paragraphs]
        sentence = (
            "Kinh phí thông tin, truyền thông theo năm: chưa có số liệu để thể hiện bằng biểu đồ."
        )
        assert (sentence in texts) is not shown
        caption = [
            t for t in texts if t.startswith("Hình ") and t.endswith("truyền thông theo năm")
        ]
        assert bool(caption) is shown
        if shown:
            # fits the text width of its (landscape) page
            assert all(s.width.cm <= 24.01 for s in doc.inline_shapes)


class TestPlanAgreesWithTheData:
    """The Word plan states the units reviewed against the province's real units."""

    def test_six_surveyed_communes_of_sixty_six(self, tmp_path, params):
        import json

        import docx

        out = write_summaries(tmp_path / "out", ALL)
        summary = json.loads((out / "summary_01_status.json").read_text(encoding="utf-8"))
        summary.update(
            n_communes=6,
            n_units=6,
            units_in_province={
                "by_type": {"xã": 66, "phường": 33, "đặc khu": 0},
                "total": 99,
                "in_scope": 66,
                "scope_unit_types": ["xã", "đặc khu"],
            },
        )
        (out / "summary_01_status.json").write_text(json.dumps(summary), encoding="utf-8")
        collected = plan.collect(out)
        path = docx_export.write_plan_docx(
            plan.plan_sections(collected, params),
            tmp_path / "ke_hoach_bac-ninh.docx",
            params=params,
            province_code="24",
            collected=collected,
        )
        text = all_text(docx.Document(str(path)))
        assert "6/66 xã thuộc phạm vi đánh giá có số liệu khảo sát" in text
        assert "tổng số 99 đơn vị hành chính cấp xã" in text
        assert "trên tổng số 6 " not in text
        assert "không có khoản chi nào trước khi nhiệm vụ bắt đầu" in text


@pytest.mark.parametrize("profile", [None, "2026_2030"])
def test_every_document_names_the_same_drafting_unit(profile):
    # The 2021–2025 plan and letter read "UBND-NN" / "Lưu: VT, NN" while the close-out report of
    # the same run read "Lưu: VT, NNMT".
    p = load_params("24", profile=profile) if profile else load_params("24")
    letter_unit = p["plan"]["letter_number"].rsplit("-", 1)[-1]
    archives = {p["plan"]["archive"], p["progress"]["report"]["archive"]}
    assert archives == {f"Lưu: VT, {letter_unit}"}
