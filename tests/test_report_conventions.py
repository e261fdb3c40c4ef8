"""Every report a planner reads follows the Vietnamese conventions: a real run of every
workbook for two provinces and the national page, then every table cell of every HTML report
is read back (`tests.report_scan`)."""

from __future__ import annotations

import pytest

from ntmplan.batch import runner
from ntmplan.core.catalogue import NATIONAL, PROVINCIAL_IDS
from tests.report_scan import Table, cell_problems, table_problems, tables

#: Two small provinces (Lai Châu 38 units, Điện Biên 45) keep the run short.
PROVINCES = ["12", "11"]


class TestTheScanner:
    """The checks themselves, on hand-written cells and tables."""

    @pytest.mark.parametrize(
        "text", ["12.989,6", "67,9%", "0", "-3", "2025", "1.234", "0,25", "—", "✓", "Xã A"]
    )
    def test_vietnamese_cells_pass(self, text):
        assert cell_problems(text) == []

    @pytest.mark.parametrize(
        "text",
        ["NaN", "<NA>", "None", "True", "False", "1.1e-01", "63.454186", "12989.6", "4 196,6"],
    )
    def test_raw_or_english_cells_are_found(self, text):
        assert cell_problems(text) != []

    def test_index_column_is_found(self):
        html = (
            "<table><thead><tr><th></th><th>a</th></tr></thead>"
            "<tbody><tr><th>0</th><td>1</td></tr></tbody></table>"
        )
        (table,) = tables(html)
        assert len(table_problems(table)) == 2

    def test_a_label_in_a_code_column_is_found(self):
        # 00's registration table showed "Lâm nghiệp / forestry" under "Mã lĩnh vực nổi bật".
        table = Table(
            header=["Mã lĩnh vực nổi bật", "Lĩnh vực nổi bật"],
            rows=[["Lâm nghiệp / forestry", "Lâm nghiệp"]],
        )
        assert len(table_problems(table)) == 1
        assert table_problems(Table(header=["Mã xã / commune code"], rows=[["03601"]])) == []

    def test_a_clean_table_has_no_finding(self):
        assert table_problems(Table(header=["Xã", "Điểm"], rows=[["Xã A", "57,3"]])) == []


@pytest.mark.slow
def test_every_report_of_two_provinces_and_the_nation_follows_the_conventions(tmp_path):
    results = runner.run(
        PROVINCES, [*PROVINCIAL_IDS, NATIONAL.id], out_root=tmp_path, jobs=2, progress=False
    )
    assert {r.status for r in results} == {"ok"}, [
        (r.province_code, r.notebook, r.error) for r in results
    ]
    # the run also writes the user guide's pages (huong_dan/0*.html): scanned too, not counted
    reports = sorted(tmp_path.glob("*/0*.html"))
    workbooks = [r for r in reports if r.parent.name != "huong_dan"]
    assert len(workbooks) == len(PROVINCES) * len(PROVINCIAL_IDS) + 1
    findings = {}
    for report in reports:
        found = [p for t in tables(report.read_text(encoding="utf-8")) for p in table_problems(t)]
        if found:
            findings[f"{report.parent.name}/{report.name}"] = found[:10]
    assert findings == {}
