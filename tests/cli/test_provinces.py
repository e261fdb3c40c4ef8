"""Tests for ntmplan.cli.provinces: ``--province`` values and ``ntmplan provinces``."""

from __future__ import annotations

import pytest

from ntmplan import cli
from ntmplan.cli import provinces


class TestResolveProvinces:
    def test_codes_and_names(self):
        assert provinces.resolve_provinces(["01", "Cao Bằng"], False) == ["01", "04"]

    def test_comma_separated(self):
        assert provinces.resolve_provinces(["01,24"], False) == ["01", "24"]

    def test_all(self):
        assert len(provinces.resolve_provinces(None, True)) == 34

    @pytest.mark.parametrize("value", ["../../etc", "99", "<script>", "02"])
    def test_unknown_or_unsafe_is_usage_error(self, value):
        with pytest.raises(cli.UsageError):
            provinces.resolve_provinces([value], False)

    def test_nothing_selected(self):
        with pytest.raises(cli.UsageError):
            provinces.resolve_provinces(None, False)

    def test_the_package_re_exports_it(self):
        assert cli.resolve_provinces is provinces.resolve_provinces


class TestProvincesCommand:
    def test_provinces_lists_34(self, capsys):
        assert cli.main(["provinces"]) == 0
        out = capsys.readouterr().out
        assert "Hà Nội" in out and "Cà Mau" in out
