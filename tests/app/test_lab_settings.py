"""Tests for ntmplan.app.lab_settings: JupyterLab's default language in this environment."""

from __future__ import annotations

import json

import pytest

from ntmplan import app


class TestLabSettingsDir:
    def test_under_prefix(self, tmp_path):
        assert app.lab_settings_dir(tmp_path) == tmp_path / "share" / "jupyter" / "lab" / "settings"


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
