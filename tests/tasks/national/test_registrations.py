"""Tests for ntmplan.tasks.national.registrations: stacking the central-pilot registrations."""

from __future__ import annotations

import pandas as pd

from ntmplan.tasks import national
from tests.tasks.national.fixtures import registration_frame


class TestStackRegistrations:
    def test_two_provinces_with_identical_columns(self, tmp_path):
        from ntmplan.core import writers
        from ntmplan.tasks.pilots import LABELS, REGISTRATION_COLUMNS

        writers.write_excel(
            tmp_path / "01-ha-noi" / national.REGISTRATION_FILE,
            {"Đăng ký": registration_frame("01", ["00004", "00007"])},
            LABELS,
        )
        writers.write_excel(
            tmp_path / "04-cao-bang" / national.REGISTRATION_FILE,
            {"Đăng ký": registration_frame("04", ["01594"])},
            LABELS,
        )
        got = national.stack_registrations(tmp_path, LABELS)
        assert list(got.columns) == list(REGISTRATION_COLUMNS)  # Vietnamese headers mapped back
        assert list(got["province_code"]) == ["01", "01", "04"]
        assert list(got["commune_code"]) == ["00004", "00007", "01594"]  # leading zeros kept
        assert got.attrs["problems"] == [] and got.attrs["provinces"] == ["01", "04"]
        path = national.write_registrations(got, tmp_path / "00-toan-quoc", LABELS)
        assert path.name == "dang_ky_thi_diem_trung_uong_toan_quoc.xlsx"
        back = pd.read_excel(path, dtype=object)
        assert len(back) == 3 and back.columns[0] == LABELS["province_code"]

    def test_different_columns_are_reported_and_skipped(self, tmp_path):
        from ntmplan.core import writers
        from ntmplan.tasks.pilots import LABELS

        writers.write_excel(
            tmp_path / "01-ha-noi" / national.REGISTRATION_FILE,
            {"a": registration_frame("01", ["00004"])},
            LABELS,
        )
        writers.write_excel(
            tmp_path / "04-cao-bang" / national.REGISTRATION_FILE,
            {"a": pd.DataFrame({"other": [1]})},
        )
        (tmp_path / "08-tuyen-quang").mkdir()
        (tmp_path / "08-tuyen-quang" / national.REGISTRATION_FILE).write_bytes(b"not an xlsx")
        got = national.stack_registrations(tmp_path, LABELS)
        assert len(got) == 1 and got.attrs["provinces"] == ["01"]
        assert len(got.attrs["problems"]) == 2
        assert (
            "04-cao-bang" in got.attrs["problems"][0]
            and "08-tuyen-quang" in got.attrs["problems"][1]
        )

    def test_no_files(self, tmp_path):
        from ntmplan.tasks.pilots import LABELS

        got = national.stack_registrations(tmp_path, LABELS)
        assert got.empty and got.attrs["problems"] == []
