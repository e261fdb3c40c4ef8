"""Tests for ntmplan.core.param_sources: the source comments of params files and dotted look-up."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core import param_sources as P


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


SNIPPET = """# header comment
status:
  # block comment for weight
  weight: 1.0
  cap: 2.0   # [924] cap

  nested:   # parent source
    a: "x # not a comment"  # source a
    b: 3
  list:
    - {name: b}  # item
plan: {}
"""


class TestParamSources:
    def test_parses_a_snippet(self):
        got = P.param_sources(text=SNIPPET)
        expected = pd.DataFrame(
            [
                ("status.weight", "1.0", "block comment for weight"),
                ("status.cap", "2.0", "[924] cap"),
                ("status.nested.a", '"x # not a comment"', "source a"),
                ("status.nested.b", "3", "parent source"),  # inherits its parent's comment
                ("status.list[0]", "{name: b}", "item"),
                ("plan", "{}", ""),
            ],
            columns=["key", "value", "source"],
        )
        pd.testing.assert_frame_equal(got, expected)

    def test_reads_a_file(self, tmp_path):
        got = P.param_sources(write(tmp_path, "s.yaml", SNIPPET))
        assert list(got["key"])[:2] == ["status.weight", "status.cap"]

    def test_defaults_file_has_a_source_for_every_plan_leaf(self):
        got = P.param_sources()
        mine = got[got["key"].str.startswith("plan.")]
        assert len(mine) > 10 and (mine["source"] != "").all()

    def test_missing_file(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            P.param_sources(tmp_path / "none.yaml")


class TestLookup:
    def test_dotted_and_indexed(self):
        p = {"a": {"b": [10, {"c": 2}]}}
        assert P.lookup(p, "a.b[1].c") == 2
        assert P.lookup(p, "a.x") is None and P.lookup(p, "a.b[5]") is None
