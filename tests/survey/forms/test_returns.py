"""Finding returned files and reading each one, never writing it and never raising."""

from __future__ import annotations

import pandas as pd

from ntmplan.survey.forms import find_returns, read_return
from tests.conftest import sha256

COMMUNE = "province_code,commune_code,commune_name,year\n12,03390,Xã Bình Lư,2026\n"


class TestFindReturns:
    def test_every_file_but_lock_hidden_and_village_companions(self, tmp_path):
        (tmp_path / "a").mkdir()
        for name in (
            "a/x.xlsx",
            "b.csv",
            "b_thon.csv",
            "c_thon.csv",
            "~$x.xlsx",
            ".DS_Store",
            "d.pdf",
        ):
            (tmp_path / name).write_bytes(b"x")
        found = [p.relative_to(tmp_path).as_posix() for p in find_returns(tmp_path)]
        assert found == ["a/x.xlsx", "b.csv", "c_thon.csv", "d.pdf"]


class TestReadReturn:
    def test_csv_and_its_villages(self, tmp_path):
        (tmp_path / "s.csv").write_text(COMMUNE, encoding="utf-8")
        pd.DataFrame(
            {"commune_code": ["03390"], "village_name": ["Bản Hon"], "households": [80]}
        ).to_csv(tmp_path / "s_thon.csv", index=False)
        before = sha256(tmp_path / "s.csv")
        r = read_return(tmp_path / "s.csv")
        assert r.communes["commune_code"].tolist() == ["03390"] and r.sheet is None
        assert r.villages["village_name"].tolist() == ["Bản Hon"]
        assert sha256(tmp_path / "s.csv") == before

    def test_not_a_survey_file(self, tmp_path):
        (tmp_path / "cong_van.pdf").write_bytes(b"%PDF")
        r = read_return(tmp_path / "cong_van.pdf")
        assert r.communes is None and [p.value for p in r.problems] == [".pdf"]

    def test_a_corrupt_workbook_is_a_problem_not_an_exception(self, tmp_path):
        (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04 broken")
        r = read_return(tmp_path / "x.xlsx")
        assert r.communes is None and r.problems[0].severity == "error"
