"""Tests for ``ntmplan run --profile``: the profile reaches every notebook run, an unknown one is refused."""

from __future__ import annotations

import pytest

from ntmplan import cli


def test_the_profile_is_passed_to_the_runner(tmp_path, monkeypatch, capsys):
    from ntmplan.batch import runner

    seen = {}

    def fake_run(provinces, notebooks, **kwargs):
        seen.update(kwargs, provinces=provinces)
        return []

    monkeypatch.setattr(runner, "run", fake_run)
    argv = ["run", "--province", "24", "--notebooks", "01", "--profile", "2026_2030"]
    assert cli.main([*argv, "--out", str(tmp_path / "out")]) == 0
    assert seen["profile"] == "2026_2030" and seen["provinces"] == ["24"]


def test_an_unknown_profile_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["run", "--province", "24", "--profile", "2031_2035"])
    assert exc.value.code == 2
    assert "2026_2030" in capsys.readouterr().err


def test_tasks_carry_the_profile_parameter(tmp_path):
    from ntmplan.batch.tasks import build_tasks, national_task

    (task,) = build_tasks(["24"], ["01_status"], tmp_path, profile="2026_2030")
    assert task.parameters["profile"] == "2026_2030"
    (default,) = build_tasks(["24"], ["01_status"], tmp_path)
    assert "profile" not in default.parameters  # the params' own profile
    assert national_task(tmp_path, profile="2026_2030").parameters["profile"] == "2026_2030"
