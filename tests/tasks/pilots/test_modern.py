"""The modern NTM commune pilot type (2026–2030 profile, Decision 51/2025/QĐ-TTg Appendix II)."""

from __future__ import annotations

from ntmplan.core.params import load_params
from ntmplan.tasks import pilots
from tests.tasks.pilots.fixtures import commune, survey

MODERN = {
    "label_vi": "Xã nông thôn mới hiện đại",
    "conditions": ["rural", "ntm_level", "files_online", "digital_services", "households"],
    "number": 1,
    "fallback_cheapest": False,
    "thresholds": {
        "ntm_levels": ["nang_cao", "kieu_mau"],
        "files_online_share": {"group_1": 0.9, "group_2": 0.8, "group_3": 0.7},
        "digital_services_min": {"group_1": 3, "group_2": 2, "group_3": 1},
        "households_internet_smart_share": {"group_1": 0.8, "group_2": 0.7, "group_3": 0.6},
    },
}


def with_modern(params):
    params["pilots"]["extra_types"] = {"modern_commune": dict(MODERN)}
    return params


class TestModernCommune:
    def test_conditions_by_group(self, params):
        with_modern(params)
        df = survey(
            # group 2: files 0.8 ≥ 0.8, services 2 ≥ 2, households 700/1000 ≥ 70% → eligible
            commune(
                "00001", files_online_share=0.8, digital_services=2, households_internet_smart=700
            ),
            # group 1 (peri-urban): files 0.8 < 0.9, services 2 < 3 (short 1), 700 < 800 (short 100)
            commune(
                "00002",
                files_online_share=0.8,
                digital_services=2,
                households_internet_smart=700,
                urban_oriented=True,
            ),
            # group 2 but only NTM standard: not nang_cao / kieu_mau
            commune(
                "00003",
                ntm_level="dat_chuan",
                files_online_share=0.9,
                digital_services=3,
                households_internet_smart=800,
            ),
        )
        out = pilots.check_eligibility(df, params, "modern_commune")
        assert out["eligible"].tolist() == [True, False, False]
        assert out["gate_files_online"].tolist() == [True, False, True]
        assert out["shortfall_digital_services"].tolist() == [0, 1, 0]
        assert out["shortfall_households"].tolist() == [0, 100, 0]
        assert out["gate_ntm_level"].tolist() == [True, True, False]

    def test_an_ntm_level_cannot_be_bought(self, params):
        with_modern(params)
        df = survey(commune("00003", ntm_level="dat_chuan"))
        elig = pilots.check_eligibility(df, params, "modern_commune")
        assert not pilots.gap_costs(df, elig, params)["attainable"].iloc[0]

    def test_evaluated_beside_the_other_types(self, params):
        with_modern(params)
        results = pilots.evaluate(survey(commune()), params)
        assert list(results) == ["smart_commune", "ecommerce_commune", "modern_commune"]
        table = pilots.conditions_table(params)
        assert "Xã nông thôn mới hiện đại" in table.columns


class TestProfiles:
    def test_only_the_2026_2030_profile_has_it(self):
        p21 = load_params(None, "2021_2025", None, None)
        p26 = load_params(None, "2026_2030", None, None)
        assert "modern_commune" not in pilots.evaluate(survey(commune()), p21)
        assert "modern_commune" in pilots.evaluate(survey(commune()), p26)
        assert "hiện đại" not in " ".join(pilots.conditions_table(p21).columns)

    def test_pending_marker_on_its_values(self):
        from ntmplan.core.params import profile_file

        text = profile_file("2026_2030").read_text(encoding="utf-8")
        marker = "# assumption — to be replaced by Decision 51/2025/QĐ-TTg Appendix II"
        block = text[text.index("modern_commune:") :]
        for key in ("conditions:", "number:", "ntm_levels:", "files_online_share:"):
            line = next(x for x in block.splitlines() if x.strip().startswith(key))
            assert marker in line

    def test_assumptions_table_names_it_only_under_its_profile(self):
        p21 = load_params(None, "2021_2025", None, None)
        p26 = load_params(None, "2026_2030", None, None)
        assert not pilots.assumptions(p21)["key"].str.contains("modern_commune").any()
        assert pilots.assumptions(p26)["key"].str.contains("extra_types.modern_commune").any()


class TestExtraTypeSheets:
    def test_one_sheet_per_added_type(self, params):
        with_modern(params)
        df = survey(commune())
        sheets = pilots.extra_type_sheets(df, pilots.evaluate(df, params), params)
        assert list(sheets) == ["Xã - Xã nông thôn mới hiện đại"]
        assert "gate_ntm_level" in sheets["Xã - Xã nông thôn mới hiện đại"].columns

    def test_none_without_added_types(self, params):
        df = survey(commune())
        assert pilots.extra_type_sheets(df, pilots.evaluate(df, params), params) == {}
