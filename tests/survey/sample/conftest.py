"""Shared fixtures of the sample tests: the two generated samples, built once per module."""

from __future__ import annotations

import pytest

from ntmplan.survey import sample as S


@pytest.fixture(scope="module")
def current():
    return S.generate_sample()


@pytest.fixture(scope="module")
def legacy():
    return S.generate_legacy_sample()
