"""Key figures of summary_07_progress.json."""

from __future__ import annotations

import json

import pandas as pd

from ntmplan.tasks import progress
from tests.tasks.progress.fixtures import params, survey


def test_summary_from_a_small_build():
    rows = [("a", 2024, 10, 0.5, True), ("a", 2025, 10, 0.55, True), ("b", 2024, 10, 0.6, False)]
    rows += [("b", 2025, 10, 0.65, True)]
    p = params()
    targets = p["status"]["targets"]
    res = progress.build(survey(rows), targets, targets, funded=0, plan_end=2025, params=p)
    central = progress.read_central_pilots().head(0).assign(commune_name="", in_ward=False)
    out = progress.summary(
        res["closeout"], res["projection_2030"], res["projection_2025"], [2024, 2025], central, p
    )
    json.dumps(out)  # serialisable
    # files: (5.5 + 6.5) / 20 = 0.6 exactly -> met; 8.4: 2 of 2 -> met.
    assert out["targets_met"] == 2 and out["targets_total"] == 2
    assert out["closeout"]["files_online"]["met"] is True
    assert out["projection"]["files_online"]["status"] == "met"
    assert out["at_risk"] == [] and out["survey_years"] == [2024, 2025]
    assert isinstance(res["projection_2030"]["label_vi"], pd.Series)
    # both target sets' series together, and every target named
    assert len(res["series"]) == len(res["series_2025"]) + len(res["series_2030"])
    assert set(res["labels"]) == set(targets)
