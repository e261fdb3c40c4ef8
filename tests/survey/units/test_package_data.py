"""Tests for ntmplan.survey.units.package_data: locating the package's data files."""

from __future__ import annotations

from ntmplan.survey import units as U


class TestPackageDataDir:
    def test_holds_the_package_files(self):
        folder = U.package_data_dir()
        assert (folder / "dataset.db").is_file()
        assert (folder / "converter_2025.json").is_file()
