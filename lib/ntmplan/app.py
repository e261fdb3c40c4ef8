"""Start the planners' interactive tools: JupyterLab in Vietnamese (``make lab``) and the no-code
app served by Voilà (``make app``).

Both serve the very notebooks that the batch runner executes (no copies): a notebook opened
here runs with its default ``interactive = True`` and shows its widgets. Servers listen on
127.0.0.1 only.

Command line (what the Makefile calls)::

    python -m ntmplan.app lab [--port N] [--no-browser] [--locale vi_VN|en] [--dry-run]
    python -m ntmplan.app app [--port N] [--no-browser] [--notebook 02_pilots] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from ntmplan.core import paths

#: Loopback address every server of this module listens on.
HOST = "127.0.0.1"
#: Preferred ports (used when free; otherwise the system picks one).
APP_PORT = 8866
LAB_PORT = 8888
#: Workbooks offered by the app (the interactive ones). The others stay reachable in JupyterLab.
APP_NOTEBOOKS = ("01_status", "02_pilots", "03_budget", "04_capacity")
#: JupyterLab setting that holds the interface language.
TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
#: JupyterLab setting of the news and update checks (both reach the internet; off by default here).
NOTIFICATION_PLUGIN = "@jupyterlab/apputils-extension:notification"
NOTIFICATION_DEFAULTS = {"fetchNews": "false", "checkForUpdates": False}
#: Module of the Vietnamese language pack (pip package ``jupyterlab-language-pack-vi-vn``).
LANGUAGE_PACK_MODULE = "jupyterlab_language_pack_vi_VN"


def free_port(preferred: int | None = None, host: str = HOST) -> int:
    """Return a TCP port that is free on ``host``: ``preferred`` if it is free, else one the OS picks.

    Parameters
    ----------
    preferred : int, optional
        Port to try first.
    host : str
        Address to bind (loopback by default).

    Returns
    -------
    int

    Raises
    ------
    OSError
        If no port can be bound at all.
    """
    if preferred:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((host, int(preferred)))
                return int(preferred)
            except OSError:
                pass
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _hidden_globs(notebooks: tuple[str, ...]) -> list[str]:
    """Globs hiding from the app's file list every notebook not in ``notebooks`` and the build scripts."""
    others = sorted(
        p.stem for p in paths.NOTEBOOKS_DIR.glob("*.ipynb") if p.stem not in set(notebooks)
    )
    return [
        "__pycache__",
        "*.pyc",
        "*.pyo",
        ".*",
        "_build",
        *[f"{stem}.ipynb" for stem in others],
    ]


def voila_command(
    target: str | Path | None = None,
    port: int = APP_PORT,
    open_browser: bool = False,
    notebooks: tuple[str, ...] = APP_NOTEBOOKS,
    python: str | None = None,
) -> list[str]:
    """Build the command line that serves the workbooks with Voilà (code hidden, widgets live).

    Parameters
    ----------
    target : str or Path, optional
        A notebook file or a folder; default the project's ``notebooks/`` folder, where the
        planner picks a workbook from a list.
    port : int
        Port on 127.0.0.1.
    open_browser : bool
        Let Voilà open the default browser.
    notebooks : tuple of str
        Notebook ids listed in folder mode (the others are hidden).
    python : str, optional
        Interpreter; default the running one (the project's venv).

    Returns
    -------
    list of str

    Raises
    ------
    FileNotFoundError
        If ``target`` does not exist.
    """
    target = Path(target) if target else paths.NOTEBOOKS_DIR
    if not target.exists():
        raise FileNotFoundError(f"Không có / not found: {target}")
    cmd = [
        python or sys.executable,
        "-m",
        "voila",
        str(target),
        f"--port={int(port)}",
        f"--Voila.ip={HOST}",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        "--theme=light",
    ]
    if not open_browser:
        cmd.append("--no-browser")
    if target.is_dir():  # one option per glob: traitlets reads a repeated option as a list
        cmd.extend(f"--ContentsManager.hide_globs={g}" for g in _hidden_globs(tuple(notebooks)))
    return cmd


def lab_settings_dir(prefix: str | Path | None = None) -> Path:
    """Return JupyterLab's application settings folder of an environment (holds ``overrides.json``).

    Parameters
    ----------
    prefix : str or Path, optional
        Environment prefix; default ``sys.prefix`` (the project's venv).

    Returns
    -------
    Path
    """
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings"


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


def lab_command(
    port: int = LAB_PORT, open_browser: bool = True, python: str | None = None
) -> list[str]:
    """Build the command line of JupyterLab on the project, opening the notebooks folder.

    The root is the project folder (so ``params/`` and ``data/`` can be opened too) and the
    first page is ``notebooks/``. The notebooks' kernel ``python3`` is the interpreter that
    runs the server, i.e. the project's venv with ``ntmplan`` installed.

    Parameters
    ----------
    port : int
        Port on 127.0.0.1.
    open_browser : bool
        Open the default browser.
    python : str, optional
        Interpreter; default the running one.

    Returns
    -------
    list of str
    """
    cmd = [
        python or sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={int(port)}",
        f"--ServerApp.root_dir={paths.ROOT}",
        "--ServerApp.default_url=/lab/tree/notebooks",
    ]
    if not open_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers and CI run as root; JupyterLab refuses otherwise
    return cmd


def wait_for_http(url: str, timeout: float = 60.0, proc: subprocess.Popen | None = None) -> float:
    """Poll ``url`` (on 127.0.0.1) until it answers, and return the seconds waited.

    Parameters
    ----------
    url : str
        ``http://127.0.0.1:<port>/...``.
    timeout : float
        Seconds before giving up.
    proc : subprocess.Popen, optional
        The server; waiting stops early if it exits.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If the URL is not on the loopback address.
    TimeoutError
        If nothing answered in time, or the server exited.
    """
    import urllib.error
    import urllib.request
    from urllib.parse import urlparse

    if urlparse(url).hostname not in {HOST, "localhost"}:
        raise ValueError(f"chỉ địa chỉ nội bộ / loopback only: {url}")
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if proc is not None and proc.poll() is not None:
            raise TimeoutError(f"máy chủ đã dừng / server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310 - loopback only
                if resp.status < 500:
                    return time.monotonic() - start
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return time.monotonic() - start
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.25)
    raise TimeoutError(f"không trả lời sau {timeout:.0f} s / no answer from {url}")


def start_server(cmd: list[str], log_file: str | Path | None = None) -> subprocess.Popen:
    """Start a server command in its own process group (so :func:`stop_server` ends its kernels too).

    Parameters
    ----------
    cmd : list of str
        From :func:`voila_command` or :func:`lab_command`.
    log_file : str or Path, optional
        Where the server's output goes; default discarded.

    Returns
    -------
    subprocess.Popen
    """
    out = open(log_file, "ab") if log_file else subprocess.DEVNULL  # noqa: SIM115 - owned by the child
    env = dict(os.environ)
    bindir = str(Path(cmd[0]).parent)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    try:
        return subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=str(paths.ROOT),
            env=env,
            start_new_session=True,
        )
    finally:
        if log_file:
            out.close()


def stop_server(proc: subprocess.Popen, timeout: float = 15.0) -> int | None:
    """Stop a server started by :func:`start_server` and its kernels (its process group).

    Sends SIGTERM to the group, waits, then SIGKILL.

    Parameters
    ----------
    proc : subprocess.Popen
    timeout : float
        Seconds to wait after SIGTERM.

    Returns
    -------
    int or None
        The exit code.
    """
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # kernels left behind in the group
    except (ProcessLookupError, PermissionError):
        pass
    try:
        return proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return None


def build_parser() -> argparse.ArgumentParser:
    """Build the parser of ``python -m ntmplan.app``.

    Returns
    -------
    argparse.ArgumentParser
    """
    parser = argparse.ArgumentParser(
        prog="python -m ntmplan.app",
        description="JupyterLab tiếng Việt và ứng dụng Voilà / Vietnamese JupyterLab and the Voilà app",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("lab", "JupyterLab trên thư mục notebooks / JupyterLab on notebooks/"),
        ("app", "ứng dụng không cần viết mã (Voilà) / the no-code app (Voilà)"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--port", type=int, default=None, help="cổng / port on 127.0.0.1")
        p.add_argument(
            "--no-browser", action="store_true", help="không mở trình duyệt / do not open a browser"
        )
        p.add_argument(
            "--dry-run", action="store_true", help="chỉ in lệnh / only print the command"
        )
        if name == "lab":
            p.add_argument(
                "--locale",
                default="vi_VN",
                help="ngôn ngữ giao diện mặc định / default UI language (vi_VN, en)",
            )
        else:
            p.add_argument(
                "--notebook", default=None, help="một sổ tính, ví dụ / one workbook, e.g. 02_pilots"
            )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``lab`` or ``app`` in the foreground (Ctrl+C stops it).

    The process is replaced by the server (``os.execv``), so signals reach the server itself.

    Parameters
    ----------
    argv : list of str, optional

    Returns
    -------
    int
        0 for ``--dry-run``, 2 for an unknown workbook; otherwise it does not return.
    """
    args = build_parser().parse_args(argv)
    if args.command == "lab":
        port = args.port or free_port(LAB_PORT)
        cmd = lab_command(port, open_browser=not args.no_browser)
    else:
        target = None
        if args.notebook:
            stem = args.notebook.removesuffix(".ipynb")
            matches = sorted(paths.NOTEBOOKS_DIR.glob(f"{stem}*.ipynb"))
            if len(matches) != 1:
                print(f"Không có sổ tính / no such workbook: {args.notebook}", file=sys.stderr)
                return 2
            target = matches[0]
        port = args.port or free_port(APP_PORT)
        cmd = voila_command(target, port, open_browser=not args.no_browser)
    if args.dry_run:
        print(shlex.join(cmd))
        return 0
    if args.command == "lab":
        if args.locale.startswith("vi") and not has_language_pack():
            print(
                "Chưa cài gói tiếng Việt / language pack missing: "
                "pip install jupyterlab-language-pack-vi-vn",
                file=sys.stderr,
            )
        else:
            set_lab_locale(args.locale)
    if args.command == "lab":  # JupyterLab prints its own address, with the access token
        print(f"JupyterLab: http://{HOST}:{port}/lab (Ctrl+C để dừng / to stop)", flush=True)
    else:
        print(f"Mở / open: http://{HOST}:{port}/  (Ctrl+C để dừng / to stop)", flush=True)
    # Replace this process by the server: Ctrl+C and signals reach it directly, no orphan is left.
    os.chdir(paths.ROOT)
    os.execv(cmd[0], cmd)
    return 0  # pragma: no cover - execv does not return


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
