"""Tests for ntmplan.core.pending_values — values pending a legal text, and the report line."""

from __future__ import annotations

from ntmplan.core import pending_values as pv
from ntmplan.core.params import load_params

MARK = "# assumption — to be replaced by Decision 51/2025/QĐ-TTg Appendix I, criterion 7"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class TestPendingValues:
    def test_marked_keys_with_their_values(self, tmp_path):
        f = write(tmp_path, "a.yaml", f"s:\n  x: 0.5  {MARK}\n  y: 2  # QĐ 924/QĐ-TTg\n")
        got = pv.pending_values({"s": {"x": 0.5, "y": 2}}, [f])
        assert list(got["key"]) == ["s.x"] and list(got["value"]) == ["0,5"]
        assert got.loc[0, "pending"] == "Quyết định 51/2025/QĐ-TTg Phụ lục I, tiêu chí 7"

    def test_a_later_file_without_the_marker_clears_it(self, tmp_path):
        a = write(tmp_path, "a.yaml", f"s:\n  x: 0.5  {MARK}\n")
        b = write(
            tmp_path, "b.yaml", "s:\n  x: 0.6  # QĐ 51/2025/QĐ-TTg Phụ lục I (office's copy)\n"
        )
        assert pv.pending_values({"s": {"x": 0.6}}, [a, b]).empty

    def test_keys_absent_from_params_are_left_out(self, tmp_path):
        f = write(tmp_path, "a.yaml", f"s:\n  x: 0.5  {MARK}\n")
        assert pv.pending_values({"s": {}}, [f]).empty

    def test_per_group_values_are_written_per_group(self, tmp_path):
        f = write(
            tmp_path,
            "a.yaml",
            f"s:\n  a_share: {{group_1: 0.8, group_2: 0.7, group_3: 0.5}}  {MARK}\n",
        )
        value = {"group_1": 0.8, "group_2": 0.7, "group_3": 0.5}
        got = pv.pending_values({"s": {"a_share": value}}, [f])
        assert got.loc[0, "value"] == "Nhóm 1: 80%; Nhóm 2: 70%; Nhóm 3: 50%"

    def test_ntm_level_codes_read_as_their_names(self, tmp_path):
        # The 2026–2030 banner printed "ntm_level: kieu_mau" and "nang_cao; kieu_mau".
        f = write(
            tmp_path,
            "a.yaml",
            f"s:\n  levels: {{ntm_level: [kieu_mau]}}  {MARK}\n  ntm_levels: [nang_cao]  {MARK}\n",
        )
        params = {
            "s": {"levels": {"ntm_level": ["kieu_mau"]}, "ntm_levels": ["nang_cao"]},
            "survey": {
                "ntm_level_labels": {"kieu_mau": "NTM kiểu mẫu / model", "nang_cao": "NTM nâng cao"}
            },
        }
        got = pv.pending_values(params, [f])
        assert list(got["value"]) == ["Mức nông thôn mới: NTM kiểu mẫu", "NTM nâng cao"]

    def test_the_shipped_2030_banner_has_no_ntm_level_code(self):
        p26 = load_params("24", profile="2026_2030")
        notes = pv.pending_notes(pv.pending_values(p26, pv.layer_files(p26, "24")))
        values = notes.replace("`", " ").split()
        assert not {"kieu_mau", "nang_cao", "kieu_mau;", "nang_cao;"} & set(values)
        assert "NTM kiểu mẫu" in notes


class TestLines:
    def test_no_pending_value_no_line(self):
        assert pv.pending_line(pv.pending_values({}, [])) == ""

    def test_the_2030_profile_names_its_pending_values_and_the_default_none(self):
        p26 = load_params("24", profile="2026_2030")
        table = pv.pending_values(p26, pv.layer_files(p26, "24"))
        line, notes = pv.pending_line(table), pv.pending_notes(table)
        assert "status.targets.c7_households" in notes and "Phụ lục III" in notes
        assert "Phụ lục III" in line and "`" not in line  # the header counts, the end lists
        assert len(line) < 400
        p21 = load_params("24")
        assert pv.pending_values(p21, pv.layer_files(p21, "24")).empty

    def test_profile_line(self):
        line = pv.profile_line(load_params(profile="2026_2030"))
        assert line.startswith("**Giai đoạn (hồ sơ chương trình):** 2026–2030")
        assert "257/2025/QH15" in line


def test_the_line_groups_values_by_the_text_they_await(tmp_path):
    f = write(
        tmp_path,
        "a.yaml",
        f"s:\n  x: 0.5  {MARK}\n  y: 1  # assumption — to be replaced by Decision 51/2025/QĐ-TTg Appendix III\n"
        f"  z: 3  {MARK}\n",
    )
    table = pv.pending_values({"s": {"x": 0.5, "y": 1, "z": 3}}, [f])
    line, notes = pv.pending_line(table), pv.pending_notes(table)
    assert (
        "(3):** Quyết định 51/2025/QĐ-TTg Phụ lục I, tiêu chí 7: 2 giá trị; "
        "Quyết định 51/2025/QĐ-TTg Phụ lục III: 1 giá trị — danh sách ở cuối báo cáo" in line
    )
    assert "- **Quyết định 51/2025/QĐ-TTg Phụ lục I, tiêu chí 7:** `s.x` = 0,5; `s.z` = 3." in notes
    assert "- **Quyết định 51/2025/QĐ-TTg Phụ lục III:** `s.y` = 1." in notes
    assert pv.pending_notes(pv.pending_values({}, [])) == ""
