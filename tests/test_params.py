"""Tests for ntmplan.params: layering, unknown keys, wrong types, unsafe YAML."""

from __future__ import annotations

import pytest

from ntmplan import params as P
from ntmplan.errors import ParamsError


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class TestMerge:
    BASE = {"a": {"x": 1.0, "n": 3, "flag": True, "names": ["p"], "open": {}}, "s": "t"}

    def test_overlay_values_replace_defaults(self):
        out, problems = P.merge(self.BASE, {"a": {"x": 2, "names": ["q", "r"]}}, "f.yaml")
        assert problems == []
        assert out["a"]["x"] == 2 and out["a"]["n"] == 3 and out["a"]["names"] == ["q", "r"]
        assert self.BASE["a"]["x"] == 1.0  # base not mutated

    def test_unknown_key_is_reported_with_suggestion(self):
        _, problems = P.merge(self.BASE, {"a": {"flga": False}}, "f.yaml")
        assert len(problems) == 1
        assert problems[0].column == "a.flga"
        assert "flag" in problems[0].rule_en and problems[0].file == "f.yaml"

    def test_wrong_types_are_reported(self):
        _, problems = P.merge(self.BASE, {"a": {"x": "much", "n": 2.5, "flag": 1}, "s": 3}, "f.yaml")
        assert sorted(p.column for p in problems) == ["a.flag", "a.n", "a.x", "s"]
        assert all("wrong type" in p.rule_en for p in problems)

    def test_integral_float_accepted_for_int(self):
        out, problems = P.merge(self.BASE, {"a": {"n": 4.0}}, "f.yaml")
        assert problems == [] and out["a"]["n"] == 4 and isinstance(out["a"]["n"], int)

    def test_open_mapping_accepts_any_key(self):
        out, problems = P.merge(self.BASE, {"a": {"open": {"anything": 1}}}, "f.yaml")
        assert problems == [] and out["a"]["open"] == {"anything": 1}


class TestReadYaml:
    def test_empty_file_is_empty_mapping(self, tmp_path):
        assert P.read_yaml(write(tmp_path, "e.yaml", "")) == {}

    def test_aliases_are_refused(self, tmp_path):
        path = write(tmp_path, "a.yaml", "a: &x [1, 2]\nb: *x\n")
        with pytest.raises(ParamsError) as exc:
            P.read_yaml(path)
        assert "not allowed" in exc.value.problems[0].rule_en

    def test_too_large_file_is_refused(self, tmp_path, monkeypatch):
        monkeypatch.setattr(P, "MAX_PARAMS_BYTES", 10)
        with pytest.raises(ParamsError) as exc:
            P.read_yaml(write(tmp_path, "big.yaml", "a: 12345678901\n"))
        assert "too large" in exc.value.problems[0].rule_en

    def test_invalid_yaml_names_line(self, tmp_path):
        with pytest.raises(ParamsError) as exc:
            P.read_yaml(write(tmp_path, "bad.yaml", "a: 1\nb: [1, 2\n"))
        assert "invalid YAML" in exc.value.problems[0].rule_en

    def test_top_level_list_is_refused(self, tmp_path):
        with pytest.raises(ParamsError):
            P.read_yaml(write(tmp_path, "l.yaml", "- 1\n- 2\n"))

    def test_missing_file(self, tmp_path):
        with pytest.raises(ParamsError) as exc:
            P.read_yaml(tmp_path / "nope.yaml")
        assert "not found" in exc.value.problems[0].rule_en

    def test_input_file_unchanged(self, tmp_path, file_hash):
        path = write(tmp_path, "p.yaml", "programme:\n  end_year: 2030\n")
        before = file_hash(path)
        P.read_yaml(path)
        assert file_hash(path) == before


class TestLoadParams:
    def test_default_profile(self):
        params = P.load_params()
        assert params["programme"]["profile"] == "2021_2025"
        assert (params["programme"]["start_year"], params["programme"]["end_year"]) == (2021, 2025)

    def test_profile_2026_2030(self):
        params = P.load_params(profile="2026_2030")
        assert (params["programme"]["start_year"], params["programme"]["end_year"]) == (2026, 2030)

    def test_profile_chosen_in_params_file(self, tmp_path):
        path = write(tmp_path, "p.yaml", 'programme:\n  profile: "2026_2030"\n')
        assert P.load_params(params_file=path)["programme"]["end_year"] == 2030

    def test_overrides_apply_last(self, tmp_path):
        path = write(tmp_path, "p.yaml", "programme:\n  end_year: 2029\n")
        params = P.load_params(params_file=path, overrides={"programme": {"end_year": 2028}})
        assert params["programme"]["end_year"] == 2028

    def test_every_problem_reported_at_once(self, tmp_path):
        path = write(tmp_path, "p.yaml", "programme:\n  end_yaer: 2030\n  start_year: soon\nnot_a_section: 1\n")
        with pytest.raises(ParamsError) as exc:
            P.load_params(params_file=path)
        cols = sorted(p.column for p in exc.value.problems)
        assert cols == ["not_a_section", "programme.end_yaer", "programme.start_year"]
        assert all(p.file == str(path) for p in exc.value.problems)

    def test_unknown_profile(self):
        with pytest.raises(ParamsError) as exc:
            P.load_params(profile="1990_1995")
        assert exc.value.problems[0].column == "programme.profile"

    def test_default_params_returns_copy(self):
        a = P.default_params()
        a["programme"]["end_year"] = 1
        assert P.default_params()["programme"]["end_year"] == 2025


class TestDefaultsFile:
    def test_every_leaf_line_has_a_comment(self):
        """Each value line names its source (or says assumption), itself or through the
        comment on its parent key, or the comment lines just above it."""
        missing = []
        stack: list[tuple[int, bool]] = []  # (indent, documented) of open parent keys
        previous_comment = False
        for n, line in enumerate(P.paths.DEFAULTS_FILE.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if not stripped:
                previous_comment = False
                continue
            if stripped.startswith("#"):
                previous_comment = True
                continue
            indent = len(line) - len(line.lstrip())
            while stack and stack[-1][0] >= indent:
                stack.pop()
            documented = "#" in line or previous_comment or any(doc for _, doc in stack)
            value = stripped.partition(":")[2].split("#")[0].strip()
            if stripped.startswith("- ") or value not in ("", "|", ">"):
                if not documented and value != "{}":
                    missing.append(f"{n}: {stripped}")
            else:
                stack.append((indent, "#" in line or (previous_comment and indent > 0)))
            previous_comment = False
        assert missing == []

    def test_resolved_params_written(self, tmp_path):
        path = P.write_resolved(P.default_params(), tmp_path / "r.yaml")
        assert P.read_yaml(path)["programme"]["profile"] == "2021_2025"
