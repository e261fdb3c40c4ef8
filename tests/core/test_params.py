"""Tests for ntmplan.core.params: layering, defaults, resolved params and re-exports."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core import param_sources, params_layers
from ntmplan.core import params as P
from ntmplan.core.errors import ParamsError


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


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
        path = write(
            tmp_path,
            "p.yaml",
            "programme:\n  end_yaer: 2030\n  start_year: soon\nnot_a_section: 1\n",
        )
        with pytest.raises(ParamsError) as exc:
            P.load_params(params_file=path)
        cols = sorted(p.column for p in exc.value.problems)
        assert cols == ["not_a_section", "programme.end_yaer", "programme.start_year"]
        assert all(p.file == str(path) for p in exc.value.problems)

    def test_unknown_profile(self):
        with pytest.raises(ParamsError) as exc:
            P.load_params(profile="1990_1995")
        assert exc.value.problems[0].column == "programme.profile"

    @pytest.mark.parametrize(
        "name", ["../../../../elsewhere/evil_profile", "/etc/passwd", "2021_2025/../2026_2030", ""]
    )
    def test_profile_path_is_refused_naming_the_key(self, tmp_path, name):
        path = write(tmp_path, "p.yaml", f'programme:\n  profile: "{name}"\n')
        with pytest.raises(ParamsError) as exc:
            P.load_params(params_file=path)
        [problem] = exc.value.problems
        assert (problem.file, problem.column, problem.value) == (
            str(path),
            "programme.profile",
            name,
        )
        assert "2021_2025, 2026_2030" in problem.rule_vi and "2021_2025" in problem.rule_en

    def test_profile_outside_the_folder_is_never_read(self, tmp_path):
        import os

        evil = write(tmp_path, "evil_profile.yaml", "programme:\n  end_year: 2099\n")
        relative = os.path.relpath(evil.with_suffix(""), P.paths.PROFILES_DIR)
        for way in ({"profile": relative}, {"overrides": {"programme": {"profile": relative}}}):
            with pytest.raises(ParamsError) as exc:
                P.load_params(**way)
            assert [p.column for p in exc.value.problems] == ["programme.profile"]

    def test_profile_of_another_type_is_refused(self):
        with pytest.raises(ParamsError) as exc:
            P.load_params(overrides={"programme": {"profile": 2021}})
        assert "programme.profile" in [p.column for p in exc.value.problems]

    def test_profile_file_never_builds_a_path_outside(self):
        assert P.profile_file("2026_2030") == P.paths.PROFILES_DIR / "2026_2030.yaml"
        with pytest.raises(ParamsError):
            P.profile_file("../defaults")

    def test_known_profiles(self):
        assert P.known_profiles() == ["2021_2025", "2026_2030"]

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

    @pytest.mark.parametrize("profile", [None, "2026_2030"])
    def test_resolved_text_is_pyyamls_safe_dump(self, tmp_path, profile):
        """libyaml's dumper, when installed, writes exactly what PyYAML's own would."""
        import yaml

        params = P.load_params("46", profile=profile)
        text = P.write_resolved(params, tmp_path / "r.yaml").read_text(encoding="utf-8")
        assert text == yaml.safe_dump(params, allow_unicode=True, sort_keys=True)
        assert "Truyền thông" in text  # Vietnamese written as is, not escaped


class TestReExports:
    def test_layer_and_source_functions_are_re_exported(self):
        assert P.read_yaml is params_layers.read_yaml and P.merge is params_layers.merge
        assert P.param_sources is param_sources.param_sources
        assert P.lookup is param_sources.lookup


# ----------------------------------------------------------------- section_sources (assumptions tables)

SECTION = """budget:
  # block above a
  a: 1  # inline a
  m:  # inline m
    b: [1, 2]
    # above c
    c: {x: 1}
  items:
    - {name: p}  # first item
    - {name: q}
other:
  z: 1  # not mine
"""


OVERLAY = """budget:
  a: 5  # overlay a
  m:
    b: [9]
  new: 1  # added
"""


#: Resolved params for SECTION (items[1] left out on purpose: its value shows as "None").
SECTION_PARAMS = {
    "budget": {"a": 2, "m": {"b": [1, 2, 3], "c": {"x": 1}}, "items": [{"name": "p"}]}
}


def sources(table: pd.DataFrame) -> dict[str, str]:
    return dict(zip(table["key"], table["source"], strict=True))


class TestSectionSources:
    def test_source_style_lists_every_leaf_like_param_sources(self, tmp_path):
        got = P.section_sources("budget", SECTION_PARAMS, [write(tmp_path, "d.yaml", SECTION)])
        assert sources(got) == {
            "budget.a": "inline a",  # end-of-line comment wins over the block above
            "budget.m.b": "inline m",  # no comment: its parent's
            "budget.m.c": "above c",
            "budget.items[0]": "first item",
            "budget.items[1]": "",  # nothing to inherit: kept with an empty source
        }

    def test_inline_style_lists_keys_with_an_end_of_line_comment(self, tmp_path):
        got = P.section_sources(
            "budget", SECTION_PARAMS, [write(tmp_path, "d.yaml", SECTION)], style="inline"
        )
        assert sources(got) == {
            "budget.a": "inline a",
            "budget.m": "inline m",  # a mapping key is listed too
            "budget.items[0]": "first item",
        }

    def test_joined_style_puts_the_block_above_in_front(self, tmp_path):
        got = P.section_sources(
            "budget", SECTION_PARAMS, [write(tmp_path, "d.yaml", SECTION)], style="joined"
        )
        assert sources(got) == {
            "budget.a": "block above a — inline a",
            "budget.m": "inline m",
            "budget.m.c": "above c",
            "budget.items[0]": "first item",
        }

    def test_joined_style_block_and_inline_comments(self, tmp_path):
        text = (
            "other:\n"
            "  x: 1  # not mine\n"
            "status:\n"
            "  # why the scope\n"
            "  scope: [a]\n"
            "  block:\n"
            "    leaf: 2  # [924] a target\n"
            "    # explained above\n"
            "    both: 3  # assumption: short\n"
            "after: {}\n"
        )
        got = P.section_sources("status", {}, [write(tmp_path, "s.yaml", text)], style="joined")
        assert sources(got) == {
            "status.scope": "why the scope",
            "status.block.leaf": "[924] a target",
            "status.block.both": "explained above — assumption: short",
        }

    def test_values_are_the_resolved_ones(self, tmp_path):
        got = P.section_sources("budget", SECTION_PARAMS, [write(tmp_path, "d.yaml", SECTION)])
        assert dict(zip(got["key"], got["value"], strict=True)) == {
            "budget.a": "2",
            "budget.m.b": "[1, 2, 3]",  # lists and mappings as JSON
            "budget.m.c": '{"x": 1}',
            "budget.items[0]": '{"name": "p"}',
            "budget.items[1]": "None",  # absent from the params
        }
        assert list(got.columns) == ["key", "value", "source"]

    def test_later_file_replaces_sources_and_appends_keys(self, tmp_path):
        files = [write(tmp_path, "d.yaml", SECTION), write(tmp_path, "o.yaml", OVERLAY)]
        inline = P.section_sources("budget", SECTION_PARAMS, files, style="inline")
        assert sources(inline) == {
            "budget.a": "overlay a",
            "budget.m": "inline m",
            "budget.items[0]": "first item",
            "budget.new": "added",  # only in the overlay: appended
        }
        leaves = sources(P.section_sources("budget", SECTION_PARAMS, files))
        assert leaves["budget.m.b"] == "inline m"  # the overlay's empty source does not replace it

    def test_defaults_when_no_params_or_files(self):
        got = P.section_sources("status", style="joined").set_index("key")
        assert got.loc["status.n_extremes", "value"] == "10"
        assert got.loc["status.n_extremes", "source"].startswith("assumption")

    def test_unknown_style(self):
        with pytest.raises(ValueError, match="style"):
            P.section_sources("status", {}, style="both")

    def test_missing_file(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            P.section_sources("status", {}, [tmp_path / "none.yaml"])
