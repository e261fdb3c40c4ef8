"""Fixtures of the national roll-up tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntmplan.core.params import default_params
from tests.tasks.national.fixtures import make_outputs_root


@pytest.fixture(scope="module")
def params() -> dict:
    """The default params."""
    return default_params()


@pytest.fixture
def root(tmp_path) -> Path:
    """Outputs root of :func:`tests.tasks.national.fixtures.make_outputs_root`."""
    return make_outputs_root(tmp_path)
