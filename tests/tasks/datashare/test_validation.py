"""Tests for ntmplan.tasks.datashare.validation: Frictionless validation and checksums of an export."""

from __future__ import annotations

import pytest

from ntmplan.tasks.datashare.export import export_package
from ntmplan.tasks.datashare.validation import validate_package
from tests.survey.legacy_fixtures import current_fixture


@pytest.mark.slow  # the first frictionless validation imports jsonschema grammars (several seconds)
class TestValidatePackage:
    def test_valid_package(self, tmp_path):
        folder = export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        ok, errors = validate_package(folder)
        assert ok and errors == []
        assert validate_package(folder / "datapackage.json")[0]

    def test_invalid_value_and_checksum_reported(self, tmp_path):
        folder = export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        csv = folder / "khao_sat_70-thu.csv"
        csv.write_text(
            csv.read_text(encoding="utf-8").replace(",2000,", ",-5,", 1), encoding="utf-8"
        )
        ok, errors = validate_package(folder)
        assert not ok
        assert any("checksum" in e for e in errors)
        assert any("households" in e and "constraint" in e for e in errors)

    def test_missing_descriptor(self, tmp_path):
        ok, errors = validate_package(tmp_path)
        assert not ok and any("datapackage.json" in e for e in errors)
