"""JupyterLab's settings kept in the project (never in the shared virtual environment), its
default interface language (``overrides.json``) and the Vietnamese pack.

Everything JupyterLab writes when ``make lab`` runs goes under :func:`project_jupyter_dir`
(``<project>/.jupyter_local``, git-ignored): configuration, runtime files, the application
settings holding the default language, the planner's own settings and workspaces.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ntmplan.core import paths

#: JupyterLab setting that holds the interface language.
TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
#: JupyterLab setting of the news and update checks (both reach the internet; off by default here).
NOTIFICATION_PLUGIN = "@jupyterlab/apputils-extension:notification"
NOTIFICATION_DEFAULTS = {"fetchNews": "false", "checkForUpdates": False}
#: Module of the Vietnamese language pack (pip package ``jupyterlab-language-pack-vi-vn``).
LANGUAGE_PACK_MODULE = "jupyterlab_language_pack_vi_VN"
#: Environment variable that moves the project's Jupyter folder (tests use a temporary one).
JUPYTER_DIR_ENV = "NTMPLAN_JUPYTER_DIR"


def project_jupyter_dir() -> Path:
    """Return the folder holding everything JupyterLab writes for this project.

    Returns
    -------
    Path
        ``$NTMPLAN_JUPYTER_DIR`` when set, else ``<project>/.jupyter_local``.
    """
    value = os.environ.get(JUPYTER_DIR_ENV)
    return Path(value) if value else paths.ROOT / ".jupyter_local"


def lab_settings_dir(root: str | Path | None = None) -> Path:
    """Return JupyterLab's application settings folder of the project (holds ``overrides.json``).

    Parameters
    ----------
    root : str or Path, optional
        The project's Jupyter folder; default :func:`project_jupyter_dir`.

    Returns
    -------
    Path
    """
    return Path(root or project_jupyter_dir()) / "lab" / "settings"


def lab_environment(root: str | Path | None = None) -> dict[str, str]:
    """Return the environment variables that keep JupyterLab's files in the project's folder.

    Parameters
    ----------
    root : str or Path, optional
        The project's Jupyter folder; default :func:`project_jupyter_dir`.

    Returns
    -------
    dict
        ``JUPYTER_CONFIG_DIR``, ``JUPYTER_RUNTIME_DIR``, ``JUPYTERLAB_SETTINGS_DIR`` (the
        planner's own settings) and ``JUPYTERLAB_WORKSPACES_DIR``, all under ``root``.
    """
    base = Path(root or project_jupyter_dir())
    return {
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(base / "lab" / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "lab" / "workspaces"),
    }


def has_language_pack() -> bool:
    """Tell whether the Vietnamese JupyterLab language pack is installed in this environment.

    Returns
    -------
    bool
    """
    import importlib.util

    return importlib.util.find_spec(LANGUAGE_PACK_MODULE) is not None


def set_lab_locale(locale: str = "vi_VN", settings_dir: str | Path | None = None) -> Path:
    """Make ``locale`` JupyterLab's default interface language in this environment.

    Writes ``overrides.json`` (merged with what is there). A language the user picks in
    *Settings → Language* is stored in the user's settings and still wins over this default.
    The news and update checks are turned off unless the file already sets them.

    Parameters
    ----------
    locale : str
        ``vi_VN`` (needs the language pack) or ``en`` (JupyterLab's built-in English).
    settings_dir : str or Path, optional
        Default :func:`lab_settings_dir`.

    Returns
    -------
    Path
        The overrides file.

    Raises
    ------
    ValueError
        If the existing overrides file is not a JSON object.
    """
    from ntmplan.core.writers import atomic_write_text

    target = Path(settings_dir or lab_settings_dir()) / "overrides.json"
    data: dict = {}
    if target.is_file():
        text = target.read_text(encoding="utf-8").strip()
        data = json.loads(text) if text else {}
        if not isinstance(data, dict):
            raise ValueError(f"{target}: cần một đối tượng JSON / must be a JSON object")
    plugin = dict(data.get(TRANSLATION_PLUGIN) or {})
    plugin["locale"] = locale
    data[TRANSLATION_PLUGIN] = plugin
    for key, value in NOTIFICATION_DEFAULTS.items():  # offline planners: no news / update prompts
        data.setdefault(NOTIFICATION_PLUGIN, {}).setdefault(key, value)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return target
