"""Tests of ntmplan.core.presentation (values as people read them) and core.legal_sources."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ntmplan.core import presentation as pr
from ntmplan.core.legal_sources import cited_sources, param_value_text, source_note

PARAMS = {
    "survey": {
        "sectors": {"trang_trai": "Trang trại / farms"},
        "commune_categories": {"zone_i": "Xã khu vực I / Zone I", "other": "Khác / other"},
        "ntm_level_labels": {"nang_cao": "NTM nâng cao / advanced NTM"},
    },
    "pilots": {"types": {"smart_commune": {"label_vi": "Xã NTM thông minh", "number": 1}}},
    "budget": {
        "sources": {"central": "Ngân sách trung ương / central budget", "other": "Nguồn khác"},
        "activities": {"training": "Đào tạo / training"},
        "unfunded_label": "Chưa có nguồn / unfunded",
    },
    "capacity": {"trainer_pools": {"provincial": {"name_vi": "Giảng viên tỉnh"}}},
}


class TestParamsValueLabels:
    def test_columns_get_their_lists(self):
        labels = pr.params_value_labels(PARAMS)
        assert labels["prominent_sector"] == {"trang_trai": "Trang trại / farms"}
        assert labels["pilot_type"] == {"smart_commune": "Xã NTM thông minh"}
        assert labels["ntm_level"]["nang_cao"] == "NTM nâng cao / advanced NTM"
        assert labels["source"]["unfunded"] == "Chưa có nguồn / unfunded"
        assert labels["pool"] == {"provincial": "Giảng viên tỉnh"}

    def test_missing_sections_are_skipped(self):
        labels = pr.params_value_labels({"survey": {"sectors": {"a": "A"}}, "budget": {}})
        assert labels["sector"] == {"a": "A"}
        assert "source" not in labels

    def test_defaults_when_no_params(self):
        assert pr.params_value_labels(None)["pilot_type"]["smart_commune"]


class TestSectionCodes:
    def test_ambiguous_codes_stay_codes(self):
        codes = pr.section_codes(PARAMS, "budget")
        assert codes["central"] == "Ngân sách trung ương"  # Vietnamese half only
        assert codes["trang_trai"] == "Trang trại"  # survey lists apply everywhere
        assert "other" not in codes  # "Khác" (category) vs "Nguồn khác" (source)
        assert "provincial" not in codes  # a trainer pool: not a budget code

    def test_section_own_lists(self):
        assert pr.section_codes(PARAMS, "capacity")["provincial"] == "Giảng viên tỉnh"


class TestVietnamesePart:
    def test_split(self):
        assert pr.vietnamese_part("Trồng trọt / crops") == "Trồng trọt"
        assert pr.vietnamese_part("Không có tiếng Anh") == "Không có tiếng Anh"


class TestIsMissing:
    @pytest.mark.parametrize("value", [None, np.nan, pd.NA, pd.NaT, float("nan")])
    def test_missing(self, value):
        assert pr.is_missing(value)

    @pytest.mark.parametrize("value", [0, "", "x", [1, 2], False])
    def test_not_missing(self, value):
        assert not pr.is_missing(value)


class TestLabelValues:
    def test_codes_booleans_missing(self):
        frame = pd.DataFrame(
            {
                "prominent_sector": ["trang_trai", None, "unknown"],
                "eligible": [True, False, True],
                "households": [10, 20, 30],
            },
            index=[7, 3, 5],
        )
        out = pr.label_values(frame, PARAMS)
        assert out["prominent_sector"].tolist() == ["Trang trại / farms", None, "unknown"]
        assert out["eligible"].tolist() == ["✓", "✗", "✓"]
        assert out["households"].tolist() == [10, 20, 30]  # numbers untouched
        assert out.index.tolist() == [0, 1, 2]
        assert frame["eligible"].tolist() == [True, False, True]  # the input is not changed

    def test_value_labels_win_and_vietnamese_only(self):
        frame = pd.DataFrame({"check": ["financed"], "source": ["central"]})
        out = pr.label_values(
            frame,
            PARAMS,
            value_labels={"check": {"financed": "Đủ nguồn / financed"}},
            vietnamese_only=True,
        )
        assert out.loc[0, "check"] == "Đủ nguồn"
        assert out.loc[0, "source"] == "Ngân sách trung ương"

    def test_nullable_missing_in_text_column(self):
        frame = pd.DataFrame({"pilot_type": pd.array(["smart_commune", pd.NA], dtype="string")})
        assert pr.label_values(frame, PARAMS)["pilot_type"].tolist() == ["Xã NTM thông minh", None]


class TestColumnKind:
    @pytest.mark.parametrize(
        ("name", "values", "kind"),
        [
            ("gap_mvnd", [1.5, 2.0], "money"),
            ("households_internet_share", [0.5, 0.25], "share"),
            ("share_top_k", [1.0, 0.0], "share"),
            ("files_online_share", [0.5, 65.0], "number"),  # not a 0–1 share
            ("score", [63.4, 12.0], "score"),
            ("overall", [63.4, 12.0], "score"),
            ("infrastructure", [50.0, 77.35], "score"),  # a readiness pillar
            ("postal_point", [0.95, 0.8], "share"),  # mean of a yes/no column
            ("households", [10, 20], "count"),
            ("classes", [3.0, 4.0], "count"),  # whole numbers
            ("ratio_x", [0.1, 0.2], "share"),
            ("separate", [0.1, 0.2], "number"),  # "rate" only as a word
            ("year", [2025, 2026], "year"),
            ("commune_code", ["00001", "00002"], "code"),
            ("commune_name", ["A", "B"], "text"),
            ("value", [1.25, 2.5], "number"),
        ],
    )
    def test_kinds(self, name, values, kind):
        assert pr.column_kind(name, pd.Series(values)) == kind

    def test_bool_is_flag(self):
        assert pr.column_kind("eligible", pd.Series([True, False])) == "flag"

    def test_name_only(self):
        assert pr.column_kind("cost_mvnd") == "money"
        assert pr.column_kind("weird") == "number"


class TestFormatValue:
    @pytest.mark.parametrize(
        ("value", "kind", "text"),
        [
            (0.679, "share", "67,9%"),
            (1234.56, "money", "1.234,6"),
            (63.454186, "score", "63,5"),
            (1000, "count", "1.000"),
            (2025, "year", "2025"),
            (0.11, "number", "0,11"),
            (12.345, "number", "12,3"),
            (3180.0000000000005, "text", "3.180"),
            (None, "money", "—"),
            (np.nan, "share", "—"),
            (True, "flag", "✓"),
            (np.bool_(False), "flag", "✗"),
            ("Xã A", "text", "Xã A"),
            (float("inf"), "number", "∞"),
            (pd.Timestamp("2025-07-01"), "text", "01/07/2025"),
        ],
    )
    def test_values(self, value, kind, text):
        assert pr.format_value(value, kind) == text

    def test_digits(self):
        assert pr.format_value(1.0, "number", 2) == "1,00"


class TestNumberDigits:
    def test_digits(self):
        assert pr.number_digits([0.5, 1.0, None]) == 2
        assert pr.number_digits([0.5, 12.0]) == 1
        assert pr.number_digits(["x"]) == 2


class TestFormatFrame:
    def test_every_kind(self):
        frame = pd.DataFrame(
            {
                "prominent_sector": ["trang_trai", None],
                "eligible": [True, False],
                "gap_mvnd": [1234.56, np.nan],
                "households_internet_share": [0.679, 0.5],
                "score": [63.454186, 100.0],
                "households": pd.array([1000, None], dtype="Int64"),
                "ind_x": [0.7, 1.0],
            },
            index=[9, 4],
        )
        out = pr.format_frame(frame, PARAMS)
        assert out.to_dict("records") == [
            {
                "prominent_sector": "Trang trại / farms",
                "eligible": "✓",
                "gap_mvnd": "1.234,6",
                "households_internet_share": "67,9%",
                "score": "63,5",
                "households": "1.000",
                "ind_x": "0,70",
            },
            {
                "prominent_sector": "—",
                "eligible": "✗",
                "gap_mvnd": "—",
                "households_internet_share": "50,0%",
                "score": "100,0",
                "households": "—",
                "ind_x": "1,00",  # same decimals on every row of a column
            },
        ]
        assert out.index.tolist() == [0, 1]

    def test_kinds_override(self):
        frame = pd.DataFrame({"value": [0.6], "target": [0.97]})
        out = pr.format_frame(frame, PARAMS, kinds={"value": "share", "target": "share"})
        assert out.iloc[0].tolist() == ["60,0%", "97,0%"]

    def test_row_measures(self):
        frame = pd.DataFrame({"mean": [63.45, 0.9], "n": [66, 66]})
        out = pr.format_frame(frame, PARAMS, row_measures=["overall", "villages_fiber_share"])
        assert out["mean"].tolist() == ["63,5", "90,0%"]
        assert out["n"].tolist() == ["66", "66"]  # counts keep their kind

    def test_row_measures_length(self):
        with pytest.raises(ValueError, match="one name per row"):
            pr.format_frame(pd.DataFrame({"x": [1.5]}), PARAMS, row_measures=["a", "b"])

    def test_duplicate_column_names(self):
        frame = pd.DataFrame([[1, 0.5]], columns=["a", "a"])
        assert pr.format_frame(frame, PARAMS).iloc[0].tolist() == ["1", "0,50"]

    def test_empty_frame(self):
        out = pr.format_frame(pd.DataFrame({"score": pd.Series([], dtype=float)}), PARAMS)
        assert list(out.columns) == ["score"] and len(out) == 0


class TestCitedSources:
    def test_tags_become_documents_then_assumption(self):
        text = cited_sources("assumption: equal weights [DTI]; [G] task 3a; [318] 8.2 telecom")
        assert text == (
            "QĐ 922/QĐ-BTTTT năm 2022; "
            "Hướng dẫn kèm Công văn BNN-VPĐP 2022 (Phụ lục III), nhiệm vụ 3a; "
            "QĐ 318/QĐ-TTg năm 2022, chỉ tiêu 8.2; Giả định"
        )

    def test_numbers_in_text_and_project_notes(self):
        text = cited_sources(
            'e-commerce (3445/BNN-VPĐP spirit, DOMAIN.md "Administrative structure")'
        )
        assert text.startswith("Công văn 3445/BNN-VPĐP; NQ 202/2025/QH15")

    def test_duplicates_merge(self):
        assert cited_sources("[DTI] Decision 922/QĐ-BTTTT") == "QĐ 922/QĐ-BTTTT năm 2022"

    def test_nothing_cited(self):
        assert cited_sources("Shares re-weighted by a count column") == "—"
        assert cited_sources(None) == "—"


class TestSourceNote:
    def test_tags_spelled_out_project_notes_removed(self):
        note = source_note(
            'Province aggregates (issue 2 item 7) — DOMAIN.md "Other reference points". [924] target'
        )
        assert "DOMAIN.md" not in note and "issue" not in note
        assert note == "Province aggregates. QĐ 924/QĐ-TTg ngày 02/8/2022 target"

    def test_assumption(self):
        assert source_note("assumption: weight") == "giả định: weight"

    def test_empty(self):
        assert source_note("") == "—"


class TestParamValueText:
    @pytest.mark.parametrize(
        ("value", "key", "text"),
        [
            ('["trang_trai", "y_te"]', "pilots.eligible_sectors", "Trang trại; y_te"),
            ("0.05", "pilots.thresholds.x_share", "0,05"),
            ("300.0", "budget.unit_costs.per_year_mvnd", "300"),
            ("2021", "programme.start_year", "2021"),
            ("20250701", "pilots.robustness.seed", "20250701"),
            ("1500", "budget.x_mvnd", "1.500"),
            ("true", "a.b", "có"),
            ("False", "a.b", "không"),
            ("None", "a.b", "—"),
            ("[]", "a.b", "(trống)"),
            ('{"low": 0.0, "high": 5.0}', "a.b", "low: 0; high: 5"),
            ("households", "status.aggregate_weight", "households"),
            ("trang_trai", "a.b", "Trang trại"),
            # YAML flow text as the params tables hold it (was shown as "[central, …]")
            ("[central, 'Nghị quyết 1, 2']", "plan.basis", "central; Nghị quyết 1, 2"),
            ("{trang_trai: 0.5}", "a.b", "Trang trại: 0,5"),
            ("no", "a.b", "no"),
        ],
    )
    def test_values(self, value, key, text):
        assert param_value_text(value, key, {"trang_trai": "Trang trại"}) == text

    def test_not_text(self):
        assert param_value_text(2.5) == "2,5"


class TestRateKeysAreNotYears:
    """A key ending in ``_per_year`` holds a rate, not a year: it is written the Vietnamese way."""

    def test_share_per_year_gets_a_decimal_comma(self):
        from ntmplan.core.legal_sources import param_value_text

        assert param_value_text("0.2", "capacity.groups.officials.share_per_year") == "0,2"
        assert param_value_text("2025", "programme.end_year") == "2025"
