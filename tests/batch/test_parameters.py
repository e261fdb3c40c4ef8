"""Tests for ntmplan.batch.parameters: run parameters checked against the parameters cell."""

from __future__ import annotations

from ntmplan.batch import parameters
from tests.batch.conftest import NB_DIR


class TestCheckParameters:
    def test_matching_parameters_pass(self):
        params = {
            "province": "01",
            "params_file": "",
            "data_file": "",
            "output_dir": "/tmp/x",
            "interactive": False,
        }
        assert parameters.check_parameters(NB_DIR / "ok.ipynb", params) == []

    def test_misspelt_name_is_an_error(self):
        problems = parameters.check_parameters(NB_DIR / "ok.ipynb", {"provnce": "01"})
        assert [p.column for p in problems] == ["provnce"]
        assert "unknown notebook parameter" in problems[0].rule_en

    def test_wrong_type_is_an_error(self):
        problems = parameters.check_parameters(
            NB_DIR / "ok.ipynb", {"interactive": "no", "province": 1}
        )
        assert sorted(p.column for p in problems) == ["interactive", "province"]


class TestDeclaredParameters:
    def test_reads_names_and_literal_types_without_a_kernel(self):
        assert parameters.declared_parameters(NB_DIR / "ok.ipynb") == {
            "province": "str",
            "params_file": "str",
            "data_file": "str",
            "output_dir": "str",
            "interactive": "bool",
        }

    def test_notebook_without_parameters_cell(self, tmp_path):
        nb = tmp_path / "x.ipynb"
        nb.write_text(
            '{"cells": [{"cell_type": "code", "metadata": {}, "source": "a = 1"}]}',
            encoding="utf-8",
        )
        assert parameters.declared_parameters(nb) == {}
        assert "no 'parameters' cell" in parameters.check_parameters(nb, {"a": 1})[0].rule_en
