"""``ntmplan validate`` on a CSV survey with its village file beside it."""

from __future__ import annotations

from ntmplan.cli import main
from ntmplan.core.paths import SAMPLE_SURVEY as SURVEY

HEADER = "province_code,commune_code,year,village_name,village_type,households,households_internet,households_smart_device,fixed_broadband,mobile_broadband,prominent_sector,dx_demand,digital_providers\n"


def test_the_village_file_is_validated_too(tmp_path, capsys):
    survey = tmp_path / "khao_sat.csv"
    survey.write_bytes(SURVEY.read_bytes())
    villages = tmp_path / "khao_sat_thon.csv"
    villages.write_text(
        HEADER + "01,00376,2025,Thôn Đoài,thon,100,50,40,có,có,,3,1\n", encoding="utf-8"
    )
    assert main(["validate", str(survey)]) == 0
    assert f"Tệp / File: {villages}" in capsys.readouterr().out
    villages.write_text(
        HEADER + "01,00376,2024,Thôn Đoài,thon,100,50,40,có,có,,3,1\n", encoding="utf-8"
    )
    assert main(["validate", str(survey)]) == 1
    printed = capsys.readouterr().out
    assert "Trang khảo sát cấp xã không có dòng của xã này trong năm 2024" in printed
