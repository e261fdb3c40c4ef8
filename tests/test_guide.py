"""Every command the planner's guide (docs/huong_dan) shows is run, in order, on the bundled data.

The guide's ``bash`` blocks are read page by page; each line is run with ``bash`` in a
workspace that looks like the project (its data, notebooks, docs and tests linked, a copy
of params/ so the guide may add a province's params file), with ``NTMPLAN_ROOT`` pointing
there so that nothing is written into the project. A ``yaml`` block whose first line is
``# <path>`` is written to that path before the next command, as a planner would save it.

Two things the test does in place of a person: before the first ``ntmplan collect``, it
fills the forms written by ``ntmplan forms`` with the bundled survey's figures of each
commune (what communes would send back); and ``make app`` / ``make lab`` are started,
awaited until they print their address, then stopped. ``make`` commands run in the project
itself (they install into, or start from, its own ``.venv``; the workspace has none).
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "huong_dan"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)
#: Commands expected to end with another exit code than 0, and why.
EXIT_CODES = {
    "ntmplan validate tests/data/bad/several_mistakes.csv": 1,  # the example has errors
    "ntmplan run --province 01 --params tests/data/bad/params_wrong_type.yaml": 1,  # refused
}
#: Commands that start a server: run until they print their address, then stopped.
SERVERS = ("make app", "make lab")
#: Links into the project: what the guide's commands read.
LINKED = ("data", "notebooks", "docs", "tests", "lib")

pytestmark = pytest.mark.slow


def guide_steps() -> list[tuple[str, str, str]]:
    """(page, kind, text) of every bash line and yaml file of the guide, in reading order."""
    steps = []
    for page in sorted(GUIDE.glob("*.md")):
        for lang, body in BLOCK.findall(page.read_text(encoding="utf-8")):
            if lang == "bash":
                steps += [
                    (page.name, "command", ln.strip()) for ln in body.splitlines() if ln.strip()
                ]
            elif lang == "yaml":
                steps.append((page.name, "file", body))
    return steps


def workspace(tmp_path: Path) -> Path:
    """A folder that looks like the project, writing nowhere in it."""
    ws = tmp_path / "du_an"
    ws.mkdir()
    for name in LINKED:
        if (ROOT / name).exists():
            (ws / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "params", ws / "params")
    return ws


def environment(ws: Path) -> dict:
    env = dict(os.environ)
    env["NTMPLAN_ROOT"] = str(ws)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.pop("NTMPLAN_CACHE_DIR", None)
    return env


def fill_returned_forms(ws: Path, forms: Path, returned: Path) -> int:
    """Fill each form with its commune's row of the bundled survey, as the commune would."""
    import openpyxl

    with open(ROOT / "data/sample/khao_sat_2025_du_lieu_minh_hoa.csv", encoding="utf-8") as fh:
        rows = {r["commune_code"]: r for r in csv.DictReader(fh)}
    returned.mkdir()
    n = 0
    for form in sorted(forms.glob("*.xlsx")):
        wb = openpyxl.load_workbook(form)
        ws_ = wb["khao_sat"]
        cols = {c.value: c.column for c in ws_[2] if c.value}
        code = ws_.cell(row=3, column=cols["commune_code"]).value
        row = rows.get(code)
        if row is None:  # not in the bundled survey: that commune has not answered
            continue
        for name, col in cols.items():
            if ws_.cell(row=3, column=col).protection.locked or name not in row or row[name] == "":
                continue
            value = row[name]
            ws_.cell(
                row=3,
                column=col,
                value=float(value) if re.fullmatch(r"-?\d+(\.\d+)?", value) else value,
            )
        wb.save(returned / form.name)
        n += 1
    return n


def run_server(command: str, ws: Path, env: dict) -> str:
    """Start a server command, wait (at most 180 s) for its address, stop it; return its output."""
    import select

    proc = subprocess.Popen(
        ["bash", "-c", command + " ARGS=--no-browser"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    seen = b""
    deadline = time.monotonic() + 180
    try:
        while time.monotonic() < deadline and b"http://127.0.0.1:" not in seen:
            ready, _, _ = select.select([proc.stdout], [], [], 0.5)
            if ready:
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:  # the command ended
                    break
                seen += chunk
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.stdout.close()
    return seen.decode("utf-8", "replace")


def test_the_guide_has_its_steps():
    commands = [t for _p, k, t in guide_steps() if k == "command"]
    for needed in (
        "ntmplan forms",
        "ntmplan collect",
        "ntmplan validate",
        "ntmplan run",
        "make app",
        "make lab",
    ):
        assert any(c.startswith(needed) for c in commands), needed
    assert set(EXIT_CODES) <= set(commands)


def test_every_command_of_the_guide_runs(tmp_path):
    ws = workspace(tmp_path)
    env = environment(ws)
    filled = False
    for page, kind, text in guide_steps():
        if kind == "file":
            first, _, content = text.partition("\n")
            target = ws / first.lstrip("# ").strip()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            continue
        if text.startswith(SERVERS):
            out = run_server(text, ws, env)
            assert "http://127.0.0.1:" in out, f"{page}: {text}\n{out[-3000:]}"
            continue
        if text.startswith("ntmplan collect") and not filled:
            forms = re.search(
                r"--out (\S+)",
                next(t for _p, k, t in guide_steps() if t.startswith("ntmplan forms")),
            )
            folder = text.split()[2]
            assert fill_returned_forms(ws, ws / forms.group(1), ws / folder) > 0
            filled = True
        proc = subprocess.run(
            ["bash", "-c", text],
            cwd=ROOT if text.startswith("make ") else ws,
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        output = proc.stdout + proc.stderr
        assert proc.returncode == EXIT_CODES.get(text, 0), f"{page}: {text}\n{output[-3000:]}"
        assert "Traceback" not in output, f"{page}: {text}\n{output[-3000:]}"
