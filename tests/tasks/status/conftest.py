"""Fixtures of the status tests: the three-commune survey and the small params."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.tasks.status.fixtures import make_survey, small_params


@pytest.fixture
def survey() -> pd.DataFrame:
    return make_survey()


@pytest.fixture
def params() -> dict:
    return small_params()
