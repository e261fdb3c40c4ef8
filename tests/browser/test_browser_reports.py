"""The HTML reports as a reviewer sees them: opened from disk in Chromium, followed link by link.

Runs ``ntmplan run --province 24 --notebooks 01,02`` into a temporary folder, then opens its
``index.html``, the province page and the 01/02 reports (file:// URLs) and checks that the
key Vietnamese texts are visible, drawn with a font that has Vietnamese letters, and that no
image is broken. Screenshots go to ``outputs/screenshots/``.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from ntmplan.core import paths

from .browser_helpers import broken_images, fonts_rendering

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Images of the planner's guide (docs/huong_dan) that this test takes again on every run.
GUIDE_IMAGES = paths.ROOT / "docs" / "screenshots"

PROVINCE_DIR = "24-bac-ninh"
#: Key texts a reviewer must see (all Vietnamese, with tone marks).
KEY_TEXTS = {
    "index.html": ["Kế hoạch chuyển đổi số trong xây dựng nông thôn mới", "Tỉnh Bắc Ninh"],
    f"{PROVINCE_DIR}/index.html": ["Tỉnh Bắc Ninh (24)", "02 Thí điểm / Pilots"],
    f"{PROVINCE_DIR}/01_status.html": [
        "Đánh giá hiện trạng chuyển đổi số trong xây dựng nông thôn mới",
        "Dữ liệu minh họa",
    ],
    f"{PROVINCE_DIR}/02_pilots.html": [
        "Chọn xã xây dựng mô hình thí điểm",
        "Phễu điều kiện",
        "Xã được chọn",
        "Dữ liệu minh họa",
    ],
}


@pytest.fixture(scope="module")
def run_out(tmp_path_factory, browser):
    """Outputs of one batch run for Bắc Ninh (01 and 02), made with the command line."""
    out = tmp_path_factory.mktemp("reports")
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ntmplan",
            "run",
            "--province",
            "24",
            "--notebooks",
            "01,02",
            "--out",
            str(out),
            "--quiet",
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    print(f"ntmplan run 24 (01,02): {time.perf_counter() - start:.1f} s")
    return out


def _check_page(page, vietnamese_fonts, texts: list[str]) -> None:
    for text in texts:
        assert page.get_by_text(text, exact=False).first.is_visible(), text
    assert broken_images(page) == []
    drawn = fonts_rendering(page, "h1")
    assert drawn, "no font drew the title"
    if vietnamese_fonts is not None:
        # every font that drew the title has the letter ệ: no missing-glyph boxes
        assert set(drawn) <= vietnamese_fonts, drawn


def test_index_and_province_reports_render_from_disk(page, run_out, screenshots, vietnamese_fonts):
    index = run_out / "index.html"
    page.goto(index.as_uri())
    _check_page(page, vietnamese_fonts, KEY_TEXTS["index.html"])
    page.screenshot(path=str(screenshots / "index.png"), full_page=True)
    page.screenshot(path=str(GUIDE_IMAGES / "huong_dan_index.png"))  # the planner's guide shows it

    page.get_by_role("link", name="Hướng dẫn sử dụng").click()  # the guide, from the index
    page.wait_for_url("**/huong_dan/index.html")
    _check_page(page, vietnamese_fonts, ["Hướng dẫn sử dụng ntmplan", "Biểu mẫu gửi xã và thu về"])
    page.goto(index.as_uri())

    page.get_by_role("link", name="Tỉnh Bắc Ninh").click()  # as a reviewer would
    page.wait_for_url("**/24-bac-ninh/index.html")
    _check_page(page, vietnamese_fonts, KEY_TEXTS[f"{PROVINCE_DIR}/index.html"])
    page.screenshot(path=str(screenshots / "province_index.png"), full_page=True)

    for name, link in (
        ("01_status", "01 Hiện trạng / Status"),
        ("02_pilots", "02 Thí điểm / Pilots"),
    ):
        page.goto((run_out / PROVINCE_DIR / "index.html").as_uri())
        page.get_by_role("link", name=link).click()
        page.wait_for_url(f"**/{name}.html")
        page.wait_for_load_state("load")
        n_images = page.evaluate("() => document.images.length")
        assert n_images >= 1, f"{name}: no chart"
        _check_page(page, vietnamese_fonts, KEY_TEXTS[f"{PROVINCE_DIR}/{name}.html"])
        assert "from ntmplan" not in page.inner_text("body")  # code hidden
        page.screenshot(path=str(screenshots / f"report_{name}.png"))  # first screen, as opened
        if name == "02_pilots":
            page.screenshot(path=str(GUIDE_IMAGES / "huong_dan_02_pilots.png"))
        page.screenshot(path=str(screenshots / f"report_{name}_full.png"), full_page=True)
        if name == "02_pilots":  # the funnel chart as a reviewer scrolls to it (README image)
            heading = page.get_by_role("heading", name="2. Phễu điều kiện")
            heading.evaluate("h => { h.scrollIntoView(); window.scrollBy(0, -24); }")
            page.screenshot(path=str(screenshots / "report_02_pilots_funnel.png"))
    assert all(not u.startswith(("http://127.", "file:")) for u in page.blocked_requests)
