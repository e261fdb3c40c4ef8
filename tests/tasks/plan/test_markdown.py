"""Tests for ntmplan.tasks.plan.markdown: escaped Markdown of the sections."""

from __future__ import annotations

import pandas as pd

from ntmplan.tasks import plan


class TestSectionMarkdown:
    def test_escapes_text_and_flags_unavailable(self):
        sec = plan.Section("x", "Tiêu đề", ["<script>alert(1)</script>"], available=False, level=2)
        md = plan.section_markdown(sec)
        assert md.startswith("### Tiêu đề") and "<script>" not in md and "Chưa có đủ số liệu" in md

    def test_markdown_link_and_html_from_data_are_neutralised(self):
        md = plan.section_markdown(
            plan.Section("x", "T", ["- Xã [x](javascript:alert(1)) <img src=x>"])
        )
        assert "- Xã \\[x\\](javascript:alert(1)) &lt;img src=x&gt;" in md

    def test_tables_rendered(self):
        df = pd.DataFrame({"A": [1.5], "B": ["x|y"]})
        df.attrs["caption"] = "Bảng"
        md = plan.section_markdown(plan.Section("x", "T", tables=[df]), tables=True)
        assert "| A | B |" in md and "1,5" in md and "x\\|y" in md
