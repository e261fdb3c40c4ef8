"""The no-code app (``make app``) as a planner uses it: Voilà in Chromium, moving a control.

Starts Voilà exactly as ``make app`` does (the notebooks folder, 127.0.0.1, a free port),
opens the workbook list and then 02 (pilots), waits for the widgets, raises the
household-connectivity threshold and checks that the eligible count changes to the value the
library computes; then picks another province and exports the current choice to Excel. The
server is stopped in a ``finally`` block; every wait is bounded.
"""

from __future__ import annotations

import re
import time
import warnings

import pytest

from ntmplan import app
from ntmplan.core import paths
from ntmplan.notebook import context as workbook
from ntmplan.survey import units
from ntmplan.tasks import pilots

from .browser_helpers import broken_images

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHARE_LABEL = "Hộ có Internet + thiết bị (tỷ lệ)"
SHARE_KEY = "thresholds.households_internet_smart_share"
NEW_SHARE = 1.0  # every household connected: far fewer communes pass
STATUS_TEXT = "xã đủ điều kiện · tính lại"
SERVER_TIMEOUT_S = 120
RENDER_TIMEOUT_MS = 300_000  # Voilà executes the whole notebook before showing it
UPDATE_TIMEOUT_MS = 60_000


def expected_eligible(code: str, overrides: dict | None = None) -> int:
    """Eligible smart communes of a province per the library (what the panel must show)."""
    ctx = workbook.open_workbook(
        "02_pilots", code, "", "", str(paths.OUTPUTS_DIR / units.province_dir_name(code))
    )
    params = pilots.with_overrides(ctx.params, overrides or {})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return int(pilots.check_eligibility(ctx.survey, params, "smart_commune")["eligible"].sum())


def wait_changed(read, old, timeout_s: float = UPDATE_TIMEOUT_MS / 1000):
    """Poll ``read()`` until it differs from ``old`` (bounded); return the new value."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = read()
        if value != old:
            return value
        time.sleep(0.1)
    raise TimeoutError(f"không đổi sau {timeout_s:.0f} s / unchanged: {old!r}"[:300])


def _count(text: str) -> int:
    match = re.search(r"(\d+)\s+xã đủ điều kiện", text)
    assert match, text
    return int(match.group(1))


@pytest.fixture(scope="module")
def voila(tmp_path_factory, browser):
    """The app served as by ``make app``; yields its base URL and stops it afterwards."""
    port = app.free_port()
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    proc = app.start_server(app.voila_command(port=port), log_file=log)
    try:
        waited = app.wait_for_http(
            f"http://{app.HOST}:{port}/", timeout=SERVER_TIMEOUT_S, proc=proc
        )
        print(f"Voilà ready in {waited:.1f} s")
        yield f"http://{app.HOST}:{port}"
    finally:
        app.stop_server(proc)
        print(log.read_text(encoding="utf-8", errors="replace")[-1500:])


def test_app_threshold_province_and_export(page, voila, screenshots):
    home_code = "01"  # the notebooks' default province
    before_expected = expected_eligible(home_code)
    after_expected = expected_eligible(home_code, {SHARE_KEY: NEW_SHARE})
    assert before_expected != after_expected  # the fixture data must make the change visible

    page.set_viewport_size({"width": 1280, "height": 1500})  # the whole panel on one screen
    # the list of workbooks (folder mode, as `make app`)
    page.goto(voila + "/")
    page.get_by_text("02_pilots.ipynb").first.wait_for()
    names = page.inner_text("body")
    assert "03_budget.ipynb" in names and "05_data.ipynb" not in names and "_build" not in names
    page.screenshot(path=str(screenshots / "app_home.png"))

    start = time.perf_counter()
    page.goto(voila + "/voila/render/02_pilots.ipynb", timeout=RENDER_TIMEOUT_MS)
    status = page.locator(".widget-html", has_text=STATUS_TEXT).first
    status.wait_for(timeout=RENDER_TIMEOUT_MS)
    print(f"02 rendered with widgets in {time.perf_counter() - start:.1f} s")
    assert page.get_by_text("Chọn xã xây dựng mô hình thí điểm").first.is_visible()
    assert "import " not in page.inner_text("body")  # code hidden
    assert _count(status.inner_text()) == before_expected
    assert broken_images(page) == []

    panel = page.locator(
        ".widget-vbox", has=page.get_by_role("button", name="Xuất Excel / Export to Excel")
    ).first
    panel.scroll_into_view_if_needed()
    picker = page.locator(".widget-dropdown", has_text="Tỉnh/thành phố").locator("select")
    assert picker.input_value() is not None
    page.get_by_text("Ngưỡng điều kiện").first.click()  # open the thresholds section
    readout = page.locator(".widget-slider", has_text=SHARE_LABEL).locator(".widget-readout")
    readout.wait_for()
    chart = panel.locator(".widget-output img").first
    chart_before = chart.get_attribute("src")
    panel.screenshot(path=str(screenshots / "app_before.png"))

    # move the control: type the new threshold into the slider's readout, as a planner can
    start = time.perf_counter()
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(f"{NEW_SHARE:.2f}")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "([sel, n]) => Array.from(document.querySelectorAll(sel)).some(e => e.innerText.includes(n))",
        arg=[".widget-html", f"{after_expected} {STATUS_TEXT}"],
        timeout=UPDATE_TIMEOUT_MS,
    )
    print(
        f"threshold change shown in the browser after {1000 * (time.perf_counter() - start):.0f} ms"
    )
    assert _count(status.inner_text()) == after_expected
    print(status.inner_text())
    wait_changed(
        lambda: chart.get_attribute("src"), chart_before
    )  # the funnel was redrawn in place
    print(f"funnel redrawn after {1000 * (time.perf_counter() - start):.0f} ms")
    panel.screenshot(path=str(screenshots / "app_after.png"))

    # another province, in place (same page)
    other = "24"
    other_expected = expected_eligible(other)
    start = time.perf_counter()
    picker.select_option(label=f"Tỉnh Bắc Ninh ({other})")
    page.get_by_text("Đang xem / showing: Tỉnh Bắc Ninh", exact=False).first.wait_for(
        timeout=UPDATE_TIMEOUT_MS
    )
    page.wait_for_function(
        "([sel, n]) => Array.from(document.querySelectorAll(sel)).some(e => e.innerText.includes(n))",
        arg=[".widget-html", f"{other_expected} {STATUS_TEXT}"],
        timeout=UPDATE_TIMEOUT_MS,
    )
    print(f"province switch shown after {1000 * (time.perf_counter() - start):.0f} ms")
    assert _count(status.inner_text()) == other_expected  # the rebuilt panel's status
    print(page.locator(".widget-html", has_text="Đang xem / showing").first.inner_text())
    assert page.get_by_text(
        "Chọn xã xây dựng mô hình thí điểm"
    ).first.is_visible()  # no page reload

    # export the current choice
    target = paths.OUTPUTS_DIR / units.province_dir_name(other) / "lua_chon_02_pilots.xlsx"
    target.unlink(missing_ok=True)
    page.get_by_role("button", name="Xuất Excel / Export to Excel").click()
    link = page.locator("a.ntm-download")
    link.wait_for(timeout=UPDATE_TIMEOUT_MS)
    assert link.get_attribute("download") == "lua_chon_02_pilots.xlsx"
    assert target.is_file()
    panel.screenshot(path=str(screenshots / "app_province_export.png"))


def test_app_budget_controls_update_in_place(page, voila, screenshots):
    page.set_viewport_size({"width": 1280, "height": 1500})
    start = time.perf_counter()
    page.goto(voila + "/voila/render/03_budget.ipynb", timeout=RENDER_TIMEOUT_MS)
    panel = page.locator(
        ".widget-vbox", has=page.get_by_role("button", name="Xuất Excel / Export to Excel")
    ).first
    panel.wait_for(timeout=RENDER_TIMEOUT_MS)
    total = panel.locator("p", has_text="Tổng nhu cầu:").first
    total.wait_for(timeout=UPDATE_TIMEOUT_MS)
    print(f"03 rendered with widgets in {time.perf_counter() - start:.1f} s")
    assert "import " not in page.inner_text("body")  # code hidden
    assert broken_images(page) == []
    panel.scroll_into_view_if_needed()
    before = total.inner_text()
    readout = panel.locator(".widget-slider", has_text="Số xã thông minh").locator(
        ".widget-readout"
    )
    smart = int(readout.inner_text())
    start = time.perf_counter()
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(str(smart + 2))  # two more smart-commune pilots cost more
    page.keyboard.press("Enter")
    after = wait_changed(total.inner_text, before)
    print(
        f"budget change shown after {1000 * (time.perf_counter() - start):.0f} ms: {before!r} -> {after!r}"
    )
    amount = re.compile(r"Tổng nhu cầu:\s*([\d .,]+)")
    assert amount.search(before) and amount.search(after)
    panel.screenshot(path=str(screenshots / "app_budget.png"))
