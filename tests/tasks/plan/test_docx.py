"""Tests for ntmplan.tasks.plan.docx: the Word draft of the plan and its file name."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.tasks import plan
from ntmplan.tasks.plan import Section
from ntmplan.tasks.plan import docx as docx_export


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
    table.attrs["caption"] = "Kinh phí theo nguồn vốn"
    return [
        Section(
            "purpose",
            "I. MỤC ĐÍCH, YÊU CẦU VÀ CĂN CỨ",
            ["Mục đích của kế hoạch.", "- Căn cứ thứ nhất"],
        ),
        Section(
            "task_3",
            "3. Xây dựng mô hình thí điểm",
            ["Đoạn văn."],
            tables=[table],
            figures=[tiny_png],
            level=2,
        ),
        Section(
            "budget", "VII. KINH PHÍ THỰC HIỆN", ["Chưa có số liệu: sổ tính 03."], available=False
        ),
    ]


class TestWritePlanDocx:
    def test_headings_table_and_image(self, tmp_path, sections):
        import docx

        path = docx_export.write_plan_docx(
            sections,
            tmp_path / "ke_hoach_ha-noi.docx",
            "Kế hoạch thử",
            "Giai đoạn 2021–2025",
            "Dữ liệu minh họa",
        )
        doc = docx.Document(str(path))
        headings = [
            (p.style.name, p.text)
            for p in doc.paragraphs
            if p.style.name.startswith(("Heading", "Title"))
        ]
        assert headings == [
            ("Title", "Kế hoạch thử"),
            ("Heading 1", "I. MỤC ĐÍCH, YÊU CẦU VÀ CĂN CỨ"),
            ("Heading 2", "3. Xây dựng mô hình thí điểm"),
            ("Heading 1", "VII. KINH PHÍ THỰC HIỆN"),
        ]
        assert len(doc.tables) == 1
        cells = [[c.text for c in row.cells] for row in doc.tables[0].rows]
        # header row, then numbers in Vietnamese format: 1234.5 → "1.234,5", 40.0 → "40,0"
        assert cells == [
            ["Nguồn vốn", "Kinh phí (triệu đồng)"],
            ["Ngân sách tỉnh", "1.234,5"],
            ["Ngân sách xã", "40,0"],
        ]
        assert len(doc.inline_shapes) == 1
        texts = [p.text for p in doc.paragraphs]
        assert "Bảng 1. Kinh phí theo nguồn vốn" in texts and "Hình 1" in texts
        assert docx_export.LABELS["not_available"] in texts  # the unavailable section says so
        assert "Dữ liệu minh họa" in texts
        bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
        assert bullets == ["Căn cứ thứ nhất"]

    def test_fixed_core_properties_and_identical_bytes(self, tmp_path, sections):
        import docx

        a = docx_export.write_plan_docx(sections, tmp_path / "a.docx", "Kế hoạch")
        b = docx_export.write_plan_docx(sections, tmp_path / "b.docx", "Kế hoạch")
        assert a.read_bytes() == b.read_bytes()
        props = docx.Document(str(a)).core_properties
        assert props.created.replace(tzinfo=None) == docx_export.FIXED_DATE
        assert props.modified.replace(tzinfo=None) == docx_export.FIXED_DATE
        assert props.title == "Kế hoạch"

    def test_control_characters_are_dropped(self, tmp_path):
        import docx

        path = docx_export.write_plan_docx(
            [Section("x", "Tiêu\x00 đề", ["a\x07b"])], tmp_path / "c.docx", "T\x1f"
        )
        doc = docx.Document(str(path))
        assert "Tiêu đề" in [p.text for p in doc.paragraphs] and "ab" in [
            p.text for p in doc.paragraphs
        ]

    def test_wrong_suffix(self, tmp_path, sections):
        with pytest.raises(ValueError, match=".docx"):
            docx_export.write_plan_docx(sections, tmp_path / "plan.doc", "T")

    def test_missing_figure(self, tmp_path):
        sec = Section("x", "T", figures=[tmp_path / "nope.png"])
        with pytest.raises(FileNotFoundError):
            docx_export.write_plan_docx([sec], tmp_path / "d.docx", "T")
        assert not (tmp_path / "d.docx").exists()  # nothing half-written


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
