"""Tests for ntmplan.app.lab_settings: JupyterLab's default language in this environment."""

from __future__ import annotations

import json

import pytest

from ntmplan import app
from ntmplan.app import lab_settings


class TestLabSettingsDir:
    def test_under_the_project_folder(self, tmp_path, monkeypatch):
        import sys

        from ntmplan.core import paths

        assert app.lab_settings_dir(tmp_path) == tmp_path / "lab" / "settings"
        monkeypatch.delenv(lab_settings.JUPYTER_DIR_ENV, raising=False)
        assert lab_settings.project_jupyter_dir() == paths.ROOT / ".jupyter_local"
        assert not str(app.lab_settings_dir()).startswith(sys.prefix)
        monkeypatch.setenv(lab_settings.JUPYTER_DIR_ENV, str(tmp_path))
        assert app.lab_settings_dir() == tmp_path / "lab" / "settings"


class TestLabEnvironment:
    def test_every_folder_jupyter_writes_is_under_the_project_folder(self, tmp_path):
        env = lab_settings.lab_environment(tmp_path)
        assert set(env) == {
            "JUPYTER_CONFIG_DIR",
            "JUPYTER_RUNTIME_DIR",
            "JUPYTERLAB_SETTINGS_DIR",
            "JUPYTERLAB_WORKSPACES_DIR",
        }
        assert all(v.startswith(str(tmp_path)) for v in env.values())


class TestSetLabLocale:
    def test_writes_and_merges(self, tmp_path):
        f = tmp_path / "overrides.json"
        f.write_text(json.dumps({"other:plugin": {"a": 1}}), encoding="utf-8")
        assert app.set_lab_locale("vi_VN", tmp_path) == f
        data = json.loads(f.read_text(encoding="utf-8"))
        assert data["other:plugin"] == {"a": 1}
        assert data["@jupyterlab/translation-extension:plugin"] == {"locale": "vi_VN"}
        assert data["@jupyterlab/apputils-extension:notification"] == {
            "fetchNews": "false",
            "checkForUpdates": False,
        }
        app.set_lab_locale("en", tmp_path)
        assert json.loads(f.read_text(encoding="utf-8"))[app.TRANSLATION_PLUGIN] == {"locale": "en"}

    def test_keeps_a_notification_choice(self, tmp_path):
        f = tmp_path / "overrides.json"
        f.write_text(json.dumps({app.NOTIFICATION_PLUGIN: {"fetchNews": "true"}}), encoding="utf-8")
        app.set_lab_locale("vi_VN", tmp_path)
        assert (
            json.loads(f.read_text(encoding="utf-8"))[app.NOTIFICATION_PLUGIN]["fetchNews"]
            == "true"
        )

    def test_creates_the_folder(self, tmp_path):
        target = app.set_lab_locale("vi_VN", tmp_path / "new" / "settings")
        assert target.is_file()

    def test_not_an_object(self, tmp_path):
        (tmp_path / "overrides.json").write_text("[1, 2]", encoding="utf-8")
        with pytest.raises(ValueError):
            app.set_lab_locale("vi_VN", tmp_path)


class TestHasLanguagePack:
    def test_bool(self):
        assert isinstance(app.has_language_pack(), bool)
