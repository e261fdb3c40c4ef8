"""Project-level checks: dependency lists agree, README commands exist, notebooks are stripped."""

from __future__ import annotations

import json
import re

import tomllib
import yaml

from ntmplan.core import paths

ROOT = paths.ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


class TestDependencies:
    def test_environment_yml_lists_the_same_runtime_packages(self):
        pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        runtime = {_name(r) for r in pyproject["project"]["dependencies"]}
        env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
        listed = set()
        for dep in env["dependencies"]:
            if isinstance(dep, dict):
                listed |= {_name(d) for d in dep.get("pip", []) if not d.startswith("-")}
            else:
                listed.add(_name(dep))
        listed -= {"python", "pip"}
        assert listed == runtime

    def test_every_dependency_has_a_lower_bound(self):
        pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        deps = (
            pyproject["project"]["dependencies"]
            + pyproject["project"]["optional-dependencies"]["dev"]
        )
        assert [d for d in deps if ">=" not in d] == []


class TestReadmeCommands:
    def test_readme_commands_are_makefile_targets(self):
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
        targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))
        commands = set(re.findall(r"^\s*make ([a-z][a-z-]*)\s*$", readme, flags=re.M))
        assert {"demo", "test"} <= commands
        assert commands <= targets

    def test_ci_runs_make_test(self):
        assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


class TestNotebooksStripped:
    def test_no_outputs_or_execution_counts(self):
        notebooks = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
        assert notebooks, "no notebooks found"
        dirty = []
        for nb_path in notebooks:
            nb = json.loads(nb_path.read_text(encoding="utf-8"))
            for cell in nb["cells"]:
                if cell["cell_type"] == "code" and (
                    cell.get("outputs") or cell.get("execution_count")
                ):
                    dirty.append(nb_path.name)
                    break
        assert dirty == []

    def test_each_notebook_has_one_parameters_cell(self):
        for nb_path in sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")):
            nb = json.loads(nb_path.read_text(encoding="utf-8"))
            tagged = [
                c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])
            ]
            assert len(tagged) == 1, nb_path.name
