"""Tests for the public API of ntmplan.tasks.pilots (the package re-exports)."""

from __future__ import annotations

from ntmplan.core.errors import ParamsError
from ntmplan.tasks import pilots


class TestPackage:
    def test_every_public_name_is_exported(self):
        assert all(hasattr(pilots, name) for name in pilots.__all__)
        assert callable(pilots.summary) and callable(pilots.robustness)

    def test_override_error_is_a_params_error_and_a_key_error(self):
        assert issubclass(pilots.OverrideError, ParamsError)
        assert issubclass(pilots.OverrideError, KeyError)
