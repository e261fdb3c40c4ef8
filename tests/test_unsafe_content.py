"""Unsafe content: nothing a user supplied is run — in a browser, in Excel, or on disk.

- Commune names and params text holding HTML/script appear escaped in every HTML
  report (real notebook runs of 01 and 02) and index page.
- Text cells starting with ``= + - @`` are neutralised in CSV and XLSX exports
  (spreadsheet formula injection).
- Output paths are built only from validated codes, never from raw user text.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from ntmplan import cli
from ntmplan.batch import index_pages as report
from ntmplan.batch import runner
from ntmplan.core.errors import InputError
from ntmplan.core.writers import FORMULA_TRIGGERS, write_csv, write_excel
from ntmplan.notebook import context as workbook
from ntmplan.survey import units
from ntmplan.survey.loading import load_survey
from ntmplan.tasks import budget, datashare

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "data" / "sample" / "khao_sat_2025_du_lieu_minh_hoa.csv"
CORPUS = Path(__file__).parent / "data" / "bad"

SCRIPT = "<script>alert(1)</script>"
#: Raw markup that must never reach a page (escaped forms are fine).
LIVE = re.compile(
    r"<script>alert|<img src=x onerror|<b>bấm</b>|(?:href|src)=[\"']?\s*javascript:", re.IGNORECASE
)


def hostile_name(code: str) -> str:
    """A commune name that is at once a formula, HTML markup and a Markdown link."""
    return f'=HYPERLINK("http://x.invalid","<b>bấm</b>") <script>alert("{code}")</script> [xem](javascript:alert("{code}"))'


def assert_no_live_markup(text: str) -> None:
    found = LIVE.findall(text)
    assert found == [], found


def assert_no_formula_cells(path: Path) -> list[str]:
    """No formula cell in a workbook, and no text cell a spreadsheet would run; returns the texts."""
    wb = openpyxl.load_workbook(path)
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_TRIGGERS), (
                        ws.title,
                        cell.coordinate,
                        cell.value,
                    )
                    texts.append(cell.value)
    return texts


# ---------------------------------------------------------------- index pages


class TestIndexPages:
    def test_errors_names_and_figures_are_escaped(self, tmp_path):
        folder = tmp_path / units.province_dir_name("04")
        folder.mkdir()
        (folder / "summary.json").write_text(
            '{"02_pilots": {"chosen": {"smart_commune": [{"commune_name": "'
            + SCRIPT.replace('"', '\\"')
            + '"}]},'
            ' "eligible_count": {"smart_commune": "<img src=x onerror=alert(2)>"}}}',
            encoding="utf-8",
        )
        (folder / 'x"><img src=x onerror=alert(3)>.xlsx').write_bytes(
            b""
        )  # an export with a hostile name
        (folder / ".cache").mkdir()
        (folder / ".cache" / "02_pilots.json").write_text(  # listed: its run succeeded
            json.dumps({"key": "k", "outputs": ['x"><img src=x onerror=alert(3)>.xlsx']}),
            encoding="utf-8",
        )
        results = [
            runner.RunResult(
                "01_status", "04", "failed", 1.0, str(folder), error=f"ValueError: {SCRIPT}"
            ),
            runner.RunResult(
                "02_pilots", "04", "ok", 1.0, str(folder), html=str(folder / "02_pilots.html")
            ),
        ]
        national = report.write_index(tmp_path, results)
        pages = [
            national.read_text(encoding="utf-8"),
            (folder / "index.html").read_text(encoding="utf-8"),
        ]
        for page in pages:
            assert_no_live_markup(page)
            assert "<script" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0]  # chosen commune, shown as text
        assert "&lt;img src=x onerror=alert(2)&gt;" in pages[0]
        assert "ValueError: &lt;script&gt;" in pages[1]  # the failure reason, shown as text
        assert "x&quot;&gt;&lt;img src=x onerror=alert(3)&gt;.xlsx" in pages[1]


# ---------------------------------------------------------------- HTML export of a notebook


class TestHtmlExport:
    """``runner.export_html`` on an executed notebook whose outputs carry hostile text (fast)."""

    def test_markdown_and_table_outputs_show_text_never_markup(self, tmp_path):
        import nbformat
        from nbformat.v4 import new_code_cell, new_notebook, new_output

        name = f"Xã {SCRIPT} <img src=x onerror=alert(2)> [bấm](javascript:alert(3)) [b](JaVa&#x09;Script:alert(4))"
        table = pd.DataFrame({"commune_name": [name]}).to_html()
        cell = new_code_cell("x")
        cell.outputs = [
            new_output(
                "display_data",
                data={"text/markdown": f"> Xã được chọn: **{name}**", "text/plain": "x"},
            ),
            new_output("display_data", data={"text/html": table, "text/plain": "x"}),
            new_output(
                "display_data",
                data={"text/markdown": "[pilots.xlsx](pilots.xlsx)", "text/plain": "x"},
            ),
        ]
        nb = new_notebook(cells=[cell])
        nbformat.write(nb, str(tmp_path / "r.ipynb"))
        page = runner.export_html(tmp_path / "r.ipynb", tmp_path / "r.html").read_text(
            encoding="utf-8"
        )
        assert_no_live_markup(page)
        # no link runs script (a percent-encoded "JaVa%09Script:" is a harmless relative link)
        assert not re.search(r"""(?:href|src)=["']?\s*(?:java|vb)script:""", page, re.IGNORECASE)
        assert '<a href="#">bấm</a>' in page
        assert "Xã &lt;script&gt;alert(1)&lt;/script&gt;" in page  # the name, readable as text
        assert '<a href="pilots.xlsx">pilots.xlsx</a>' in page  # ordinary links still work

    def test_disarm_urls(self):
        page = (
            '<a href="javascript:alert(1)">a</a><a href=" JAVA\tSCRIPT:x">b</a><a href="vbscript:x">c</a>'
            '<a href="data:text/html,x">d</a><img src="data:image/png;base64,AAAA"/>'
            '<a href="https://example.org/a:b">e</a><a href="pilots.xlsx">f</a>'
        )
        assert runner.disarm_urls(page) == (
            '<a href="#">a</a><a href="#">b</a><a href="#">c</a>'
            '<a href="#">d</a><img src="data:image/png;base64,AAAA"/>'
            '<a href="https://example.org/a:b">e</a><a href="pilots.xlsx">f</a>'
        )


# ---------------------------------------------------------------- real notebook reports


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """Run 01 and 02 for Cao Bằng on a survey whose every commune name is a formula with markup,
    with a params file whose pilot label holds a script and under which no commune is eligible
    (so 02 writes commune names into its Markdown statement)."""
    base = tmp_path_factory.mktemp("hostile")
    with open(SAMPLE, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], [r for r in rows[1:] if r[0] == "04"]
    name = header.index("commune_name")
    for r in body:
        r[name] = hostile_name(r[1])
    data = base / "khao_sat_cao_bang.csv"
    with open(data, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *body])
    params = base / "tham_so.yaml"
    params.write_text(
        "pilots:\n"
        "  thresholds:\n"
        "    digital_providers_min: 1000\n"
        "  types:\n"
        "    smart_commune:\n"
        "      label_vi: \"Xã thông minh <script>alert('params')</script>\"\n",
        encoding="utf-8",
    )
    out = base / "out"
    code = cli.main(
        [
            "run",
            "--province",
            "04",
            "--notebooks",
            "01,02",
            "--data",
            str(data),
            "--params",
            str(params),
        ]
        + ["--out", str(out), "--jobs", "2", "--quiet"]
    )
    return code, out


@pytest.mark.slow
class TestNotebookReports:
    def test_runs_succeed(self, hostile_run):
        code, out = hostile_run
        log = (out / "run_log.json").read_text(encoding="utf-8")
        assert code == 0, log

    def test_html_reports_show_names_and_params_as_text(self, hostile_run):
        _code, out = hostile_run
        folder = out / "04-cao-bang"
        html01 = (folder / "01_status.html").read_text(encoding="utf-8")
        html02 = (folder / "02_pilots.html").read_text(encoding="utf-8")
        for page in (html01, html02):
            assert_no_live_markup(page)
            assert (
                'HYPERLINK("http://x.invalid","&lt;b&gt;bấm&lt;/b&gt;")' in page
            )  # names in tables, as text
        assert '&lt;script&gt;alert("01' in html02
        # 02's Markdown statement names the cheapest commune (markup shown as text, link disarmed) …
        statement = re.search(r"lộ trình chi phí thấp nhất: (.{0,400})", html02).group(1)
        assert "&lt;script&gt;alert(" in statement and 'href="#"' in statement
        # … and the pilot label from the params file is shown as text wherever it appears
        assert "Xã thông minh &lt;script&gt;alert('params')&lt;/script&gt;" in html02

    def test_index_pages_escape_names(self, hostile_run):
        _code, out = hostile_run
        for page in (out / "index.html", out / "04-cao-bang" / "index.html"):
            assert_no_live_markup(page.read_text(encoding="utf-8"))

    def test_excel_exports_have_no_formulas(self, hostile_run):
        _code, out = hostile_run
        exports = sorted((out / "04-cao-bang").glob("*.xlsx"))
        assert {p.name for p in exports} >= {"01_status.xlsx", "pilots.xlsx"}
        for path in exports:
            texts = assert_no_formula_cells(path)
            if path.name == "01_status.xlsx":
                names = [t for t in texts if t.startswith("'=HYPERLINK(")]
                assert len(names) >= 53 and all(
                    t[1:] == hostile_name(t[-8:-3]) for t in names
                )  # kept in full

    def test_output_files_are_named_from_codes_only(self, hostile_run):
        _code, out = hostile_run
        safe = re.compile(r"^[A-Za-z0-9._\-]+$")
        for path in out.rglob("*"):
            assert path.resolve().is_relative_to(out.resolve())
            assert safe.match(path.name), path


# ---------------------------------------------------------------- CSV / XLSX exports


@pytest.fixture(scope="module")
def injected_survey() -> pd.DataFrame:
    """The corpus survey whose commune names start with = + - @."""
    return load_survey(CORPUS / "formula_injection.csv")


class TestFormulaInjection:
    def test_write_csv_neutralises_every_trigger(self, tmp_path, injected_survey):
        path = write_csv(tmp_path / "x.csv", injected_survey)
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert [r["commune_name"] for r in rows] == [
            "'" + '=HYPERLINK("http://example.invalid","Bấm vào đây")',
            "'+1+1",
            "'-2+3",
            "'@SUM(1,2)",
        ]
        assert rows[0]["households"] == "19764"  # numbers are left alone

    def test_write_excel_neutralises_every_trigger(self, tmp_path, injected_survey):
        path = write_excel(tmp_path / "x.xlsx", {"Xã": injected_survey})
        texts = assert_no_formula_cells(path)
        assert "'+1+1" in texts and "'@SUM(1,2)" in texts

    def test_sheet_names_and_headers_from_data_are_neutralised(self, tmp_path):
        frame = pd.DataFrame({"=cmd|' /C calc'!A0": ["-1+1"], "ok": [1]})
        path = write_excel(tmp_path / "x.xlsx", {"=SUM(1)": frame})
        assert_no_formula_cells(path)

    def test_export_package_csv(self, tmp_path, injected_survey):
        folder = datashare.export_package(injected_survey, tmp_path, "01-ha-noi", date="2025-07-01")
        data = next(folder.glob("khao_sat_*.csv")).read_text(encoding="utf-8")
        for line in data.splitlines()[1:]:
            for cell in next(csv.reader([line])):
                assert not cell.startswith(("=", "+", "@")) and not re.match(r"-\D", cell), cell
        assert "'=HYPERLINK" in data
        assert datashare.validate_package(folder)[0]

    def test_budget_workbook(self, tmp_path, injected_survey):
        result = budget.build({"survey": injected_survey})
        extra = {"Xã": injected_survey[["commune_code", "commune_name"]]}
        path = budget.write_xlsx(
            tmp_path / "budget.xlsx", budget.export_tables(result, extra=extra)
        )
        texts = assert_no_formula_cells(path)
        assert "'-2+3" in texts


# ---------------------------------------------------------------- paths


class TestOutputPathsFromValidatedCodes:
    @pytest.mark.parametrize(
        "text", ["../../etc", "01/../../x", "/tmp", "..", "01\x00", "<script>"]
    )
    def test_folder_name_refuses_raw_text(self, text):
        with pytest.raises(ValueError):
            units.province_dir_name(text)

    def test_tasks_use_the_code_folder(self, tmp_path):
        tasks = runner.build_tasks(["04"], ["01_status"], tmp_path)
        assert Path(tasks[0].out_dir) == tmp_path / "04-cao-bang"
        assert tasks[0].parameters["province"] == "04"

    @pytest.mark.parametrize("text", ["../../etc", "99", "<script>"])
    def test_notebook_context_refuses_unknown_province_before_writing(self, tmp_path, text):
        with pytest.raises(InputError):
            workbook.open_workbook("01_status", text, "", "", str(tmp_path / "out"))
        assert not (tmp_path / "out").exists()

    def test_province_given_by_name_gets_the_code_folder(self, tmp_path):
        codes = cli.resolve_provinces(["Cao Bằng"], False)
        assert codes == ["04"]
        assert (
            Path(runner.build_tasks(codes, ["01_status"], tmp_path)[0].out_dir).name
            == "04-cao-bang"
        )

    def test_export_label_is_slugged(self, tmp_path, injected_survey):
        folder = datashare.export_package(
            injected_survey, tmp_path / "out", "../../<b>x</b>", date="2025-07-01"
        )
        assert folder.resolve().is_relative_to((tmp_path / "out").resolve())
        assert all(re.match(r"^[A-Za-z0-9._\-]+$", p.name) for p in folder.iterdir())
