"""``ntmplan forms`` then ``ntmplan collect``: exit codes, the files written, partial marking, usage errors."""

from __future__ import annotations

import openpyxl
import pytest

from ntmplan.cli import main
from ntmplan.survey.loading import load_survey
from tests.conftest import sha256
from tests.survey.forms.filling import GOOD_COMMUNE, fill_form

FORMS = ("03405_xa_ta_leng.xlsx", "03424_xa_ban_bo.xlsx")


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    out = tmp_path_factory.mktemp("forms") / "phieu"
    assert main(["forms", "--province", "Lai Châu", "--out", str(out), "--year", "2026"]) == 0
    return out


@pytest.fixture
def returned(forms, tmp_path):
    back = tmp_path / "nhan"
    fill_form(forms / FORMS[0], back / FORMS[0])
    fill_form(forms / FORMS[1], back / "sua" / FORMS[1], {**GOOD_COMMUNE, "population": 10})
    return back


class TestForms:
    def test_one_form_per_commune_none_for_wards(self, forms):
        names = [p.name for p in forms.glob("*.xlsx")]
        assert len(names) == 36  # Lai Châu: 36 xã; its 2 phường get no form by default
        assert not [n for n in names if "_phuong_" in n]

    def test_an_unknown_province_is_a_usage_error(self, tmp_path, capsys):
        assert main(["forms", "--province", "99", "--out", str(tmp_path)]) == 2
        assert "Traceback" not in capsys.readouterr().err


class TestCollect:
    def test_errors_mean_exit_1_no_merged_survey_and_a_report(self, returned, tmp_path, capsys):
        out = tmp_path / "khao_sat_lai_chau.xlsx"
        before = {p: sha256(p) for p in returned.rglob("*.xlsx")}
        assert main(["collect", str(returned), "--out", str(out), "--quiet"]) == 1
        printed = capsys.readouterr().out
        assert not out.exists()
        assert (tmp_path / "khao_sat_lai_chau_bao_cao_thu_phieu.xlsx").is_file()
        assert "sua/03424_xa_ban_bo.xlsx" in printed and "có lỗi" in printed
        assert "Số nhân khẩu (population)" in printed
        assert {p: sha256(p) for p in returned.rglob("*.xlsx")} == before

    def test_partial_writes_the_valid_communes_marked(self, returned, tmp_path, capsys):
        out = tmp_path / "khao_sat.xlsx"
        assert main(["collect", str(returned), "--out", str(out), "--partial", "--quiet"]) == 1
        assert "MỘT PHẦN" in capsys.readouterr().out
        assert openpyxl.load_workbook(out).sheetnames[0] == "ghi_chu"
        assert load_survey(out)["commune_code"].tolist() == ["03405"]

    def test_a_clean_folder_gives_exit_0_and_a_survey_that_validates(self, forms, tmp_path, capsys):
        back = tmp_path / "nhan"
        for name in FORMS:
            fill_form(forms / name, back / name)
        out = tmp_path / "khao_sat.xlsx"
        assert main(["collect", str(back), "--out", str(out), "--quiet"]) == 0
        assert main(["validate", str(out)]) == 0
        report = openpyxl.load_workbook(tmp_path / "khao_sat_bao_cao_thu_phieu.xlsx")
        assert report.sheetnames == ["tong_hop", "tep", "van_de", "chua_nop"]
        assert (
            report["chua_nop"].max_row == 35
        )  # header + the 34 communes not returned (wards not expected)

    def test_out_must_be_an_xlsx_outside_the_returns(self, returned, tmp_path):
        assert main(["collect", str(returned), "--out", str(tmp_path / "x.csv")]) == 2
        assert main(["collect", str(returned), "--out", str(returned / FORMS[0])]) == 2

    def test_a_missing_folder_is_a_located_problem(self, tmp_path, capsys):
        assert main(["collect", str(tmp_path / "khong_co"), "--out", str(tmp_path / "k.xlsx")]) == 1
        err = capsys.readouterr().err
        assert "Không tìm thấy thư mục phiếu" in err and "Traceback" not in err


class TestValidateVillages:
    def test_validate_reports_the_village_sheet(self, forms, tmp_path, capsys):
        bad = fill_form(
            forms / FORMS[0],
            tmp_path / "f.xlsx",
            villages=(
                {
                    "village_name": "Bản Hon",
                    "households": 10,
                    "households_internet": 20,
                    "households_smart_device": 5,
                    "fixed_broadband": "Có",
                    "mobile_broadband": "Có",
                    "dx_demand": 2,
                    "digital_providers": 0,
                },
            ),
        )
        assert main(["validate", str(bad)]) == 1
        printed = capsys.readouterr().out
        assert f"{bad} › thon" in printed and "households_internet" in printed


class TestProgress:
    def test_a_bar_only_on_a_terminal_and_not_when_quiet(self, monkeypatch):
        from ntmplan.cli import collect

        monkeypatch.setattr(collect.sys.stderr, "isatty", lambda: False, raising=False)
        assert collect.progress_bar(quiet=False) is None
        monkeypatch.setattr(collect.sys.stderr, "isatty", lambda: True, raising=False)
        assert collect.progress_bar(quiet=True) is None
        bar = collect.progress_bar(quiet=False)
        assert list(bar([1, 2])) == [1, 2]
