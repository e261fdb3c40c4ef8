"""Measures per commune and year, province series, changes and missing years."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.tasks import progress
from tests.tasks.progress.fixtures import params, survey


class TestCommuneMeasures:
    def test_both_kinds(self):
        m = progress.commune_measures(survey([("a", 2025, 20, 0.5, True)]), params())
        files = m[m["target_id"] == "files_online"].iloc[0]
        assert files["value"] == 0.5 and files["weight"] == 20 and files["kind"] == "weighted_mean"
        c84 = m[m["target_id"] == "criterion_8_4"].iloc[0]
        assert c84["value"] == 1.0 and c84["weight"] == 1.0 and c84["target"] == 0.97

    def test_levels_among_and_derived_share(self):
        targets = {
            "modern": {
                "label_vi": "x",
                "kind": "communes_share",
                "levels": {"ntm_level": ["kieu_mau"]},
                "among": {"ntm_level": ["dat_chuan", "kieu_mau"]},
                "target": 0.1,
            },
            "online": {
                "label_vi": "y",
                "kind": "communes_share",
                # 50 of 100 households: share 0.5 ≥ 0.5 met; 40: not met.
                "conditions": {"households_internet_share": 0.5, "satisfaction_online": 1},
                "optional": ["satisfaction_online"],
                "target": 0.5,
            },
        }
        frame = survey(
            [("a", 2025, 10, 0.5, True), ("b", 2025, 10, 0.5, True), ("c", 2025, 10, 0.5, True)]
        ).assign(ntm_level=["kieu_mau", "dat_chuan", "chua_dat"], households_internet=[50, 40, 50])
        m = progress.commune_measures(frame, params(targets))
        modern = m[m["target_id"] == "modern"].set_index("commune_code")["value"]
        assert modern.to_dict() == {"a": 1.0, "b": 0.0}  # c is not among the NTM communes
        online = m[m["target_id"] == "online"].set_index("commune_code")["value"]
        assert online.to_dict() == {"a": 1.0, "b": 0.0, "c": 1.0}

    def test_wards_left_out(self):
        frame = survey([("a", 2025, 10, 0.5, True), ("b", 2025, 10, 0.5, True)])
        frame.loc[1, "unit_type"] = "phường"
        m = progress.commune_measures(frame, params())
        assert set(m["commune_code"]) == {"a"}

    def test_missing_condition_column(self):
        targets = {
            "x": {
                "label_vi": "x",
                "kind": "communes_share",
                "conditions": {"nope": 1},
                "target": 0.5,
            }
        }
        with pytest.raises(KeyError, match="nope"):
            progress.commune_measures(survey([("a", 2025, 10, 0.5, True)]), params(targets))

    def test_unknown_kind(self):
        targets = {"x": {"label_vi": "x", "kind": "median", "target": 0.5}}
        with pytest.raises(ValueError, match="median"):
            progress.commune_measures(survey([("a", 2025, 10, 0.5, True)]), params(targets))


class TestProvinceSeries:
    def test_weighted_value_per_year_and_a_commune_appearing_later(self):
        rows = [
            ("a", 2024, 10, 0.2, False),
            ("b", 2024, 30, 0.6, True),
            ("a", 2025, 10, 0.4, True),
            ("b", 2025, 30, 0.6, True),
            ("c", 2025, 60, 0.9, False),
        ]
        s = progress.province_series(progress.commune_measures(survey(rows), params()))
        files = s[s["target_id"] == "files_online"].set_index("year")
        # 2024: (2 + 18) / 40 = 0.5; 2025: (4 + 18 + 54) / 100 = 0.76.
        assert files.loc[2024, "value"] == pytest.approx(0.5)
        assert files.loc[2025, "value"] == pytest.approx(0.76)
        assert files.loc[2025, "communes"] == 3 and files.loc[2025, "communes_met"] == 2
        ch = progress.changes(s, 2024, 2025).set_index("target_id")
        assert ch.loc["files_online", "change"] == pytest.approx(0.26)
        # 8.4: 2024 1/2, 2025 2/3.
        assert ch.loc["criterion_8_4", "change"] == pytest.approx(2 / 3 - 0.5)

    def test_change_with_a_missing_year_is_empty(self):
        s = progress.province_series(
            progress.commune_measures(survey([("a", 2025, 10, 0.5, True)]), params())
        )
        assert progress.changes(s, 2023, 2025)["change"].isna().all()

    def test_change_within_one_year_is_zero(self):
        # a survey of one year: the change from that year to itself (files online 0.5 → 0.5)
        s = progress.province_series(
            progress.commune_measures(survey([("a", 2025, 10, 0.5, True)]), params())
        )
        ch = progress.changes(s, 2025, 2025).set_index("target_id")
        assert ch.loc["files_online", "value_from"] == ch.loc["files_online", "value_to"] == 0.5
        assert ch.loc["files_online", "change"] == 0


class TestSurveyYears:
    def test_missing_years(self):
        rows = [("a", 2023, 10, 0.5, True), ("a", 2025, 10, 0.5, True), ("b", 2024, 10, 0.5, True)]
        rows += [("b", 2025, 10, 0.5, True), ("c", 2023, 10, 0.5, True), ("c", 2024, 10, 0.5, True)]
        rows += [("c", 2025, 10, 0.5, True)]
        out = progress.survey_years(survey(rows), "01").set_index("commune_code")
        assert list(out.index) == ["a", "b"]
        assert out.loc["a", "years"] == "2023; 2025" and out.loc["a", "missing_years"] == "2024"
        assert out.loc["b", "missing_years"] == "2023" and out.loc["b", "n_years"] == 2

    def test_other_province_ignored(self):
        frame = survey([("a", 2025, 10, 0.5, True)])
        assert progress.survey_years(frame, "02").empty


class TestSeriesView:
    def test_one_column_per_year(self):
        rows = [("a", 2024, 10, 0.2, False), ("a", 2025, 10, 0.4, True)]
        s = progress.province_series(progress.commune_measures(survey(rows), params()))
        view = progress.series_view(s, {"files_online": "Hồ sơ", "criterion_8_4": "8.4"})
        assert list(view.columns) == ["label_vi", "target", "2024", "2025"]
        assert view["label_vi"].tolist() == ["Hồ sơ", "8.4"]
        assert view.loc[0, "2025"] == pytest.approx(0.4)
        assert isinstance(view, pd.DataFrame)
