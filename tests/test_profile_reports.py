"""Each programme profile's reports speak of their own phase only (a real run of 01 and 06).

The default 2021–2025 profile: no 2030 target anywhere in the HTML reports or the Word plan.
The 2026–2030 profile: its 2030 targets, commune groups, the line naming the values pending
Decision 51/2025/QĐ-TTg's appendices, and no Decision 924 target. Both: Decision
06/QĐ-BCĐTW-VPĐP in the plan's legal basis and only the bodies after the 2025 reorganisation.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from ntmplan.batch import runner

#: A small province (Lai Châu, 38 units) keeps the runs short.
PROVINCE = "12"
NOTEBOOKS = ["01_status", "06_plan"]
#: Bodies that no longer exist after 1 July 2025.
OLD_BODIES = ("Ủy ban nhân dân các huyện", "UBND các huyện", "Sở Thông tin và Truyền thông")


def html_text(path: Path) -> str:
    """The visible text of an HTML report (no scripts, styles, images)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<script.*?</script>|<style.*?</style>|<svg.*?</svg>", " ", text, flags=re.S)
    text = re.sub(r"data:image[^\"' ]+", " ", text)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def docx_text(path: Path) -> str:
    """Every paragraph and table cell of a Word document."""
    import docx

    doc = docx.Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return " ".join([p.text for p in doc.paragraphs] + cells)


def run(tmp_path: Path, profile: str) -> dict[str, str]:
    results = runner.run([PROVINCE], NOTEBOOKS, out_root=tmp_path, progress=False, profile=profile)
    assert {r.status for r in results} == {"ok"}, [(r.notebook, r.error) for r in results]
    folder = next(tmp_path.glob(f"{PROVINCE}-*"))
    texts = {nb: html_text(folder / f"{nb}.html") for nb in NOTEBOOKS}
    texts["docx"] = docx_text(next(folder.glob("ke_hoach_*.docx")))
    return texts


@pytest.mark.slow
def test_the_default_profile_never_names_the_2030_targets(tmp_path):
    texts = run(tmp_path, "")
    for name, text in texts.items():
        assert "2030" not in text, name
        assert "mục tiêu đến năm 2025" in texts["01_status"]
        for body in OLD_BODIES:
            assert body not in text, (name, body)
    assert "06/QĐ-BCĐTW-VPĐP" in texts["docx"]
    assert "Giai đoạn (hồ sơ chương trình):** 2021–2025" not in texts["01_status"]  # rendered bold
    assert "Giai đoạn (hồ sơ chương trình): 2021–2025" in texts["01_status"]


@pytest.mark.slow
def test_the_2030_profile_reports_its_own_targets_groups_and_pending_values(tmp_path):
    texts = run(tmp_path, "2026_2030")
    status = texts["01_status"]
    assert "Giai đoạn (hồ sơ chương trình): 2026–2030" in status
    assert "mục tiêu đến năm 2030" in status and "Tỷ lệ xã đạt chuẩn nông thôn mới" in status
    assert "Số xã theo nhóm xã" in status and "Nhóm 3" in status
    assert "Giá trị giả định, chờ thay bằng văn bản chính thức" in status
    assert "Phụ lục I, tiêu chí 7" in status and "Phụ lục III" in status
    assert "Giá trị giả định, chờ thay bằng văn bản chính thức" in texts["06_plan"]
    for name, text in texts.items():
        assert "mục tiêu đến năm 2025" not in text, name
        for body in OLD_BODIES:
            assert body not in text, (name, body)
    assert "06/QĐ-BCĐTW-VPĐP" in texts["docx"] and "257/2025/QH15" in texts["docx"]
    assert "Điều kiện tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới" in texts["docx"]
