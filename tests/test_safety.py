"""No silent wrong answers, no planted code: the cache, the profile name, the provinces asked for.

Each case goes through the command line (``ntmplan.cli.main``) as a planner would: exit 1,
a bilingual message naming the file or key, no traceback, the input's bytes unchanged, and
no kernel started (``runner.run`` is replaced by a recorder).
"""

from __future__ import annotations

import os
import pickle

import pandas as pd
import pytest

from ntmplan import cli
from ntmplan.batch import runner
from ntmplan.core import params as P
from ntmplan.core import paths
from ntmplan.survey import loading
from tests.conftest import sha256
from tests.survey_fixtures import csv_text

CACHE_ENV = "NTMPLAN_CACHE_DIR"


class Planted:
    """Unpickling this runs code: it writes ``marker`` (what an attacker would do)."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (exec, (f"open({self.marker!r}, 'w').write('pwned')",))


@pytest.fixture
def no_kernels(monkeypatch):
    """Replace the batch runner: record its calls, start nothing."""
    calls = []

    def fake_run(*args, **kwargs):
        calls.append((args, kwargs))
        return []

    monkeypatch.setattr(runner, "run", fake_run)
    return calls


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty survey cache folder of this test (no environment override, no memory)."""
    folder = tmp_path / "shared_cache"
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setattr(paths, "CACHE_DIR", folder)
    monkeypatch.setattr(loading, "_SURVEY_MEMORY", {})
    return folder


def run_cli(capsys, *args) -> tuple[int, str]:
    code = cli.main([str(a) for a in args])
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Traceback" not in text and 'File "' not in text
    return code, text


class TestPlantedCacheFile:
    def test_a_planted_pickle_at_the_key_never_runs(self, tmp_path, cache, capsys, no_kernels):
        data = tmp_path / "s.csv"
        data.write_text(csv_text(), encoding="utf-8")
        key = loading._survey_cache_key(data.read_bytes(), "current", P.load_params("01"))
        marker = tmp_path / "marker"
        payload = pickle.dumps(Planted(marker))
        for name in (f"{key}.pkl", f"{key}.json"):
            (cache / "surveys").mkdir(parents=True, exist_ok=True)
            (cache / "surveys" / name).write_bytes(payload)
        before = sha256(data)
        code, text = run_cli(capsys, "run", "--province", "01", "--data", data, "--quiet")
        assert code == 0, text
        assert not marker.exists(), "a planted cache file ran code"
        assert sha256(data) == before
        loading._SURVEY_MEMORY.clear()
        survey = loading.load_survey_cached(data, params=P.load_params("01"))
        assert not marker.exists()
        pd.testing.assert_frame_equal(survey, loading.load_survey(data), check_exact=True)

    def test_the_cache_lives_under_out(self, tmp_path, cache, capsys, no_kernels):
        data = tmp_path / "s.csv"
        data.write_text(csv_text(), encoding="utf-8")
        out = tmp_path / "out"
        code, text = run_cli(
            capsys, "run", "--province", "01", "--data", data, "--out", out, "--quiet"
        )
        assert code == 0, text
        assert list((out / ".cache" / "surveys").glob("*.json"))
        assert not cache.exists(), "the shared cache folder was used despite --out"
        assert CACHE_ENV not in os.environ


class TestProfileOutsideParams:
    def test_a_profile_path_is_refused_naming_the_key(self, tmp_path, capsys, no_kernels):
        evil = tmp_path / "elsewhere" / "evil_profile.yaml"
        evil.parent.mkdir()
        evil.write_text("programme:\n  end_year: 2099\n", encoding="utf-8")
        relative = os.path.relpath(evil.with_suffix(""), paths.PROFILES_DIR)
        params = tmp_path / "p.yaml"
        params.write_text(f'programme:\n  profile: "{relative}"\n', encoding="utf-8")
        before = sha256(params), sha256(evil)
        code, text = run_cli(capsys, "run", "--province", "01", "--params", params, "--quiet")
        assert code == 1, text
        assert "programme.profile" in text and str(params) in text
        assert "2021_2025" in text and "2026_2030" in text  # the known profiles are listed
        assert "Không có hồ sơ chương trình" in text and "unknown programme profile" in text
        assert no_kernels == []
        assert (sha256(params), sha256(evil)) == before


class TestProvinceNotInSurvey:
    def test_refused_before_any_kernel_naming_what_the_file_holds(
        self, tmp_path, cache, capsys, no_kernels
    ):
        data = tmp_path / "only_01.csv"
        data.write_text(csv_text(), encoding="utf-8")  # two communes of Hà Nội (01)
        before = sha256(data)
        code, text = run_cli(
            capsys, "run", "--province", "04", "--data", data, "--out", tmp_path / "o"
        )
        assert code == 1, text
        assert no_kernels == [], "a kernel batch started"
        assert str(data) in text and "04" in text and "01 Thành phố Hà Nội" in text
        assert "không có dòng nào của tỉnh này" in text and "has no row for this province" in text
        assert sha256(data) == before
        assert not (tmp_path / "o" / "04-cao-bang").exists()

    def test_a_province_the_file_holds_still_runs(self, tmp_path, cache, capsys, no_kernels):
        data = tmp_path / "only_01.csv"
        data.write_text(csv_text(), encoding="utf-8")
        code, text = run_cli(capsys, "run", "--province", "01", "--data", data, "--quiet")
        assert code == 0, text
        assert len(no_kernels) == 1


class TestKernelCacheEnvironment:
    def test_runs_point_the_survey_cache_at_the_outputs_root(self, tmp_path, monkeypatch):
        from ntmplan.batch.execute import survey_cache_env

        monkeypatch.delenv(CACHE_ENV, raising=False)
        with survey_cache_env(tmp_path / "out"):
            assert os.environ[CACHE_ENV] == str(tmp_path / "out" / ".cache")
            assert paths.cache_dir() == tmp_path / "out" / ".cache"
        assert CACHE_ENV not in os.environ

    def test_a_folder_the_user_chose_is_kept(self, tmp_path, monkeypatch):
        from ntmplan.batch.execute import survey_cache_env

        monkeypatch.setenv(CACHE_ENV, str(tmp_path / "mine"))
        with survey_cache_env(tmp_path / "out"):
            assert paths.cache_dir() == tmp_path / "mine"
        assert os.environ[CACHE_ENV] == str(tmp_path / "mine")

    def test_execute_task_runs_the_kernel_with_it(self, tmp_path, monkeypatch):
        from ntmplan.batch import execute
        from ntmplan.batch.tasks import RunTask

        seen = []
        monkeypatch.delenv(CACHE_ENV, raising=False)
        monkeypatch.setattr(
            execute, "execute_with_retry", lambda *a: seen.append(os.environ.get(CACHE_ENV))
        )
        monkeypatch.setattr(execute, "export_html", lambda *a: None)
        out_dir = tmp_path / "out" / "01-ha-noi"
        task = RunTask("01_status", "01", str(out_dir), {}, "nb.ipynb")
        execute.execute_task(task)
        assert seen == [str(tmp_path / "out" / ".cache")]
