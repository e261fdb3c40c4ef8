"""Tests for the public API of ntmplan.tasks.status (the package re-exports)."""

from __future__ import annotations

from ntmplan.core import errors
from ntmplan.tasks import status


class TestPackage:
    def test_every_public_name_is_exported(self):
        assert all(hasattr(status, name) for name in status.__all__)

    def test_missing_column_error_is_the_core_one(self):
        assert status.MissingColumnError is errors.MissingColumnError
