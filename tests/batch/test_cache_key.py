"""Tests for ntmplan.batch.cache_key: the key changes with exactly what can change a result."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from ntmplan.batch import cache_key, tasks


class TestTaskKey:
    def test_dependent_notebook_key_follows_upstream_summaries(self, tmp_path):
        task = tasks.build_tasks(["01"], ["03_budget"], tmp_path)[0]
        folder = Path(task.out_dir)
        folder.mkdir(parents=True)
        k0 = cache_key.task_key(task, "c")
        (folder / "summary_02_pilots.json").write_text("{}", encoding="utf-8")
        k1 = cache_key.task_key(task, "c")
        (folder / "summary_01_status.json").write_text("{}", encoding="utf-8")  # not read by 03
        k2 = cache_key.task_key(task, "c")
        assert k0 != k1 and k1 == k2

    def test_server_is_not_part_of_the_cache_key(self, tmp_path):
        task = tasks.build_tasks(["24"], ["02_pilots"], tmp_path)[0]
        other = dataclasses.replace(task, kernel_server="123:/tmp/x.sock")
        common = cache_key.source_fingerprint()
        assert cache_key.task_key(task, common) == cache_key.task_key(other, common)


@pytest.fixture
def library_copy(tmp_path, monkeypatch):
    """A copy of the installed ``ntmplan`` source tree that the fingerprint is pointed at."""
    lib = tmp_path / "ntmplan"
    shutil.copytree(
        cache_key.LIBRARY_ROOT, lib, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    monkeypatch.setattr(cache_key, "LIBRARY_ROOT", lib)
    return lib


def _edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


class TestSourceFingerprint:
    def test_command_line_changes_do_not_rerun_notebooks(self, monkeypatch, tmp_path):
        lib = tmp_path / "ntmplan"
        (lib / "tasks").mkdir(parents=True)
        (lib / "tasks" / "status.py").write_text("x = 1\n", encoding="utf-8")
        (lib / "cli.py").write_text("x = 1\n", encoding="utf-8")
        monkeypatch.setattr(cache_key, "LIBRARY_ROOT", lib)
        before = cache_key.source_fingerprint()
        (lib / "cli.py").write_text("x = 2\n", encoding="utf-8")
        assert cache_key.source_fingerprint() == before
        (lib / "tasks" / "status.py").write_text("x = 2\n", encoding="utf-8")
        assert cache_key.source_fingerprint() != before

    @pytest.mark.parametrize(
        "relative",
        [
            "cli/__init__.py",
            "cli/run.py",
            "app/__init__.py",
            "app/launch.py",
            "__main__.py",
            "batch/kernel_server.py",
            "batch/kernel_provisioner.py",
            "batch/kernel_preload.py",
            "batch/runner.py",
            "batch/pool.py",
            "batch/index_pages.py",
        ],
    )
    def test_launchers_and_batch_machinery_leave_the_key_unchanged(self, library_copy, relative):
        before = cache_key.source_fingerprint()
        _edit(library_copy / relative)
        assert cache_key.source_fingerprint() == before

    @pytest.mark.parametrize(
        "relative",
        [
            "tasks/budget",
            "tasks/status",
            "tasks/plan",
            "core",
            "survey",
            "notebook",
            "batch/html_export.py",
            "__init__.py",
        ],
    )
    def test_code_the_notebooks_run_changes_the_key(self, library_copy, relative):
        target = library_copy / relative
        if target.is_dir():  # any module of the package (packages are being split)
            target = sorted(target.rglob("*.py"))[-1]
        before = cache_key.source_fingerprint()
        _edit(target)
        assert cache_key.source_fingerprint() != before

    def test_a_new_file_in_a_task_package_changes_the_key(self, library_copy):
        before = cache_key.source_fingerprint()
        (library_copy / "tasks" / "budget" / "new_rule.py").write_text("X = 1\n", encoding="utf-8")
        assert cache_key.source_fingerprint() != before

    def test_the_real_tree_hashes_the_result_packages_only(self):
        names = {f.relative_to(cache_key.LIBRARY_ROOT).parts[0] for f in cache_key.result_sources()}
        assert names == {"core", "survey", "tasks", "notebook", "batch", "__init__.py"}
        batch = [f.name for f in cache_key.result_sources() if f.parent.name == "batch"]
        assert batch == ["html_export.py"]


class TestPackageVersions:
    def test_every_declared_runtime_dependency_is_in_the_key(self):
        names = {n.lower() for n in cache_key.runtime_dependencies()}
        assert {"frictionless", "python-docx", "pandas", "papermill", "nbconvert"} <= names
        assert "pytest" not in names and "ruff" not in names  # dev extras are not results

    def test_versions_are_pinned_in_the_fingerprint(self, monkeypatch):
        from importlib import metadata

        pins = cache_key.package_versions()
        assert f"python-docx=={metadata.version('python-docx')}" in pins
        assert f"frictionless=={metadata.version('frictionless')}" in pins
        before = cache_key.source_fingerprint()
        real = metadata.version
        monkeypatch.setattr(
            metadata, "version", lambda name: "99.0" if name == "python-docx" else real(name)
        )
        assert cache_key.source_fingerprint() != before

    @pytest.mark.parametrize(
        ("requirement", "name"),
        [
            ("pandas>=2.1", "pandas"),
            ("python-docx>=1.1", "python-docx"),
            ("vietnamadminunits >= 1.0.4", "vietnamadminunits"),
            ("pytest>=8.0; extra == 'dev'", None),
            ('ruff>=0.5 ; extra == "dev"', None),
            ("tomli>=2; python_version < '3.11'", "tomli"),
            ("distributed[complete]>=2024.1", "distributed"),
        ],
    )
    def test_requirement_names(self, requirement, name):
        assert cache_key.requirement_name(requirement) == name

    def test_not_installed_reads_pyproject(self, monkeypatch):
        from importlib import metadata

        def missing(_name):
            raise metadata.PackageNotFoundError(_name)

        monkeypatch.setattr(metadata, "requires", missing)
        assert "frictionless" in cache_key.runtime_dependencies()
