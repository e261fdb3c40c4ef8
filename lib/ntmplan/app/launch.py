"""``python -m ntmplan.app lab|app``: parse the options and replace this process by the server."""

from __future__ import annotations

import argparse
import os
import secrets
import shlex
import sys

from ntmplan.app import lab_settings
from ntmplan.app.commands import lab_command, voila_command
from ntmplan.app.servers import APP_PORT, HOST, LAB_PORT, free_port
from ntmplan.core import paths


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


def lab_address(port: int, token: str) -> str:
    """Return the address ``make lab`` prints: the notebooks folder, with the access token.

    Parameters
    ----------
    port : int
    token : str

    Returns
    -------
    str
    """
    return f"http://{HOST}:{int(port)}/lab/tree/notebooks?token={token}"


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
    token = secrets.token_hex(24)
    if args.command == "lab":
        port = args.port or free_port(LAB_PORT)
        cmd = lab_command(port, open_browser=not args.no_browser, token=token)
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
        if args.locale.startswith("vi") and not lab_settings.has_language_pack():
            print(
                "Chưa cài gói tiếng Việt / language pack missing: "
                "pip install jupyterlab-language-pack-vi-vn",
                file=sys.stderr,
            )
        else:
            lab_settings.set_lab_locale(args.locale)
    if args.command == "lab":  # the address with its token opens JupyterLab without a login page
        os.environ.update(lab_settings.lab_environment())
        print(
            f"JupyterLab: {lab_address(port, token)}  (Ctrl+C để dừng / to stop)\n"
            f"Cài đặt lưu tại / settings kept in: {lab_settings.project_jupyter_dir()}",
            flush=True,
        )
    else:
        print(f"Mở / open: http://{HOST}:{port}/  (Ctrl+C để dừng / to stop)", flush=True)
    # Replace this process by the server: Ctrl+C and signals reach it directly, no orphan is left.
    os.chdir(paths.ROOT)
    os.execv(cmd[0], cmd)
    return 0  # pragma: no cover - execv does not return
