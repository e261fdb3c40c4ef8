"""Fixtures of the plan tests."""

from __future__ import annotations

import pytest

from ntmplan.core.params import default_params


@pytest.fixture(scope="module")
def params() -> dict:
    """The default params."""
    return default_params()
