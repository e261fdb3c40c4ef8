"""Shared fixtures of the unit tests: the unit tables and the crosswalk, built once per module."""

from __future__ import annotations

import pytest

from ntmplan.survey import units as U


@pytest.fixture(scope="module")
def cur():
    return U.current_units()


@pytest.fixture(scope="module")
def leg():
    return U.legacy_units()


@pytest.fixture(scope="module")
def cw():
    return U.legacy_crosswalk()


@pytest.fixture(scope="module")
def st():
    return U.legacy_split_targets()
