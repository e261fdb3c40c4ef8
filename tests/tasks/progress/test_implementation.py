"""The optional implementation workbook: format checks with located messages, comparisons."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import InputError
from ntmplan.tasks import progress
from tests.tasks.progress.fixtures import params


def workbook(path, spending, done=None):
    with pd.ExcelWriter(path) as xl:
        pd.DataFrame(spending).to_excel(xl, sheet_name="chi_tieu", index=False)
        if done is not None:
            pd.DataFrame(done).to_excel(xl, sheet_name="dao_tao", index=False)
    return path


GOOD = {
    "activity": ["training", "training"],
    "year": [2024, 2025],
    "source": ["provincial"] * 2,
    "actual_mvnd": [40, 55],
}


class TestReadImplementation:
    def test_good_file(self, tmp_path):
        path = workbook(
            tmp_path / "a.xlsx", GOOD, {"item": ["officials"], "year": [2025], "done": [90]}
        )
        before = path.read_bytes()
        spending, done = progress.read_implementation(path, params())
        assert spending["actual_mvnd"].sum() == 95 and spending["year"].dtype == "int64"
        assert done["done"].tolist() == [90.0]
        assert path.read_bytes() == before  # never modified

    def test_every_problem_located(self, tmp_path):
        bad = {
            "activity": ["training", "flying"],
            "year": ["2024", "20x5"],
            "source": ["provincial", "bank"],
            "actual_mvnd": ["-1", "10"],
        }
        with pytest.raises(InputError) as err:
            progress.read_implementation(workbook(tmp_path / "b.xlsx", bad), params())
        found = {(p.sheet, p.row, p.column) for p in err.value.problems}
        assert found == {
            ("chi_tieu", 3, "activity"),
            ("chi_tieu", 3, "source"),
            ("chi_tieu", 3, "year"),
            ("chi_tieu", 2, "actual_mvnd"),
        }
        assert all(p.file == "b.xlsx" for p in err.value.problems)

    def test_missing_sheet_and_column(self, tmp_path):
        path = tmp_path / "c.xlsx"
        pd.DataFrame({"x": [1]}).to_excel(path, sheet_name="khac", index=False)
        with pytest.raises(InputError) as err:
            progress.read_implementation(path, params())
        assert err.value.problems[0].sheet == "chi_tieu"
        path = workbook(tmp_path / "d.xlsx", {"activity": ["training"], "year": [2025]})
        with pytest.raises(InputError) as err:
            progress.read_implementation(path, params())
        assert {p.column for p in err.value.problems} == {"source", "actual_mvnd"}

    def test_missing_file(self, tmp_path):
        with pytest.raises(InputError):
            progress.read_implementation(tmp_path / "none.xlsx", params())


class TestMoneyAndCapacity:
    def test_money_planned_against_spent(self):
        spending = pd.DataFrame({"activity": ["training", "pilots"], "actual_mvnd": [95.0, 80.0]})
        out = progress.money_table({"training": 100.0, "pilots": 100.0}, spending, params())
        out = out.set_index("activity")
        assert out.loc["training", "spent_share"] == pytest.approx(0.95)
        assert bool(out.loc["training", "on_plan"]) and not out.loc["pilots", "on_plan"]

    def test_spending_on_an_unplanned_activity(self):
        spending = pd.DataFrame({"activity": ["data"], "actual_mvnd": [10.0]})
        out = progress.money_table({"training": 100.0}, spending, params()).set_index("activity")
        assert out.loc["data", "planned_mvnd"] == 0 and pd.isna(out.loc["data", "spent_share"])
        assert out.loc["training", "actual_mvnd"] == 0

    def test_no_spending_supplied(self):
        out = progress.money_table({"training": 100.0}, None, params())
        assert out["actual_mvnd"].isna().all()

    def test_training_done_against_planned(self):
        done = pd.DataFrame({"item": ["officials", "officials"], "done": [50.0, 40.0]})
        out = progress.capacity_table({"officials": 100, "residents": 10}, None, done, params())
        out = out.set_index("item")
        # 90 of 100 = 0.9 ≥ 1 − 0.1: achieved; residents none done.
        assert bool(out.loc["officials", "achieved"]) and not out.loc["residents", "achieved"]
