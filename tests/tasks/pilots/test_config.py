"""Tests for ntmplan.tasks.pilots.config — dotted overrides of the pilots params."""

from __future__ import annotations

import pytest

from ntmplan.core.errors import ParamsError
from ntmplan.tasks import pilots
from ntmplan.tasks.pilots.config import nested_overrides


class TestWithOverrides:
    def test_copy_and_unknown_key(self, params):
        new = pilots.with_overrides(params, {"thresholds.households_internet_smart_share": 0.4})
        assert new["pilots"]["thresholds"]["households_internet_smart_share"] == 0.4
        assert params["pilots"]["thresholds"]["households_internet_smart_share"] == 0.5
        with pytest.raises(KeyError):
            pilots.with_overrides(params, {"thresholds.nope": 1})

    def test_unknown_key_is_a_params_error_naming_the_key(self, params):
        with pytest.raises(ParamsError) as err:
            pilots.with_overrides(params, {"thresholds.nope": 1})
        assert isinstance(err.value, KeyError)
        assert [p.column for p in err.value.problems] == ["pilots.thresholds.nope"]

    def test_wrong_type_and_nested_keys(self, params):
        with pytest.raises(pilots.OverrideError):
            pilots.with_overrides(params, {"types.smart_commune.number": "two"})
        new = pilots.with_overrides(
            params, {"types.smart_commune.number": 2, "weights.dx_demand": 3.0}
        )
        assert new["pilots"]["types"]["smart_commune"]["number"] == 2
        assert (
            new["pilots"]["types"]["smart_commune"]["conditions"]
            == (params["pilots"]["types"]["smart_commune"]["conditions"])
        )
        assert new["pilots"]["weights"]["dx_demand"] == 3.0

    def test_defaults_when_params_none(self):
        new = pilots.with_overrides(None, {"cheapest_path_n": 5})
        assert new["pilots"]["cheapest_path_n"] == 5


class TestNestedOverrides:
    def test_dotted_keys_become_a_tree(self):
        assert nested_overrides({"a.b": 1, "a.c": 2, "d": 3}) == {
            "pilots": {"a": {"b": 1, "c": 2}, "d": 3}
        }
