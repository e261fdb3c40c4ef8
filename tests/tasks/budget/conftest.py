"""Fixtures of the budget tests."""

from __future__ import annotations

import pytest

from tests.tasks.budget.helpers import make_survey, tidy_frame


@pytest.fixture
def survey():
    # two rural communes and one urban ward (out of scope for per-commune costs)
    return make_survey(
        [
            {"commune_code": "00001", "commune_name": "Xã Một", "unit_type": "xã"},
            {"commune_code": "00002", "commune_name": "Xã Hai", "unit_type": "xã"},
            {"commune_code": "00003", "commune_name": "Phường Ba", "unit_type": "phường"},
        ]
    )


@pytest.fixture
def small_tidy():
    # 2021: central requirement 60 (A) + 40 (B) = 100; provincial 10 (A)
    return tidy_frame(
        [
            ("A", 2021, "central", 60.0),
            ("B", 2021, "central", 40.0),
            ("A", 2021, "provincial", 10.0),
            ("A", 2022, "central", 10.0),
        ]
    )
