"""Benchmark of the no-code app (``make app``): how soon a workbook page is usable, a control
change and a province switch, on the largest province of the bundled data.

Starts the app's server as ``make app`` does (preheated kernels), chooses the largest province
on the landing page, waits ``--preheat`` seconds (the time a planner spends choosing), then in
headless Chromium (the Debian package; nothing is downloaded): clicks the 02 card and times the
page until its controls are live, moves the household-connectivity threshold and times the
eligible count and the redrawn funnel, and switches province (a new page, settings kept); then
opens 03 and 04 the same way and times a control change until their charts are redrawn.
Prints the figures and writes them to ``outputs/bench_app.json`` (``make bench`` adds them to its
result); exits 2 when Chromium or playwright is missing, 1 when a page never finished (the
other rounds are still measured and written). The server's log goes to
``outputs/bench_app_server.log``; when a round fails, the page's screenshot and text go to
``outputs/bench_app_failed.png`` / ``.txt``, the log's end is printed, and the script exits 1.

    python benchmarks/bench_app.py [--preheat 30] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from ntmplan import app
from ntmplan.core import paths

CHROMIUM = Path("/usr/bin/chromium")
STATUS = "xã đủ điều kiện · tính lại"
SHARE_LABEL = "Hộ có Internet + thiết bị (tỷ lệ)"
RENDER_MS = 120_000
SERVER_LOG = paths.OUTPUTS_DIR / "bench_app_server.log"
FAILED = paths.OUTPUTS_DIR / "bench_app_failed"


def keep_failure(page, exc: Exception) -> None:
    """Save what the page showed when a round failed, and print the server log's end."""
    print(f"round failed at {page.url}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    try:
        page.screenshot(path=str(FAILED.with_suffix(".png")), full_page=True)
        FAILED.with_suffix(".txt").write_text(page.inner_text("body"), "utf-8")
    except Exception as again:  # noqa: BLE001 - the page may be gone
        print(f"(no screenshot: {again})")
    lines = SERVER_LOG.read_text("utf-8", errors="replace").splitlines()
    print("\n".join(["server log, last lines:", *lines[-40:]]))


def largest_province() -> str:
    """Return the code of the province with the most units in the bundled survey."""
    import pandas as pd

    survey = pd.read_csv(paths.SAMPLE_SURVEY, dtype=str, usecols=["province_code"])
    return str(survey["province_code"].value_counts().idxmax())


def _local_only(route) -> None:
    url = route.request.url
    route.continue_() if url.startswith(("http://127.0.0.1", "data:", "blob:")) else route.abort()


def measure(base: str, code: str, preheat_s: float, browser) -> dict:
    """One round: landing choice, click → usable, control change, province switch (seconds/ms).

    A step that fails (its page never gets there within ``RENDER_MS``) ends the round: the
    figures measured before it are kept and ``failed`` names the page it stopped at.
    """
    r: dict = {}
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.route("**/*", _local_only)
    page.set_default_timeout(RENDER_MS)
    try:
        page.goto(f"{base}/?tinh={code}")
        time.sleep(preheat_s)
        start = time.perf_counter()
        page.locator('a.card[data-notebook="02_pilots"]').click()
        status = page.locator(".widget-html", has_text=STATUS).first
        status.wait_for()
        r["open_s"] = time.perf_counter() - start
        before = status.inner_text()
        funnel = ".ntm-controls .ntm-funnel"  # an HTML bar chart (no image)
        chart = page.locator(funnel).first.inner_html()
        readout = page.locator(".widget-slider", has_text=SHARE_LABEL).locator(".widget-readout")
        start = time.perf_counter()
        readout.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("0.90")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "([el, old]) => el.innerText !== old", arg=[status.element_handle(), before]
        )
        r["change_ms"] = 1000 * (time.perf_counter() - start)
        page.wait_for_function(
            "([s, old]) => { const f = document.querySelector(s); return f && f.innerHTML !== old; }",
            arg=[funnel, chart],
        )
        r["chart_ms"] = 1000 * (time.perf_counter() - start)
        start = time.perf_counter()
        picker = page.locator(".ntm-controls .widget-dropdown", has_text="Tỉnh/thành phố")
        picker.locator("select").select_option(index=0 if code != "01" else 1)
        page.wait_for_url(lambda u: f"tinh={code}" not in u)
        page.locator(".widget-html", has_text=STATUS).first.wait_for()
        r["switch_s"] = time.perf_counter() - start
    except Exception as exc:  # noqa: BLE001 - a failed round is reported, the others go on
        keep_failure(page, exc)
        r["failed"] = page.url
    finally:
        page.close()
    return r


#: Panels timed after 02: notebook card → (slider label, value typed, CSS of its charts).
OTHER_PANELS = {
    "03_budget": ("Hệ số xã hội hóa", "1.50", ".ntm-html-chart"),
    "04_capacity": ("Phụ cấp thành viên Tổ", "0.90", ".ntm-html-chart"),
}


def measure_panel(base: str, code: str, notebook: str, browser, preheat_s: float) -> float | None:
    """Open a workbook from the landing page, move one slider, time until its charts change (ms);
    None when the page never got there (reported as :func:`measure` does).

    Waits ``preheat_s`` on the landing page first, as :func:`measure` does: choosing the
    province there re-renders every workbook's preheated page, and a control timed during that
    would measure the preheating instead of the workbook.
    """
    label, value, charts = OTHER_PANELS[notebook]
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.route("**/*", _local_only)
    page.set_default_timeout(RENDER_MS)
    js_all = f"() => [...document.querySelectorAll('{charts}')].map(e => e.innerHTML).join('|')"
    try:
        page.goto(f"{base}/?tinh={code}")
        time.sleep(preheat_s)
        page.locator(f'a.card[data-notebook="{notebook}"]').click()
        readout = page.locator(".widget-slider", has_text=label).locator(".widget-readout")
        readout.first.wait_for()
        page.locator(charts).first.wait_for()
        before = page.evaluate(js_all)
        start = time.perf_counter()
        readout.first.click()
        page.keyboard.press("Control+A")
        page.keyboard.type(value)
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"(old) => {{ const now = ({js_all})(); return now && now !== old; }}", arg=before
        )
        return 1000 * (time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001 - a failed round is reported, the others go on
        keep_failure(page, exc)
        return None
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preheat", type=float, default=30.0, help="seconds on the landing page")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed (pip install -e '.[dev]')", file=sys.stderr)
        return 2
    if not CHROMIUM.exists():
        print(f"no system Chromium at {CHROMIUM} (make browser-deps)", file=sys.stderr)
        return 2
    code = largest_province()
    port = app.free_port()
    paths.OUTPUTS_DIR.mkdir(parents=True, exist_ok=True)
    SERVER_LOG.unlink(missing_ok=True)
    proc = app.start_server(app.voila_command(port=port), log_file=SERVER_LOG)
    rounds = []
    try:
        start = time.perf_counter()
        app.wait_for_http(f"http://{app.HOST}:{port}/", timeout=120, proc=proc)
        print(f"app server answering after {time.perf_counter() - start:.1f} s")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"]
            )
            for i in range(args.repeat):
                r = measure(f"http://{app.HOST}:{port}", code, args.preheat, browser)
                rounds.append(r)
                print(f"round {i + 1}: " + describe(r))
            for i in range(args.repeat):
                for nb in OTHER_PANELS:
                    ms = measure_panel(f"http://{app.HOST}:{port}", code, nb, browser, args.preheat)
                    if ms is None:
                        rounds[i].setdefault("failed_panels", []).append(nb)
                        continue
                    rounds[i][f"{nb}_chart_ms"] = ms
                    print(f"round {i + 1}: {nb} control→charts {ms:.0f} ms")
            browser.close()
    finally:
        app.stop_server(proc)
    keys = [
        "open_s",
        "change_ms",
        "chart_ms",
        "switch_s",
        *(f"{nb}_chart_ms" for nb in OTHER_PANELS),
    ]
    med = {k: statistics.median(v) for k in keys if (v := [r[k] for r in rounds if k in r])}
    failures = sum("failed" in r for r in rounds) + sum(
        len(r.get("failed_panels", [])) for r in rounds
    )
    result = {
        "province_code": code,
        "preheat_wait_s": args.preheat,
        "rounds": rounds,
        "median": med,
        "failed_pages": failures,
        "targets": {"open_s": 2.0, "change_ms": 300.0},
    }
    paths.OUTPUTS_DIR.mkdir(parents=True, exist_ok=True)
    (paths.OUTPUTS_DIR / "bench_app.json").write_text(json.dumps(result, indent=2), "utf-8")
    print(
        f"app, province {code} (largest), median of {len(rounds)} rounds: {describe(med)}"
        f" (targets: usable ≤ 2 s, control ≤ 300 ms) · pages that never finished: {failures}"
    )
    return 1 if failures else 0


def describe(figures: dict) -> str:
    """One line of a round's (or the medians') figures; what is missing is not shown."""
    parts = {
        "open_s": "click→usable {:.2f} s",
        "change_ms": "control→count {:.0f} ms",
        "chart_ms": "control→chart {:.0f} ms",
        "switch_s": "province switch {:.2f} s",
        **{f"{nb}_chart_ms": f"{nb} control→charts {{:.0f}} ms" for nb in OTHER_PANELS},
    }
    shown = [text.format(figures[k]) for k, text in parts.items() if k in figures]
    if "failed" in figures:
        shown.append(f"FAILED at {figures['failed']}")
    return " · ".join(shown)


if __name__ == "__main__":
    sys.exit(main())
