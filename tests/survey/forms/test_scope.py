"""The units that get a form: communes and special zones, wards only when params say so."""

from ntmplan.core.params import default_params
from ntmplan.survey.forms.scope import form_units


def test_wards_get_no_form_by_default():
    units = form_units(["42"])
    # Hà Tĩnh, 2025 units: 60 communes and 9 wards
    assert len(units) == 60 and set(units["unit_type"]) == {"xã"}
    assert list(units["commune_code"]) == sorted(units["commune_code"])


def test_special_zones_are_communes_and_wards_can_be_added():
    assert "đặc khu" in set(form_units(["48"])["unit_type"])  # Đà Nẵng: Hoàng Sa
    params = default_params()
    params["survey"]["form_unit_types"] = ["xã", "phường", "đặc khu"]
    assert len(form_units(["42"], params)) == 69
