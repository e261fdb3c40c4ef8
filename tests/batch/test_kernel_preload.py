"""Tests for ntmplan.batch.kernel_preload: every step the server does names something real."""

from __future__ import annotations

import importlib
import importlib.util
import json

import pytest

from ntmplan.batch import kernel_preload
from ntmplan.core import paths

STEPS = kernel_preload.CORE + kernel_preload.LATER


def _notebook_imports() -> set[str]:
    """Modules the workbooks import (``from ntmplan.x import y`` gives ``ntmplan.x``, ``ntmplan.x.y``)."""
    import ast

    found = set()
    for nb in sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            source = "\n".join(ln for ln in source.splitlines() if not ln.lstrip().startswith("%"))
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.ImportFrom) and node.module:
                    found.add(node.module)
                    found.update(f"{node.module}.{a.name}" for a in node.names)
                elif isinstance(node, ast.Import):
                    found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("step", STEPS)
def test_every_step_can_be_done(step):
    module, _, func = step.partition(":")
    if not module.startswith("ntmplan"):
        assert importlib.util.find_spec(module) is not None, step
        return
    loaded = importlib.import_module(module)
    if func:
        assert callable(getattr(loaded, func)), step


#: Notebook imports the server leaves to the kernels: the bare packages (their
#: ``__init__`` is loaded with any module in them) and the interactive widgets.
NOT_PRELOADED = {
    "ntmplan.core",
    "ntmplan.notebook",
    "ntmplan.survey",
    "ntmplan.tasks",
    "ntmplan.notebook.widgets",
}


def test_every_module_the_notebooks_import_is_preloaded():
    steps = {s.partition(":")[0] for s in STEPS}
    wanted = set()
    for name in _notebook_imports():
        if not name.startswith("ntmplan.") or name in NOT_PRELOADED:
            continue
        try:
            importlib.import_module(name)  # a module, not a function imported from one
        except ImportError:
            continue
        wanted.add(name)
    assert wanted - steps == set()


def test_a_failing_step_is_reported():
    with pytest.raises(ImportError):
        kernel_preload.prepare("no_such_module_anywhere")
    with pytest.raises(AttributeError):
        kernel_preload.prepare("json:no_such_function")


class TestBatchSurveys:
    """The server validates the batch's surveys once; forked kernels find them in memory."""

    @pytest.fixture
    def memory(self, monkeypatch, tmp_path):
        from ntmplan.survey import loading

        monkeypatch.setattr(loading, "_SURVEY_MEMORY", {})
        monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "cache"))
        return loading._SURVEY_MEMORY

    def test_spec_names_only_what_the_server_needs(self):
        spec = json.loads(
            kernel_preload.surveys_spec(
                {"province": "01", "data_file": "/x/s.csv", "output_dir": "/o", "interactive": 0}
            )
        )
        assert spec == {"province": "01", "params_file": "", "data_file": "/x/s.csv", "profile": ""}

    def test_nothing_without_a_spec(self, memory, monkeypatch):
        monkeypatch.delenv(kernel_preload.SURVEYS_ENV, raising=False)
        kernel_preload.load_batch_surveys()
        kernel_preload.load_more_years()
        assert memory == {}

    def test_own_survey_is_validated_without_the_illustrative_2023_one(
        self, memory, monkeypatch, tmp_path
    ):
        from tests.survey_fixtures import csv_text

        own = tmp_path / "khao_sat_tinh.csv"
        own.write_text(csv_text(), encoding="utf-8")
        spec = kernel_preload.surveys_spec({"province": "01", "data_file": str(own)})
        monkeypatch.setenv(kernel_preload.SURVEYS_ENV, spec)
        kernel_preload.load_batch_surveys()
        kernel_preload.load_more_years()  # own data: no further years by default
        [frame] = memory.values()
        assert frame["commune_code"].tolist() == ["00376", "00382"]
        assert len(list((tmp_path / "cache" / "surveys").glob("*.json"))) == 1

    def test_illustrative_run_keeps_its_survey_and_2023_in_memory(self, memory, monkeypatch):
        from ntmplan.survey import loading

        monkeypatch.setenv(
            kernel_preload.SURVEYS_ENV, kernel_preload.surveys_spec({"province": "01"})
        )
        kernel_preload.load_batch_surveys()
        assert len(memory) == 2
        monkeypatch.setattr(loading, "load_survey", lambda *a, **k: pytest.fail("revalidated"))
        from ntmplan.core.params import load_params
        from ntmplan.notebook import context

        ctx_params = load_params("01")
        context.survey_in_current_units(paths.SAMPLE_SURVEY, params=ctx_params)
        loading.load_survey_cached(paths.SAMPLE_LEGACY_SURVEY, scheme="legacy", params=ctx_params)

    def test_a_forked_helper_validates_while_the_server_goes_on(self, memory, monkeypatch):
        from ntmplan.survey import loading

        monkeypatch.setenv(
            kernel_preload.SURVEYS_ENV, kernel_preload.surveys_spec({"province": "01"})
        )
        kernel_preload.start_batch_surveys()
        assert kernel_preload._survey_helper > 0
        # from here on, this process cannot validate: the frames must come from the helper
        monkeypatch.setattr(loading, "load_survey", lambda *a, **k: pytest.fail("revalidated"))
        kernel_preload.load_batch_surveys()
        assert kernel_preload._survey_helper == 0
        assert len(memory) == 2
        assert {len(f) > 0 for f in memory.values()} == {True}

    def test_no_helper_without_a_spec(self, memory, monkeypatch):
        monkeypatch.delenv(kernel_preload.SURVEYS_ENV, raising=False)
        kernel_preload.start_batch_surveys()
        assert kernel_preload._survey_helper == 0

    def test_when_the_helper_writes_no_cache_the_server_validates_itself(
        self, memory, monkeypatch, tmp_path
    ):
        from tests.survey_fixtures import csv_text

        own = tmp_path / "khao_sat_tinh.csv"
        own.write_text(csv_text(), encoding="utf-8")
        monkeypatch.setenv(
            kernel_preload.SURVEYS_ENV,
            kernel_preload.surveys_spec({"province": "01", "data_file": str(own)}),
        )
        monkeypatch.setenv(paths.CACHE_ENV, "/proc/no-cache-here")  # the helper cannot write
        kernel_preload.start_batch_surveys()
        kernel_preload.load_batch_surveys()
        [frame] = memory.values()
        assert frame["commune_code"].tolist() == ["00376", "00382"]
