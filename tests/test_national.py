"""Tests for ntmplan.tasks.national: the national roll-up (notebook 00)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ntmplan.core.params import default_params
from ntmplan.tasks import national


@pytest.fixture(scope="module")
def params() -> dict:
    return default_params()


def _target(met: int, total: int, value: float, target: float) -> dict:
    return {
        "label_vi": "x",
        "value": value,
        "target": target,
        "met": value >= target,
        "communes_met": met,
        "communes_total": total,
        "communes_needed": 0,
    }


def _s01(readiness: float, c84: tuple[int, int], files: float, n: int) -> dict:
    met, total = c84
    return {
        "province_code": "",
        "illustrative": True,
        "n_communes": n,
        "readiness_overall": readiness,
        "readiness_overall_mean": readiness - 1,
        "targets_met": 1,
        "targets_total": 4,
        "targets": {
            "files_online": _target(0, n, files, 0.6),
            "criterion_8_4": _target(met, total, met / total, 0.97),
            "cooperatives": _target(n, n, 1.0, 0.7),
            "digital_service": _target(0, n, 0.0, 0.4),
        },
    }


def _s02(eligible: int, chosen: list[tuple[str, str, float]]) -> dict:
    return {
        "eligible_count": {"smart_commune": eligible, "ecommerce_commune": 0},
        "target": {"smart_commune": 1},
        "chosen": {
            "smart_commune": [
                {"commune_code": c, "commune_name": n, "eligible": g == 0, "gap_mvnd": g}
                for c, n, g in chosen
            ]
        },
        "smart_pilots_gap_mvnd": sum(g for _, _, g in chosen),
    }


def _write(folder: Path, notebook: str, data: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"summary_{notebook}.json").write_text(
        json.dumps(data, ensure_ascii=False), encoding="utf-8"
    )


@pytest.fixture
def root(tmp_path) -> Path:
    """Outputs root: Hà Nội (01: all fine), Cao Bằng (04: no eligible commune, 02 failed earlier run
    but the summary is missing), plus a junk folder and the national folder (both ignored)."""
    hn = tmp_path / "01-ha-noi"
    _write(hn, "01_status", _s01(70.0, (1, 2), 0.7, 2))
    _write(hn, "02_pilots", _s02(2, [("00004", "Xã A", 0.0)]))
    _write(
        hn,
        "03_budget",
        {
            "total_mvnd": 1000.0,
            "funded_mvnd": 1000.0,
            "gap_mvnd": 0.0,
            "by_source_mvnd": {"central": 400.0, "provincial": 600.0},
        },
    )
    cb = tmp_path / "04-cao-bang"
    _write(cb, "01_status", _s01(40.0, (2, 2), 0.4, 2))
    (cb / "02_pilots.ipynb").write_text(
        json.dumps({"cells": [], "metadata": {"papermill": {"exception": True}}}), encoding="utf-8"
    )
    _write(
        cb,
        "03_budget",
        {"total_mvnd": 500.0, "by_source_mvnd": {"central": 100.0, "commune": 400.0}},
    )
    (tmp_path / "99-nowhere").mkdir()
    (tmp_path / "00-toan-quoc").mkdir()
    (tmp_path / "index.html").write_text("x", encoding="utf-8")
    return tmp_path


class TestProvinceFolders:
    def test_only_valid_province_folders(self, root):
        assert [c for c, _ in national.province_folders(root)] == ["01", "04"]

    def test_missing_root(self, tmp_path):
        assert national.province_folders(tmp_path / "none") == []


class TestCollectProvinces:
    def test_one_row_per_province(self, root, params):
        df = national.collect_provinces(root, params).set_index("province_code")
        assert list(df.index) == ["01", "04"]
        assert df.loc["01", "province_name"] == "Thành phố Hà Nội"
        assert df.loc["01", "readiness"] == 70.0 and df.loc["04", "readiness"] == 40.0
        assert (
            df.loc["01", "criterion_8_4_communes_met"] == 1
            and not df.loc["01", "criterion_8_4_met"]
        )
        assert df.loc["04", "criterion_8_4_met"]
        assert (
            df.loc["01", "eligible_smart_commune"] == 2
            and df.loc["01", "chosen_smart_commune"] == 1
        )
        assert (
            df.loc["01", "chosen_smart_codes"] == ["00004"]
            and df.loc["01", "chosen_smart_names"] == "Xã A"
        )
        assert bool(df.loc["04", "pilots_available"]) is False and np.isnan(
            df.loc["04", "eligible_smart_commune"]
        )
        assert df.loc["01", "budget_central_mvnd"] == 400.0 and np.isnan(
            df.loc["01", "budget_commune_mvnd"]
        )
        assert (
            df.loc["01", "status_02_pilots"] == "ok"
            and df.loc["04", "status_02_pilots"] == "failed"
        )
        assert df.loc["04", "status_04_capacity"] == "not_run"

    def test_empty_root(self, tmp_path, params):
        df = national.collect_provinces(tmp_path, params)
        assert df.empty and "readiness" in df.columns


def _provinces(**cols) -> pd.DataFrame:
    base = {
        "province_code": ["01", "04", "08", "11", "12"],
        "province_name": ["A", "B", "C", "D", "E"],
        "pilots_available": [True, True, True, False, True],
        "eligible_smart_commune": [2.0, 0.0, 0.0, np.nan, 3.0],
        "chosen_smart_commune": [1.0, 0.0, 1.0, np.nan, 0.0],
        "target_smart_commune": [1.0, 1.0, 1.0, np.nan, 1.0],
        "smart_gap_mvnd": [0.0, 0.0, 150.0, np.nan, 0.0],
    }
    base.update(cols)
    return pd.DataFrame(base)


class TestAtRisk:
    def test_rules_by_hand(self, params):
        got = national.at_risk(_provinces(), params).set_index("province_code")["risk_reason"]
        # A: 2 eligible, 1 chosen, no gap → fine.
        # B: no eligible, none chosen → at risk.
        # C: 1 chosen with gap 150 > 0 → at risk.
        # D: 02 not run → at risk (missing_is_risk true by default).
        # E: 3 eligible but none chosen (0 < target 1) → at risk.
        assert list(got.index) == ["04", "08", "11", "12"]
        assert got["04"] == "Không có xã đủ điều kiện và chưa chọn xã thí điểm"
        assert (
            got["08"]
            == "Xã thí điểm được chọn chưa đủ điều kiện: cần 150,0 triệu đồng để bù thiếu hụt"
        )
        assert got["11"].startswith("Chưa có số liệu thí điểm")
        assert got["12"] == "Số xã thí điểm đã chọn (0) ít hơn mục tiêu (1)"

    def test_several_reasons_joined(self, params):
        df = _provinces(
            target_smart_commune=[1.0, 1.0, 2.0, 1.0, 1.0]
        )  # C: needs 2, chose 1, gap 150
        got = national.at_risk(df, params).set_index("province_code")["risk_reason"]
        assert got["08"] == (
            "Số xã thí điểm đã chọn (1) ít hơn mục tiêu (2); "
            "Xã thí điểm được chọn chưa đủ điều kiện: cần 150,0 triệu đồng để bù thiếu hụt"
        )

    def test_thresholds_from_params(self, params):
        import copy

        p = copy.deepcopy(params)
        p["plan"]["at_risk"]["missing_is_risk"] = False
        p["plan"]["at_risk"]["gap_cost_max_mvnd"] = 200.0
        got = national.at_risk(_provinces(), p)
        assert list(got["province_code"]) == ["04", "12"]  # D not listed, C's gap 150 ≤ 200

    def test_target_defaults_to_params(self, params):
        df = _provinces().drop(columns="target_smart_commune")
        got = national.at_risk(df, params)
        assert (got["target_smart_commune"] == 1.0).all()

    def test_missing_column(self, params):
        with pytest.raises(KeyError, match="smart_gap_mvnd"):
            national.at_risk(_provinces().drop(columns="smart_gap_mvnd"), params)


class TestNationalTargets:
    def test_from_summaries_by_hand(self, root, params):
        df = national.collect_provinces(root, params)
        got = national.national_targets(df, params).set_index("target_id")
        # criterion 8.4: (1 + 2) of (2 + 2) communes = 0.75 < 0.97; provinces met: 04 only (2/2)
        assert got.loc["criterion_8_4", "value"] == pytest.approx(0.75)
        assert (
            got.loc["criterion_8_4", "communes_met"] == 3
            and got.loc["criterion_8_4", "provinces_met"] == 1
        )
        assert not got.loc["criterion_8_4", "met"]
        # files online: communes-weighted (2, 2) mean of 0.7 and 0.4 = 0.55 < 0.6
        assert got.loc["files_online", "value"] == pytest.approx(0.55)
        assert "gần đúng" in got.loc["files_online", "method"]

    def test_from_survey_is_exact(self, params):
        survey = _survey()
        df = pd.DataFrame(
            {
                f"{t}_{k}": [np.nan]
                for t in params["status"]["targets"]
                for k in ("value", "met", "communes_met", "communes_total")
            }
        )
        got = national.national_targets(df, params, survey).set_index("target_id")
        # 8.4 met by 1 of the 2 communes
        assert got.loc["criterion_8_4", "value"] == pytest.approx(0.5)
        assert got.loc["criterion_8_4", "communes_total"] == 2


class TestTargetMatrix:
    def test_shape_and_targets(self, root, params):
        m = national.target_matrix(national.collect_provinces(root, params), params)
        assert m.shape == (2, 4) and list(m.index) == ["Thành phố Hà Nội", "Tỉnh Cao Bằng"]
        assert m.attrs["targets"][params["status"]["targets"]["criterion_8_4"]["label_vi"]] == 0.97

    def test_heatmap_draws_even_when_empty(self, params):
        empty = national.target_matrix(
            pd.DataFrame(
                columns=["province_name"] + [f"{t}_value" for t in params["status"]["targets"]]
            ),
            params,
        )
        assert national.target_heatmap(empty).axes


class TestBudgetBySource:
    def test_sums_by_hand(self, root, params):
        got = national.budget_by_source(national.collect_provinces(root, params), params).set_index(
            "source"
        )
        # central 400 + 100, provincial 600, commune 400 → total 1500
        assert got.loc["central", "amount_mvnd"] == 500.0
        assert got.loc["commune", "amount_mvnd"] == 400.0
        assert got.loc["total", "amount_mvnd"] == 1500.0
        assert got.loc["provincial", "share"] == pytest.approx(0.4)

    def test_missing_column(self, params):
        with pytest.raises(KeyError):
            national.budget_by_source(pd.DataFrame({"x": [1]}), params)


class TestPilotsTable:
    def test_columns(self, root, params):
        got = national.pilots_table(national.collect_provinces(root, params))
        assert list(got["chosen_smart_names"]) == ["Xã A", ""]


# ----------------------------------------------------------------- registrations


def _registration(code: str, communes: list[str]) -> pd.DataFrame:
    from ntmplan.tasks.pilots import REGISTRATION_COLUMNS

    rows = []
    for i, c in enumerate(communes, start=1):
        row = dict.fromkeys(REGISTRATION_COLUMNS)
        row.update(
            province_code=code,
            pilot_type="smart_commune",
            rank=i,
            commune_code=c,
            commune_name=f"Xã {c}",
            eligible=True,
            score=80.0,
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=list(REGISTRATION_COLUMNS))


class TestStackRegistrations:
    def test_two_provinces_with_identical_columns(self, tmp_path):
        from ntmplan.core import writers
        from ntmplan.tasks.pilots import LABELS, REGISTRATION_COLUMNS

        writers.write_excel(
            tmp_path / "01-ha-noi" / national.REGISTRATION_FILE,
            {"Đăng ký": _registration("01", ["00004", "00007"])},
            LABELS,
        )
        writers.write_excel(
            tmp_path / "04-cao-bang" / national.REGISTRATION_FILE,
            {"Đăng ký": _registration("04", ["01594"])},
            LABELS,
        )
        got = national.stack_registrations(tmp_path)
        assert list(got.columns) == list(REGISTRATION_COLUMNS)  # Vietnamese headers mapped back
        assert list(got["province_code"]) == ["01", "01", "04"]
        assert list(got["commune_code"]) == ["00004", "00007", "01594"]  # leading zeros kept
        assert got.attrs["problems"] == [] and got.attrs["provinces"] == ["01", "04"]
        path = national.write_registrations(got, tmp_path / "00-toan-quoc")
        assert path.name == "dang_ky_thi_diem_trung_uong_toan_quoc.xlsx"
        back = pd.read_excel(path, dtype=object)
        assert len(back) == 3 and back.columns[0] == LABELS["province_code"]

    def test_different_columns_are_reported_and_skipped(self, tmp_path):
        from ntmplan.core import writers
        from ntmplan.tasks.pilots import LABELS

        writers.write_excel(
            tmp_path / "01-ha-noi" / national.REGISTRATION_FILE,
            {"a": _registration("01", ["00004"])},
            LABELS,
        )
        writers.write_excel(
            tmp_path / "04-cao-bang" / national.REGISTRATION_FILE,
            {"a": pd.DataFrame({"other": [1]})},
        )
        (tmp_path / "08-tuyen-quang").mkdir()
        (tmp_path / "08-tuyen-quang" / national.REGISTRATION_FILE).write_bytes(b"not an xlsx")
        got = national.stack_registrations(tmp_path)
        assert len(got) == 1 and got.attrs["provinces"] == ["01"]
        assert len(got.attrs["problems"]) == 2
        assert (
            "04-cao-bang" in got.attrs["problems"][0]
            and "08-tuyen-quang" in got.attrs["problems"][1]
        )

    def test_no_files(self, tmp_path):
        got = national.stack_registrations(tmp_path)
        assert got.empty and got.attrs["problems"] == []


# ----------------------------------------------------------------- per-commune index and map


def _survey() -> pd.DataFrame:
    """Two real communes of Hà Nội (codes from the 2025 unit list), one meeting 8.4."""
    from ntmplan.survey import units

    codes = (
        units.current_units()
        .query("province_code == '01' and unit_type == 'xã'")["commune_code"]
        .head(2)
        .tolist()
    )
    base = {
        "province_code": "01",
        "unit_type": "xã",
        "year": 2025,
        "households": 1000,
        "population": 4000,
        "villages": 10,
        "officials": 20,
        "villages_fiber": 10,
        "villages_4g": 10,
        "postal_point": True,
        "radio_it": True,
        "households_internet": 800,
        "households_smart_device": 700,
        "households_internet_smart": 600,
        "officials_computer": 20,
        "officials_email": 20,
        "officials_eoffice": 20,
        "files_online_share": 0.8,
        "digital_services": 2,
        "community_tech_members": 20,
        "cooperatives": 2,
        "cooperatives_digital": 1,
        "ocop_products": 4,
        "ocop_products_online": 2,
        "households_selling_online": 50,
        "prominent_sector": "trong_trot",
        "digital_providers": 2,
        "dx_demand": 4,
        "ntm_level": "dat_chuan",
        "commune_category": "other",
    }
    rows = [
        {**base, "commune_code": codes[0], "commune_name": "Xã Một", "criterion_8_4": True},
        {
            **base,
            "commune_code": codes[1],
            "commune_name": "Xã Hai",
            "criterion_8_4": False,
            "villages_fiber": 5,
        },
    ]
    return pd.DataFrame(rows)


class TestCommuneIndex:
    def test_index_and_coordinates(self, params):
        got = national.commune_index(_survey(), params)
        assert len(got) == 2 and got["lon"].notna().all() and got["lat"].notna().all()
        assert got["overall"].between(0, 100).all()
        # the second commune has half its villages on fibre: lower infrastructure score
        assert got.loc[1, "infrastructure"] < got.loc[0, "infrastructure"]

    def test_missing_column(self, params):
        with pytest.raises(KeyError):
            national.commune_index(_survey().drop(columns="villages"), params)

    def test_dot_map_rings_pilots(self, params):
        frame = national.commune_index(_survey(), params)
        fig = national.national_dot_map(frame, [frame.loc[0, "commune_code"]])
        assert fig.axes and fig.axes[0].get_title().startswith("Chỉ số sẵn sàng")


class TestRunStatus:
    def test_from_files(self, tmp_path):
        (tmp_path / "01_status.ipynb").write_text(
            json.dumps({"metadata": {"papermill": {"exception": None}}}), encoding="utf-8"
        )
        (tmp_path / "02_pilots.ipynb").write_text(
            json.dumps({"metadata": {"papermill": {"exception": True}}}), encoding="utf-8"
        )
        assert national.run_status(tmp_path, "01_status", False) == "ok"
        assert national.run_status(tmp_path, "02_pilots", True) == "failed"
        assert national.run_status(tmp_path, "03_budget", True) == "ok"
        assert national.run_status(tmp_path, "04_capacity", False) == "not_run"


class TestSurveyFiles:
    def test_from_papermill_parameters(self, tmp_path):
        folder = tmp_path / "01-ha-noi"
        folder.mkdir()
        nb = {"metadata": {"papermill": {"parameters": {"data_file": "/data/khao_sat.csv"}}}}
        (folder / "01_status.ipynb").write_text(json.dumps(nb), encoding="utf-8")
        (tmp_path / "04-cao-bang").mkdir()
        assert national.survey_files(tmp_path) == {"01": "/data/khao_sat.csv"}


@pytest.mark.slow
class TestOpenNational:
    def test_context_with_the_sample_survey(self, root):
        nat = national.open_national(str(root), "", "")
        assert nat.out == root / "00-toan-quoc" and (nat.out / "params_resolved.yaml").is_file()
        assert list(nat.provinces["province_code"]) == ["01", "04"]
        assert set(nat.survey["province_code"]) == {"01", "04"}  # bundled illustrative survey
        assert nat.illustrative and "minh họa" in nat.notice()
        path = nat.write_summary({"x": 1})
        assert json.loads(path.read_text(encoding="utf-8"))["notebook"] == "00_national"


class TestSummary:
    def test_keys(self, root, params):
        df = national.collect_provinces(root, params)
        got = national.summary(
            df,
            national.at_risk(df, params),
            national.budget_by_source(df, params),
            pd.DataFrame({"a": [1, 2]}),
        )
        assert got["provinces"] == 2 and got["at_risk"] == ["04"] and got["registrations"] == 2
        assert got["budget_total_mvnd"] == 1500.0 and got["readiness_mean"] == 55.0
        json.dumps(got)
