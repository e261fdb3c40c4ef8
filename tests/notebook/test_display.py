"""Tests of ntmplan.notebook.display.show_table and show_assumptions (tables a planner reads)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ntmplan.notebook.display import Table, show_assumptions, show_table

PARAMS = {
    "survey": {"sectors": {"trang_trai": "Trang trại / farms"}},
    "pilots": {"types": {"smart_commune": {"label_vi": "Xã NTM thông minh"}}},
    "budget": {"sources": {"central": "Ngân sách trung ương / central budget"}},
}


def cells(table: Table) -> list[list[str]]:
    """The text of every body row of a table's HTML."""
    rows = re.findall(r"<tr>(.*?)</tr>", table._repr_html_().split("<tbody>")[1])
    tag = re.compile(r"<div[^>]*>|</div>")  # long text sits in a block inside its cell
    return [[tag.sub("", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)] for row in rows]


def headers(table: Table) -> list[str]:
    return re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", table._repr_html_())


@pytest.fixture
def frame():
    return pd.DataFrame(
        {
            "commune_name": ["Xã A", "Xã B", "Xã C"],
            "prominent_sector": ["trang_trai", None, "trang_trai"],
            "eligible": [True, False, True],
            "score": [63.454186, float("nan"), 0.11],
            "gap_mvnd": [1234.5, 0.0, 12.0],
        },
        index=[5, 0, 2],  # shuffled, as after a sort
    )


class TestShowTable:
    def test_values_formatted_labels_no_index(self, frame):
        table = show_table(frame, {"commune_name": "Tên xã", "score": "Điểm"}, params=PARAMS)
        assert headers(table) == ["Tên xã", "prominent_sector", "eligible", "Điểm", "gap_mvnd"]
        assert cells(table) == [
            ["Xã A", "Trang trại / farms", "✓", "63,5", "1.234,5"],
            ["Xã B", "—", "✗", "—", "0,0"],
            ["Xã C", "Trang trại / farms", "✓", "0,1", "12,0"],
        ]

    def test_no_raw_pandas_text(self, frame):
        page = show_table(frame, params=PARAMS)._repr_html_()
        for raw in ("NaN", "True", "False", "<NA>", "rows ×", "63.454186", "<th></th>"):
            assert raw not in page
        assert ">5<" not in page  # the old index

    def test_scrolling_container_and_numeric_cells(self, frame):
        page = show_table(frame, params=PARAMS)._repr_html_()
        assert page.startswith('<div class="ntm-table-wrap"')
        assert "overflow-x:auto" in page
        assert '<td class="num">63,5</td>' in page
        assert "ntm-wide" not in page  # five columns fit a portrait page
        narrow = pd.DataFrame([range(16)], columns=[f"c{i}" for i in range(16)])
        assert "ntm-wide" not in show_table(narrow)._repr_html_()

    def test_wide_table_is_marked_for_landscape_print(self):
        wide = pd.DataFrame([range(17)], columns=[f"c{i}" for i in range(17)])
        assert "ntm-wide" in show_table(wide)._repr_html_()

    def test_script_in_cell_and_header_is_text(self):
        hostile = pd.DataFrame({"<b>x</b>": ["<script>alert(1)</script>"]})
        page = show_table(hostile)._repr_html_()
        assert "<script>" not in page and "<b>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "&lt;b&gt;x&lt;/b&gt;" in page

    def test_max_rows_says_how_many(self, frame):
        table = show_table(frame, max_rows=2, params=PARAMS)
        assert len(cells(table)) == 2 and table.total_rows == 3
        assert "Hiển thị 2 dòng đầu trong 3 dòng" in table._repr_html_()

    def test_app_shows_the_first_rows_unless_the_cell_chooses(self, monkeypatch):
        from ntmplan.notebook import app_mode, display

        long = pd.DataFrame({"a": range(display.APP_MAX_ROWS + 5)})
        assert show_table(long).total_rows == len(cells(show_table(long)))  # a report: all
        monkeypatch.setenv(app_mode.APP_ENV, "1")
        table = show_table(long)
        assert len(cells(table)) == display.APP_MAX_ROWS and table.total_rows == len(long)
        assert "bảng đầy đủ trong tệp Excel" in table._repr_html_()
        assert len(cells(show_table(long, max_rows=3))) == 3

    def test_no_note_when_all_rows_shown(self, frame):
        assert "ntm-table-note" not in show_table(frame, max_rows=10)._repr_html_()

    def test_long_text_keeps_a_readable_width(self):
        page = show_table(pd.DataFrame({"note": ["x" * 30], "id": ["a"]}))._repr_html_()
        assert f'<td class="long"><div class="ntm-long">{"x" * 30}</div></td>' in page
        assert '<td class="short">a</td>' in page

    def test_empty_frame(self):
        page = show_table(pd.DataFrame({"a": []}))._repr_html_()
        assert "Không có dòng nào." in page

    def test_code_column_with_vietnamese_twin_is_left_out(self):
        twin = pd.DataFrame({"group": ["officials"], "group_vi": ["Cán bộ xã"], "size": [10]})
        assert headers(show_table(twin)) == ["group_vi", "size"]

    def test_sector_code_with_its_named_twin_is_left_out(self):
        # 00's registrations repeated the sector: "Mã lĩnh vực nổi bật" (as a label) and
        # "Lĩnh vực nổi bật".
        twin = pd.DataFrame(
            {
                "pilot_type": ["a"],
                "pilot_type_vi": ["A"],
                "prominent_sector": ["trang_trai"],
                "sector_vi": ["Trang trại"],
            }
        )
        assert headers(show_table(twin)) == ["pilot_type_vi", "sector_vi"]

    def test_a_code_column_shown_as_labels_loses_its_code_header(self):
        # 04 showed "Giảng viên … / provincial trainers" under "Mã lực lượng giảng dạy / … code".
        frame = pd.DataFrame({"prominent_sector": ["trang_trai"], "commune_code": ["01234"]})
        labels = {
            "prominent_sector": "Mã lĩnh vực nổi bật / sector code",
            "commune_code": "Mã xã / commune code",
        }
        table = show_table(frame, labels, params=PARAMS)
        assert headers(table) == ["Lĩnh vực nổi bật / sector", "Mã xã / commune code"]
        assert cells(table) == [["Trang trại / farms", "01234"]]

    def test_index_shown_on_request(self):
        pivot = pd.DataFrame({"2025": [1.5]}, index=pd.Index(["Cán bộ"], name="Nhóm"))
        table = show_table(pivot, index=True)
        assert headers(table) == ["Nhóm", "2025"]
        assert cells(table) == [["Cán bộ", "1,50"]]

    def test_rows_are_an_index_level(self):
        long = pd.DataFrame(
            {"mean": [70.3, 0.898], "n": [66, 66]},
            index=pd.Index(["overall", "villages_fiber_share"], name="measure"),
        )
        table = show_table(long, {"mean": "Bình quân"}, rows_are="measure")
        assert headers(table) == ["Bình quân", "n"]
        assert cells(table) == [["70,3", "66"], ["89,8%", "66"]]

    def test_kinds_and_value_labels(self):
        checks = pd.DataFrame({"subject": ["central"], "value": [0.18]})
        table = show_table(
            checks, kinds={"value": "share"}, value_labels={"subject": {"central": "Ngân sách TW"}}
        )
        assert cells(table) == [["Ngân sách TW", "18,0%"]]

    def test_multiindex_columns_are_joined(self):
        wide = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "x"), ("a", "y")]))
        assert headers(show_table(wide, {"a": "A"})) == ["A · x", "A · y"]

    def test_text_repr(self, frame):
        text = repr(show_table(frame, params=PARAMS))
        assert "63,5" in text and "NaN" not in text


class TestShowAssumptions:
    @pytest.fixture
    def assumptions(self):
        return pd.DataFrame(
            {
                "key": ["pilots.eligible_sectors", "pilots.types.smart_commune.number", "a.b"],
                "value": ['["trang_trai"]', "1", "true"],
                "source": [
                    "[G] task 3: sectors named by the guidance",
                    "[924]: at least 1 smart NTM commune",
                    'assumption: see DOMAIN.md "After 2025"',
                ],
            }
        )

    def test_vietnamese_sources_first(self, assumptions):
        table = show_assumptions(assumptions, params=PARAMS)
        assert headers(table) == [
            "Tham số / parameter",
            "Giá trị / value",
            "Căn cứ pháp lý hoặc giả định",
            "Diễn giải (chú thích tham số, tiếng Anh) / note",
        ]
        rows = cells(table)
        assert rows[0][1] == "Trang trại"
        assert rows[0][2] == "Hướng dẫn kèm Công văn BNN-VPĐP 2022 (Phụ lục III), nhiệm vụ 3"
        assert rows[1][2] == "QĐ 924/QĐ-TTg ngày 02/8/2022"
        assert rows[2][1] == "có"
        assert rows[2][2] == "NQ 257/2025/QH15; QĐ 51/2025/QĐ-TTg; Giả định"
        assert "DOMAIN.md" not in table._repr_html_()

    def test_reference_column_layer_and_extra_codes(self):
        frame = pd.DataFrame(
            {
                "key": ["pilots.types.smart_commune.conditions"],
                "value": ['["rural"]'],
                "reference": ["[G] task 3"],
                "layer": ["provinces/24-bac-ninh.yaml"],
                "changed": [True],
            }
        )
        table = show_assumptions(frame, params=PARAMS, codes={"rural": "Là xã"})
        assert cells(table) == [
            [
                "pilots.types.smart_commune.conditions",
                "Là xã",
                "Hướng dẫn kèm Công văn BNN-VPĐP 2022 (Phụ lục III), nhiệm vụ 3",
                "Hướng dẫn kèm Công văn BNN-VPĐP 2022 (Phụ lục III), nhiệm vụ 3",
                "Riêng của tỉnh",
                "✓",
            ]
        ]


class TestSaveAndShowMaps:
    def test_a_dot_map_shows_as_svg_with_tooltips_and_saves_a_png(self, tmp_path, monkeypatch):
        import base64

        import IPython.display

        from ntmplan.core import maps
        from ntmplan.notebook.display import save_and_show
        from tests.tasks.status.fixtures import map_frame

        shown = []
        monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: shown.append(obj))
        target = save_and_show(maps.dot_map(map_frame()), tmp_path / "map.png")
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"  # still a PNG for Word/Excel
        assert len(shown) == 1
        assert base64.b64decode(shown[0]["image/png"]) == target.read_bytes()  # the fallback
        page = shown[0]["text/html"]
        assert page.startswith('<figure class="ntm-map"') and "<svg" in page
        assert page.count("<title>") == 3  # the three communes with coordinates
        assert "<title>Xã Bình — Điểm (0–100): 55,0</title>" in page
        assert 'width="700px"' in page  # 7 in × 100 px per inch, as the PNG was shown

    def test_the_app_gets_the_svg_only(self, tmp_path, monkeypatch):
        import IPython.display

        from ntmplan.core import maps
        from ntmplan.notebook import app_mode
        from ntmplan.notebook.display import save_and_show
        from tests.tasks.status.fixtures import map_frame

        shown = []
        monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: shown.append(obj))
        monkeypatch.setenv(app_mode.APP_ENV, "1")
        target = save_and_show(maps.dot_map(map_frame()), tmp_path / "map.png")
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        [bundle] = shown
        assert set(bundle) == {"text/html", "text/plain"} and "<svg" in bundle["text/html"]
