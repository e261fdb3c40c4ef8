"""Start the planners' interactive tools: JupyterLab in Vietnamese (``make lab``) and the no-code
app served by Voilà (``make app``).

Both serve the very notebooks that the batch runner executes (no copies): a notebook opened
here runs with its default ``interactive = True`` and shows its widgets. Servers listen on
127.0.0.1 only.

Command line (what the Makefile calls)::

    python -m ntmplan.app lab [--port N] [--no-browser] [--locale vi_VN|en] [--dry-run]
    python -m ntmplan.app app [--port N] [--no-browser] [--notebook 02_pilots] [--dry-run]

The package: :mod:`~ntmplan.app.commands` (the server command lines),
:mod:`~ntmplan.app.lab_settings` (JupyterLab's language), :mod:`~ntmplan.app.servers`
(ports, starting and stopping servers), :mod:`~ntmplan.app.launch` (the command line).
"""

from ntmplan.app.commands import APP_NOTEBOOKS, hidden_globs, lab_command, voila_command
from ntmplan.app.lab_settings import (
    LANGUAGE_PACK_MODULE,
    NOTIFICATION_DEFAULTS,
    NOTIFICATION_PLUGIN,
    TRANSLATION_PLUGIN,
    has_language_pack,
    lab_settings_dir,
    set_lab_locale,
)
from ntmplan.app.launch import build_parser, main
from ntmplan.app.servers import (
    APP_PORT,
    HOST,
    LAB_PORT,
    free_port,
    start_server,
    stop_server,
    wait_for_http,
)

__all__ = [
    "APP_NOTEBOOKS",
    "APP_PORT",
    "HOST",
    "LAB_PORT",
    "LANGUAGE_PACK_MODULE",
    "NOTIFICATION_DEFAULTS",
    "NOTIFICATION_PLUGIN",
    "TRANSLATION_PLUGIN",
    "build_parser",
    "free_port",
    "has_language_pack",
    "hidden_globs",
    "lab_command",
    "lab_settings_dir",
    "main",
    "set_lab_locale",
    "start_server",
    "stop_server",
    "voila_command",
    "wait_for_http",
]
