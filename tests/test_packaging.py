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


class TestLockFile:
    """requirements.lock pins what CI tested; `make` installs from it."""

    LOCK = ROOT / "requirements.lock"

    def _pins(self) -> dict[str, str]:
        pins = {}
        for line in self.LOCK.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith((" ", "#")):
                name, _, version = line.partition("==")
                pins[_name(name)] = version.strip()
        return pins

    def test_every_declared_dependency_is_pinned(self):
        pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        declared = {
            _name(r)
            for group in (
                pyproject["project"]["dependencies"],
                *pyproject["project"]["optional-dependencies"].values(),
            )
            for r in group
        }
        pins = self._pins()
        assert sorted(declared - set(pins)) == []
        assert all(version for version in pins.values())

    def test_lock_names_no_local_path(self):
        text = self.LOCK.read_text(encoding="utf-8")
        assert "file://" not in text and " @ " not in text and "ntmplan" not in self._pins()

    def test_makefile_installs_from_the_lock(self):
        makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
        assert "pip install --quiet -r requirements.lock" in makefile
        assert "--no-deps -e ." in makefile
        assert "$(STAMP): pyproject.toml requirements.lock" in makefile

    def test_optional_extras(self):
        pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        extras = pyproject["project"]["optional-dependencies"]
        assert [_name(r) for r in extras["dask"]] == ["distributed"]
        assert "distributed" not in {_name(r) for r in pyproject["project"]["dependencies"]}
        assert pyproject["project"]["requires-python"] == ">=3.11"
