"""Tests for ntmplan.core.params_layers: reading one params file safely; merging with key and type checks."""

from __future__ import annotations

import pytest

from ntmplan.core import params_layers as L
from ntmplan.core.errors import ParamsError


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class TestMerge:
    BASE = {"a": {"x": 1.0, "n": 3, "flag": True, "names": ["p"], "open": {}}, "s": "t"}

    def test_overlay_values_replace_defaults(self):
        out, problems = L.merge(self.BASE, {"a": {"x": 2, "names": ["q", "r"]}}, "f.yaml")
        assert problems == []
        assert out["a"]["x"] == 2 and out["a"]["n"] == 3 and out["a"]["names"] == ["q", "r"]
        assert self.BASE["a"]["x"] == 1.0  # base not mutated

    def test_unknown_key_is_reported_with_suggestion(self):
        _, problems = L.merge(self.BASE, {"a": {"flga": False}}, "f.yaml")
        assert len(problems) == 1
        assert problems[0].column == "a.flga"
        assert "flag" in problems[0].rule_en and problems[0].file == "f.yaml"

    def test_wrong_types_are_reported(self):
        _, problems = L.merge(
            self.BASE, {"a": {"x": "much", "n": 2.5, "flag": 1}, "s": 3}, "f.yaml"
        )
        assert sorted(p.column for p in problems) == ["a.flag", "a.n", "a.x", "s"]
        assert all("wrong type" in p.rule_en for p in problems)

    def test_integral_float_accepted_for_int(self):
        out, problems = L.merge(self.BASE, {"a": {"n": 4.0}}, "f.yaml")
        assert problems == [] and out["a"]["n"] == 4 and isinstance(out["a"]["n"], int)

    def test_open_mapping_accepts_any_key(self):
        out, problems = L.merge(self.BASE, {"a": {"open": {"anything": 1}}}, "f.yaml")
        assert problems == [] and out["a"]["open"] == {"anything": 1}


class TestReadYaml:
    def test_empty_file_is_empty_mapping(self, tmp_path):
        assert L.read_yaml(write(tmp_path, "e.yaml", "")) == {}

    def test_aliases_are_refused(self, tmp_path):
        path = write(tmp_path, "a.yaml", "a: &x [1, 2]\nb: *x\n")
        with pytest.raises(ParamsError) as exc:
            L.read_yaml(path)
        assert "not allowed" in exc.value.problems[0].rule_en

    def test_too_large_file_is_refused(self, tmp_path, monkeypatch):
        monkeypatch.setattr(L, "MAX_PARAMS_BYTES", 10)
        with pytest.raises(ParamsError) as exc:
            L.read_yaml(write(tmp_path, "big.yaml", "a: 12345678901\n"))
        assert "too large" in exc.value.problems[0].rule_en

    def test_invalid_yaml_names_line(self, tmp_path):
        with pytest.raises(ParamsError) as exc:
            L.read_yaml(write(tmp_path, "bad.yaml", "a: 1\nb: [1, 2\n"))
        assert "invalid YAML" in exc.value.problems[0].rule_en

    def test_top_level_list_is_refused(self, tmp_path):
        with pytest.raises(ParamsError):
            L.read_yaml(write(tmp_path, "l.yaml", "- 1\n- 2\n"))

    def test_missing_file(self, tmp_path):
        with pytest.raises(ParamsError) as exc:
            L.read_yaml(tmp_path / "nope.yaml")
        assert "not found" in exc.value.problems[0].rule_en

    def test_input_file_unchanged(self, tmp_path, file_hash):
        path = write(tmp_path, "p.yaml", "programme:\n  end_year: 2030\n")
        before = file_hash(path)
        L.read_yaml(path)
        assert file_hash(path) == before


class TestYamlNumbers:
    @pytest.mark.parametrize(
        "text, value",
        [("5e3", 5000.0), ("1.0e308", 1.0e308), ("-2E-2", -0.02), ("1e+3", 1000.0), (".5e1", 5.0)],
    )
    def test_exponent_numbers_are_floats(self, tmp_path, text, value):
        doc = L.read_yaml(write(tmp_path, "n.yaml", f"a: {text}\n"))
        assert doc["a"] == value and isinstance(doc["a"], float)

    def test_other_scalars_unchanged(self, tmp_path):
        doc = L.read_yaml(write(tmp_path, "n.yaml", "a: 12\nb: 1.5\nc: e5\nd: '5e3'\ne: 2025Q1\n"))
        assert doc == {"a": 12, "b": 1.5, "c": "e5", "d": "5e3", "e": "2025Q1"}

    def test_exponent_float_accepted_where_a_float_is_expected(self):
        _, problems = L.merge({"x": 1.0, "n": 3}, {"x": 5e3, "n": 4e0}, "f.yaml")
        assert problems == []


class TestMergeByGroup:
    """A threshold or target may be one number or one number per commune group."""

    BASE = {"pilots": {"thresholds": {"t": 0.5}, "weights": {"w": 1.0}}}
    GROUPS = {"group_1": 0.6, "group_2": 0.5, "group_3": 0.4}

    def test_per_group_mapping_accepted_for_a_threshold(self):
        out, problems = L.merge(self.BASE, {"pilots": {"thresholds": {"t": self.GROUPS}}}, "f")
        assert problems == [] and out["pilots"]["thresholds"]["t"] == self.GROUPS

    def test_number_accepted_over_a_per_group_mapping(self):
        base = {"pilots": {"thresholds": {"t": dict(self.GROUPS)}}}
        out, problems = L.merge(base, {"pilots": {"thresholds": {"t": 0.7}}}, "f")
        assert problems == [] and out["pilots"]["thresholds"]["t"] == 0.7

    def test_incomplete_mapping_refused_with_its_key(self):
        _, problems = L.merge(
            self.BASE, {"pilots": {"thresholds": {"t": {"group_1": 0.6}}}}, "f.yaml"
        )
        assert [p.column for p in problems] == ["pilots.thresholds.t"]
        assert "group_2, group_3" in problems[0].rule_en and problems[0].file == "f.yaml"

    def test_not_a_threshold_keeps_its_type(self):
        _, problems = L.merge(self.BASE, {"pilots": {"weights": {"w": self.GROUPS}}}, "f")
        assert [p.column for p in problems] == ["pilots.weights.w"]
        assert "wrong type" in problems[0].rule_en
