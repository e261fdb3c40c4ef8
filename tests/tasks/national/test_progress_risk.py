"""Provinces at risk of missing a 2030 target, from hand-made progress summaries."""

from __future__ import annotations

from ntmplan.tasks import national


def proj(at_risk, status="reached", last=0.3, target=0.65, year=None, label="C7"):
    return {
        "label_vi": label,
        "status": status,
        "last_value": last,
        "target": target,
        "year_plan": year,
        "at_risk": at_risk,
    }


PROGRESS = {
    "01": {
        "province_name": "A",
        "at_risk": ["c7"],
        "projection": {
            "c7": proj(True, last=0.5, year=2032),
            "ntm": proj(False, "met", 0.9, label="NTM"),
        },
    },
    "04": {
        "province_name": "B",
        "at_risk": ["c7", "ntm"],
        "projection": {
            "c7": proj(True, "not_reached", 0.2),
            "ntm": proj(True, "no_trend", 0.4, label="NTM"),
        },
    },
    "08": {"province_name": "C", "at_risk": [], "projection": {"c7": proj(False, year=2029)}},
}


class TestAtRisk2030:
    def test_sorted_most_at_risk_first_then_furthest(self):
        out = national.at_risk_2030(PROGRESS, stop=2040)
        assert out["province_code"].tolist() == ["04", "04", "01"]
        # 04: c7 gap 0.45 before ntm gap 0.25.
        assert out["label_vi"].tolist() == ["C7", "NTM", "C7"]
        assert out["year_plan_text"].tolist() == ["sau 2040", "sau 2040", "2032"]
        assert out.loc[0, "status_vi"] == "Không đạt theo xu hướng"

    def test_none(self):
        assert national.at_risk_2030({}).empty


class TestRiskCounts:
    def test_per_target(self):
        out = national.risk_counts(PROGRESS).set_index("label_vi")
        assert out.loc["C7", "provinces"] == 3 and out.loc["C7", "provinces_at_risk"] == 2
        assert out.loc["NTM", "provinces_at_risk"] == 1 and out.loc["NTM", "provinces_met"] == 1
