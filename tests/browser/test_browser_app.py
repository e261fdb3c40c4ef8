"""The no-code app (``make app``) as a planner uses it: Voilà in Chromium, from the front door.

Starts the app's server exactly as ``make app`` does (preheated kernels, 127.0.0.1, a free port)
with a data folder holding a survey the test provides (the bundled one with one commune
renamed, so the page shows which file it uses). The test opens the landing page, chooses
Bắc Ninh and that survey, opens 02 with one click, raises a threshold, switches to Hà Nội and
checks that every section shows Hà Nội and the raised threshold is kept, exports, and prints the
timings (click → usable page, control → visible change, province switch). Screenshots of the
landing page and of 02 go to ``docs/screenshots/`` (regenerated here). Every wait is bounded; the
server is stopped in a ``finally`` block.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import warnings

import pandas as pd
import pytest

from ntmplan import app
from ntmplan.core import paths
from ntmplan.notebook import app_mode
from ntmplan.notebook import context as workbook
from ntmplan.survey import units
from ntmplan.tasks import pilots

from .browser_helpers import broken_images

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHARE_LABEL = "Hộ có Internet + thiết bị (tỷ lệ)"
SHARE_KEY = "thresholds.households_internet_smart_share"
NEW_SHARE = 1.0  # every household connected: far fewer communes pass
STATUS_TEXT = "xã đủ điều kiện · tính lại"
SURVEY_NAME = "khao_sat_tinh_thu.csv"
RENAMED = "Xã Thử Nghiệm Riêng"
HOME, OTHER = "24", "01"
SERVER_TIMEOUT_S = 120
RENDER_TIMEOUT_MS = 300_000  # a page without a preheated kernel executes the whole notebook
UPDATE_TIMEOUT_MS = 60_000
#: Time the planner spends on the front door before clicking (the choice's pages preheat).
PREHEAT_WAIT_S = 30
DOCS_SHOTS = paths.ROOT / "docs" / "screenshots"


def expected_eligible(code: str, data_file: str = "", overrides: dict | None = None) -> int:
    """Eligible smart communes of a province per the library (what the panel must show)."""
    ctx = workbook.open_workbook("02_pilots", code, "", data_file, "")
    params = pilots.with_overrides(ctx.params, overrides or {})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return int(pilots.check_eligibility(ctx.survey, params, "smart_commune")["eligible"].sum())


def _count(text: str) -> int:
    match = re.search(r"(\d+)\s+xã đủ điều kiện", text)
    assert match, text
    return int(match.group(1))


def _wait_text(page, selector: str, text: str, timeout_ms: int = UPDATE_TIMEOUT_MS) -> None:
    page.wait_for_function(
        "([sel, n]) => Array.from(document.querySelectorAll(sel)).some(e => e.innerText.includes(n))",
        arg=[selector, text],
        timeout=timeout_ms,
    )


def _page_text(page) -> str:
    """What the page shows, without the options of drop-down lists (they name every province)."""
    return page.evaluate(
        "() => { const c = document.body.cloneNode(true);"
        " c.querySelectorAll('select').forEach(s => s.remove()); return c.innerText; }"
    )


@pytest.fixture(scope="module")
def data_folder(tmp_path_factory):
    """The planner's data folder: the bundled survey with Bắc Ninh's communes renamed."""
    folder = tmp_path_factory.mktemp("du_lieu")
    survey = pd.read_csv(paths.SAMPLE_SURVEY, dtype=str, keep_default_na=False)
    home = survey.index[survey["province_code"] == HOME]  # every row the page may show is ours
    survey.loc[home, "commune_name"] = [f"{RENAMED} {i}" for i in range(1, len(home) + 1)]
    survey.to_csv(folder / SURVEY_NAME, index=False)
    return folder


@pytest.fixture(scope="module")
def voila(tmp_path_factory, browser, data_folder):
    """The app served as by ``make app``; yields its base URL and stops it afterwards."""
    port = app.free_port()
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    old = os.environ.get(app_mode.DATA_DIR_ENV)
    os.environ[app_mode.DATA_DIR_ENV] = str(data_folder)
    try:
        proc = app.start_server(app.voila_command(port=port), log_file=log)
    finally:
        if old is None:
            os.environ.pop(app_mode.DATA_DIR_ENV)
        else:
            os.environ[app_mode.DATA_DIR_ENV] = old
    try:
        waited = app.wait_for_http(
            f"http://{app.HOST}:{port}/", timeout=SERVER_TIMEOUT_S, proc=proc
        )
        print(f"app ready in {waited:.1f} s")
        yield f"http://{app.HOST}:{port}"
    finally:
        app.stop_server(proc)
        print(log.read_text(encoding="utf-8", errors="replace")[-1500:])


def test_front_door_02_threshold_province_switch_and_export(page, voila, data_folder, screenshots):
    data_file = str(data_folder / SURVEY_NAME)
    share = {SHARE_KEY: NEW_SHARE}
    home_after = expected_eligible(HOME, data_file, share)
    home_before = expected_eligible(HOME, data_file)
    other_after = expected_eligible(OTHER, data_file, share)
    assert home_before != home_after  # the fixture data must make the change visible
    page.set_viewport_size({"width": 1280, "height": 1000})

    # the front door: Vietnamese, one card per workbook, the bundled data labelled illustrative
    page.goto(voila + "/")
    assert page.get_by_role("heading", name="Kế hoạch chuyển đổi số").first.is_visible()
    assert page.locator("a.card").count() == 4
    assert page.locator(".warn", has_text="Dữ liệu minh họa").is_visible()
    # choose Bắc Ninh and the province's own survey
    page.select_option(f"select[name={app_mode.QUERY_KEYS['province']}]", HOME)
    page.select_option(f"select[name={app_mode.QUERY_KEYS['data']}]", SURVEY_NAME)
    page.get_by_role("button", name="Áp dụng / apply").click()
    page.wait_for_url(voila + "/")
    in_use = page.locator("#dang-dung").inner_text()
    assert "Tỉnh Bắc Ninh (24)" in in_use and f"{SURVEY_NAME} (dữ liệu của tỉnh)" in in_use
    assert page.locator(".warn").count() == 0  # not illustrative: no banner
    DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_SHOTS / "app_landing.png"), full_page=True)
    time.sleep(PREHEAT_WAIT_S)

    # one click opens 02 for that choice
    start = time.perf_counter()
    page.locator('a.card[data-notebook="02_pilots"]').click()
    status = page.locator(".widget-html", has_text=STATUS_TEXT).first
    status.wait_for(timeout=RENDER_TIMEOUT_MS)
    opened_s = time.perf_counter() - start
    print(f"click on the 02 card -> page usable (controls live): {opened_s:.2f} s")
    body = page.inner_text("body")
    assert "import " not in body  # code hidden
    assert f"{SURVEY_NAME} (dữ liệu của tỉnh)" in body and RENAMED in body
    assert "Dữ liệu minh họa" not in body  # the banner only on illustrative data
    assert _count(status.inner_text()) == home_before
    assert broken_images(page) == []
    panel = page.locator(".ntm-controls").first
    first_section = page.get_by_role("heading", name="1. Điều kiện của Hướng dẫn").first
    assert panel.bounding_box()["y"] < first_section.bounding_box()["y"]  # controls first
    kind = panel.locator(".widget-dropdown", has_text="Loại mô hình").locator("select")
    assert kind.evaluate("s => s.scrollWidth <= s.clientWidth")  # the type name is not cut
    readout = page.locator(".widget-slider", has_text=SHARE_LABEL).locator(".widget-readout")
    readout.wait_for()  # the thresholds are open, no click needed
    weight = page.locator(".widget-slider", has_text="Trọng số: hộ kết nối")
    assert "(0–5)" in weight.inner_text() and "(0–1)" not in weight.inner_text()
    page.screenshot(path=str(DOCS_SHOTS / "app_02.png"))

    # move a control: type the new threshold into the slider's readout, as a planner can
    chart = panel.locator(".ntm-funnel").first  # the funnel: an HTML bar chart, no image
    chart_before = chart.inner_html()
    start = time.perf_counter()
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(f"{NEW_SHARE:.2f}")
    page.keyboard.press("Enter")
    _wait_text(page, ".widget-html", f"{home_after} {STATUS_TEXT}")
    changed_ms = 1000 * (time.perf_counter() - start)
    page.wait_for_function(  # the funnel is redrawn in place (new bars in its widget)
        "([sel, old]) => { const f = document.querySelector(sel); return f && f.innerHTML !== old; }",
        arg=[".ntm-controls .ntm-funnel", chart_before],
        timeout=UPDATE_TIMEOUT_MS,
    )
    redrawn_ms = 1000 * (time.perf_counter() - start)
    print(f"threshold change: count shown {changed_ms:.0f} ms, funnel redrawn {redrawn_ms:.0f} ms")
    panel.screenshot(path=str(screenshots / "app_02_after.png"))

    # another province: the whole page follows it, the threshold is kept
    start = time.perf_counter()
    picker = panel.locator(".widget-dropdown", has_text="Tỉnh/thành phố").locator("select")
    picker.select_option(label="Thành phố Hà Nội (01)")
    page.wait_for_url(re.compile(r".*tinh=01.*"), timeout=UPDATE_TIMEOUT_MS)
    _wait_text(page, ".widget-html", f"{other_after} {STATUS_TEXT}", RENDER_TIMEOUT_MS)
    switched_s = time.perf_counter() - start
    print(f"province switch (new page, settings kept): {switched_s:.2f} s")
    body = _page_text(page)
    assert "Thành phố Hà Nội" in body and "Bắc Ninh" not in body  # every section: Hà Nội
    assert f"{SURVEY_NAME} (dữ liệu của tỉnh)" in body
    readout = page.locator(".widget-slider", has_text=SHARE_LABEL).locator(".widget-readout")
    assert readout.inner_text() == f"{NEW_SHARE:.2f}"
    status = page.locator(".widget-html", has_text=STATUS_TEXT).first
    assert _count(status.inner_text()) == other_after
    page.screenshot(path=str(screenshots / "app_02_switched.png"))

    # export what is on screen
    root = app_mode.output_root(SURVEY_NAME) / units.province_dir_name(OTHER)
    target = root / "lua_chon_02_pilots.xlsx"
    target.unlink(missing_ok=True)
    page.get_by_role("button", name="Xuất Excel / Export to Excel").click()
    link = page.locator("a.ntm-download")
    link.wait_for(timeout=UPDATE_TIMEOUT_MS)
    assert link.get_attribute("download") == "lua_chon_02_pilots.xlsx" and target.is_file()
    choice = pd.read_excel(target, sheet_name="Lựa chọn", header=None).iloc[:, :2]
    values = dict(zip(choice.iloc[:, 0].astype(str), choice.iloc[:, 1], strict=True))
    assert values["Tỉnh/thành phố / province"] == "Thành phố Hà Nội (01)"
    assert float(values[SHARE_LABEL]) == NEW_SHARE
    print(
        f"timings: open {opened_s:.2f} s · control {changed_ms:.0f} ms (chart {redrawn_ms:.0f} ms)"
        f" · switch {switched_s:.2f} s"
    )
    shutil.rmtree(app_mode.output_root(SURVEY_NAME), ignore_errors=True)


def test_budget_controls_update_in_place(page, voila, screenshots):
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.goto(voila + "/?tinh=24")  # the bundled data for Bắc Ninh
    page.locator('a.card[data-notebook="03_budget"]').wait_for()
    start = time.perf_counter()
    page.locator('a.card[data-notebook="03_budget"]').click()
    panel = page.locator(".ntm-controls").first
    panel.wait_for(timeout=RENDER_TIMEOUT_MS)
    total = panel.locator("p", has_text="Tổng nhu cầu:").first
    total.wait_for(timeout=UPDATE_TIMEOUT_MS)
    print(f"03 rendered with widgets in {time.perf_counter() - start:.1f} s")
    body = page.inner_text("body")
    assert "import " not in body and "Tỉnh Bắc Ninh" in body and "Dữ liệu minh họa" in body
    assert broken_images(page) == []
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
    page.wait_for_function(  # the output is redrawn in place (a new paragraph)
        "old => Array.from(document.querySelectorAll('.ntm-controls p'))"
        ".some(p => p.innerText.includes('Tổng nhu cầu:') && p.innerText !== old)",
        arg=before,
        timeout=UPDATE_TIMEOUT_MS,
    )
    after = total.inner_text()
    print(f"budget change shown after {1000 * (time.perf_counter() - start):.0f} ms")
    amount = re.compile(r"Tổng nhu cầu:\s*([\d .,]+)")
    assert amount.search(before) and amount.search(after) and before != after
    panel.screenshot(path=str(screenshots / "app_budget.png"))
