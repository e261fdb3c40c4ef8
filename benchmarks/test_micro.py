"""Micro-benchmarks (pytest-benchmark; run by `make bench`, not by `make test`).

Targets (issue 8): eligibility + scoring on ≈10,000 communes ≤ 50 ms; one interactive
recomputation (eligibility, ranking, choice for every pilot type) for the largest
province ≤ 100 ms. The targets are printed, not asserted: timings on a shared 2-core
machine are noisy, and a benchmark is not a correctness test.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.params import default_params
from ntmplan.survey import sample
from ntmplan.tasks import pilots, status


@pytest.fixture(scope="module")
def national_legacy_size() -> pd.DataFrame:
    """≈10,000 generated communes: the legacy illustrative survey (7,695 xã) topped up
    with rows of the 2025 one, like a national legacy-size table."""
    legacy = sample.generate_legacy_sample()
    extra = sample.generate_sample().head(10_040 - len(legacy))
    return pd.concat([legacy, extra], ignore_index=True)


@pytest.fixture(scope="module")
def largest_province() -> pd.DataFrame:
    survey = sample.generate_sample()
    code = survey["province_code"].value_counts().idxmax()
    return survey[survey["province_code"] == code].reset_index(drop=True)


@pytest.fixture(scope="module")
def params() -> dict:
    return default_params()


def test_eligibility_and_scoring_10k(benchmark, national_legacy_size, params):
    def run():
        elig = pilots.check_eligibility(national_legacy_size, params, "smart_commune")
        return pilots.rank_candidates(national_legacy_size, elig, params)

    ranked = benchmark(run)
    assert len(national_legacy_size) == 10_040 and len(ranked) > 0


def test_status_indicators_10k(benchmark, national_legacy_size, params):
    def run():
        ind = status.commune_indicators(national_legacy_size, params)
        return status.readiness_index(ind, params)

    index = benchmark(run)
    assert len(index) == len(national_legacy_size)


def test_interactive_recomputation_largest_province(benchmark, largest_province, params):
    result = benchmark(pilots.evaluate, largest_province, params)
    assert "smart_commune" in result
