"""The plan's body (before "Phụ lục I") fits 15 A4 pages: converted with LibreOffice.

Skipped, with the reason, when ``soffice`` or ``pdftotext`` is missing. Two provinces: a
large one (38 Thanh Hóa, 166 units) and the smallest (12 Lai Châu, 38 units).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from ntmplan.core.params import load_params
from ntmplan.tasks import plan
from ntmplan.tasks.plan import docx as docx_export
from tests.tasks.plan.fixtures import ALL

MAX_BODY_PAGES = 15

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) hoặc pdftotext chưa cài / not installed",
)


def _summaries(folder, code: str, name: str):
    folder.mkdir(parents=True, exist_ok=True)
    for nb, make in ALL.items():
        s = make()
        s.update(province_code=code, province_name=name)
        (folder / f"summary_{nb}.json").write_text(json.dumps(s, ensure_ascii=False), "utf-8")
    return plan.collect(folder)


def _pdf_pages(docx_path, tmp_path) -> list[str]:
    profile = tmp_path / "lo_profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / (docx_path.stem + ".pdf")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")


@pytest.mark.parametrize(("code", "name"), [("38", "Tỉnh Thanh Hóa"), ("12", "Tỉnh Lai Châu")])
def test_body_before_annex_i_fits_15_pages(tmp_path, code, name):
    p = load_params(code)
    collected = _summaries(tmp_path / "out", code, name)
    secs = plan.plan_sections(collected, p)
    path = docx_export.write_plan_docx(
        secs,
        tmp_path / docx_export.docx_file_name(code),
        params=p,
        province_code=code,
        collected=collected,
        notice=plan.ILLUSTRATIVE_TEXT,
    )
    pages = _pdf_pages(path, tmp_path)
    first = next(i for i, page in enumerate(pages) if re.search(r"^Phụ lục I$", page, re.M))
    assert 1 <= first <= MAX_BODY_PAGES  # pages before the one where Phụ lục I starts
    assert "KẾ HOẠCH" in pages[0] and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0]
    assert "Nơi nhận:" in "".join(pages[:first])
    assert re.match(r"\s*2\s", pages[1])  # page number at the top from page 2
