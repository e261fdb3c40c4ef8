"""Forms out, filled as communes would, collected: statuses, problems, missing communes and the
merged survey checked against expectations written by hand (Lai Châu, 38 units, survey 2026)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ntmplan.core.params import default_params
from ntmplan.survey.forms import (
    NOTE_SHEET,
    PARTIAL_TITLE,
    collect_returns,
    find_returns,
    write_commune_form,
    write_forms,
    write_merged_survey,
)
from ntmplan.survey.loading import load_survey
from ntmplan.survey.units import current_units
from ntmplan.survey.villages import load_villages
from tests.conftest import sha256
from tests.survey.forms.filling import GOOD_COMMUNE, GOOD_VILLAGES, fill_form

PROVINCE = "12"  # Tỉnh Lai Châu: 38 commune-level units (36 xã, 2 phường)
#: Forms for the wards too (by default only xã and đặc khu get one), so a ward's form is among them.
WITH_WARDS = default_params()
WITH_WARDS["survey"]["form_unit_types"] = ["xã", "phường", "đặc khu"]
NOT_RETURNED = ["03613", "03616", "03618"]  # Nậm Sỏ, Pắc Ta, Mường Than
WRONG_HOUSEHOLDS = "03388_phuong_doan_ket.xlsx"  # households written as a word
WRONG_VILLAGE = "03390_xa_binh_lu.xlsx"  # second village: 90 households with internet of 80
TWICE = "03394_xa_sin_suoi_ho.xlsx"  # sent twice: again in ban_sua/
RENAMED = "nop_lai/MuongKim final (2).xlsx"  # Xã Mường Kim (03637), any name, in a subfolder
OTHER_PROVINCE = "dien_bien.xlsx"  # a form of a commune of Điện Biên (province 11)
STRAY = "cong_van.docx"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("forms")
    forms = write_forms(PROVINCE, tmp / "forms", 2026, params=WITH_WARDS)
    back = tmp / "returned"
    for form in forms:
        code = form.name[:5]
        if code in NOT_RETURNED:
            continue
        if form.name == WRONG_HOUSEHOLDS:
            fill_form(form, back / form.name, {**GOOD_COMMUNE, "households": "nhiều"})
        elif form.name == WRONG_VILLAGE:
            bad = (GOOD_VILLAGES[0], {**GOOD_VILLAGES[1], "households_internet": 90})
            fill_form(form, back / form.name, villages=bad)
        elif code == "03637":
            fill_form(form, back / RENAMED)
        else:
            fill_form(form, back / form.name)
    (back / "ban_sua").mkdir()
    shutil.copy(back / TWICE, back / "ban_sua" / TWICE)
    units = current_units()
    other = units[units["province_code"] == "11"].iloc[0]
    write_commune_form(tmp / "other.xlsx", other, 2026)
    fill_form(tmp / "other.xlsx", back / OTHER_PROVINCE)
    (back / STRAY).write_bytes(b"PK\x03\x04 not a form")
    (back / "~$03390_xa_binh_lu.xlsx").write_bytes(b"lock")  # Excel's lock file: not a return
    return {"forms": forms, "back": back, "tmp": tmp}


def _rel(collection, back: Path) -> dict[str, str]:
    return {
        str(Path(f).relative_to(back)): s
        for f, s in zip(collection.files["file"], collection.files["status"], strict=True)
    }


class TestWriteForms:
    def test_one_form_per_unit_named_by_code_and_ascii_name(self, folder):
        names = [p.name for p in folder["forms"]]
        assert len(names) == 38
        assert names[0] == "03388_phuong_doan_ket.xlsx"
        assert "03637_xa_muong_kim.xlsx" in names


@pytest.fixture(scope="module")
def result(folder):
    back = folder["back"]
    before = {p: sha256(p) for p in back.rglob("*") if p.is_file()}
    collection = collect_returns(find_returns(back), province=PROVINCE, params=WITH_WARDS)
    after = {p: sha256(p) for p in back.rglob("*") if p.is_file()}
    return collection, before, after, back


class TestCollect:
    def test_returned_files_are_never_modified(self, result):
        _, before, after, _ = result
        assert before == after and len(before) == 39

    def test_status_of_every_file(self, result):
        collection, _, _, back = result
        statuses = _rel(collection, back)
        assert len(statuses) == 38  # the lock file is not a return
        odd = {k: v for k, v in statuses.items() if v != "submitted"}
        assert odd == {
            WRONG_HOUSEHOLDS: "errors",
            WRONG_VILLAGE: "errors",
            TWICE: "duplicate",
            f"ban_sua/{TWICE}": "duplicate",
            OTHER_PROVINCE: "unrecognised",
            STRAY: "unrecognised",
        }
        assert statuses[RENAMED] == "submitted"

    def test_every_error_located_by_file_sheet_row_column(self, result):
        collection, _, _, back = result
        errors = {
            (str(Path(p.file).relative_to(back)), p.sheet, p.row, p.column)
            for p in collection.problems
            if p.severity == "error"
        }
        assert errors == {
            (WRONG_HOUSEHOLDS, "khao_sat", 3, "households"),
            (WRONG_VILLAGE, "thon", 4, "households_internet"),
            (TWICE, "khao_sat", 3, "commune_code"),
            (f"ban_sua/{TWICE}", "khao_sat", 3, "commune_code"),
            (OTHER_PROVINCE, "khao_sat", None, "commune_code"),
            (STRAY, None, None, None),
        }

    def test_conflict_names_both_paths(self, result):
        collection, _, _, back = result
        notes = dict(zip(collection.files["file"], collection.files["note"], strict=True))
        assert str(back / "ban_sua" / TWICE) in notes[str(back / TWICE)]
        assert str(back / TWICE) in notes[str(back / "ban_sua" / TWICE)]

    def test_communes_not_returned(self, result):
        collection, *_ = result
        assert collection.missing["commune_code"].tolist() == NOT_RETURNED
        assert collection.missing["commune_name"].tolist() == [
            "Xã Nậm Sỏ",
            "Xã Pắc Ta",
            "Xã Mường Than",
        ]

    def test_merged_tables_hold_only_the_valid_communes(self, result):
        collection, *_ = result
        left_out = {"03388", "03390", "03394", *NOT_RETURNED}
        units = current_units()
        expected = sorted(
            set(units.loc[units["province_code"] == PROVINCE, "commune_code"]) - left_out
        )
        assert not collection.complete
        assert collection.communes["commune_code"].tolist() == expected and len(expected) == 32
        assert set(collection.communes["households"]) == {1000}
        assert set(collection.communes["prominent_sector"]) == {"trong_trot"}
        assert len(collection.villages) == 64
        assert set(collection.villages["village_name"]) == {"Thôn Nà Khan", "Bản Hon"}
        assert set(collection.villages["village_type"]) == {"thon", "ban"}

    def test_partial_merged_survey_is_marked_and_loads(self, result, tmp_path):
        collection, *_ = result
        out = write_merged_survey(
            tmp_path / "khao_sat_lai_chau.xlsx",
            collection.communes,
            collection.villages,
            partial_note=["thiếu 6 xã"],
        )
        import openpyxl

        wb = openpyxl.load_workbook(out)
        assert wb.sheetnames[0] == NOTE_SHEET and wb[NOTE_SHEET]["A1"].value == PARTIAL_TITLE
        survey = load_survey(out)
        assert len(survey) == 32 and set(survey["year"]) == {2026}
        villages = load_villages(out, communes=survey)
        assert len(villages) == 64 and set(villages["households"]) == {120, 80}


class TestPreferNewest:
    def test_the_newer_copy_is_kept_the_older_replaced(self, folder):
        back = folder["back"]
        os.utime(back / TWICE, (1_700_000_000, 1_700_000_000))
        os.utime(back / "ban_sua" / TWICE, (1_800_000_000, 1_800_000_000))
        collection = collect_returns(
            find_returns(back), province=PROVINCE, prefer="newest", params=WITH_WARDS
        )
        statuses = _rel(collection, back)
        assert statuses[f"ban_sua/{TWICE}"] == "submitted"
        assert statuses[TWICE] == "duplicate"
        older = [p for p in collection.problems if p.file == str(back / TWICE)]
        assert [p.severity for p in older] == ["warning"]
        assert "03394" in set(collection.communes["commune_code"])


class TestComplete:
    def test_a_clean_folder_is_complete(self, folder, tmp_path):
        clean = tmp_path / "clean"
        clean.mkdir()
        for name in ("03405_xa_ta_leng.xlsx", "03408_phuong_tan_phong.xlsx"):
            shutil.copy(folder["back"] / name, clean / name)
        collection = collect_returns(find_returns(clean), province=PROVINCE, params=WITH_WARDS)
        assert collection.complete
        assert collection.files["status"].tolist() == ["submitted", "submitted"]
        assert len(collection.missing) == 36
        assert collection.communes["commune_code"].tolist() == ["03405", "03408"]
