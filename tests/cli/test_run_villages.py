"""``ntmplan run --data``: bad village rows stop the run before any kernel, with their place."""

from __future__ import annotations

import pytest

from ntmplan import cli


def test_bad_village_rows_exit_1_before_any_kernel(tmp_path, capsys, monkeypatch):
    from ntmplan.batch import runner
    from ntmplan.survey import loading
    from tests.survey_fixtures import csv_text

    monkeypatch.setattr(loading, "_SURVEY_MEMORY", {})
    monkeypatch.setattr(runner, "run", lambda *a, **k: pytest.fail("a kernel batch started"))
    data = tmp_path / "ks.csv"
    data.write_text(csv_text(), encoding="utf-8")  # Hà Nội (01): communes 00376, 00382
    villages = tmp_path / "ks_thon.csv"
    villages.write_text(
        "province_code,commune_code,year,village_name,village_type,households,"
        "households_internet,households_smart_device,fixed_broadband,mobile_broadband,"
        "prominent_sector,dx_demand,digital_providers\n"
        "01,00376,2025,Thôn Đông,thon,100,120,50,1,1,trong_trot,3,1\n",
        encoding="utf-8",
    )
    before = villages.read_bytes()
    argv = ["run", "--province", "01", "--data", str(data), "--out", str(tmp_path / "out")]
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "ks_thon.csv" in err and "households_internet" in err
    assert villages.read_bytes() == before
