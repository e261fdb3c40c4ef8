"""HTML index pages of a batch: the national table of provinces and each province's page.

Every piece of text that comes from data or params is escaped with
:func:`html.escape`; links are built only from validated codes and notebook ids.
The pages work opened straight from disk and on a phone (one small inline
stylesheet, no scripts, no external resources).
"""

from __future__ import annotations

import functools
import html
import json
from pathlib import Path

from ntmplan.batch.html_export import notebook_title as title
from ntmplan.core.catalogue import NATIONAL
from ntmplan.core.paths import NATIONAL_DIR

_CSS = """
body{font-family:"DejaVu Sans","Segoe UI",Arial,sans-serif;margin:1rem auto;max-width:70rem;padding:0 .8rem;color:#1a1a1a}
h1{font-size:1.5rem}h2{font-size:1.2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.35rem .4rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}td.num{text-align:right}
.wrap{overflow-x:auto}.ok{color:#1b7f3b}.failed{color:#b00020;font-weight:bold}.skipped{color:#666}
.notice{background:#fff6d6;border-left:4px solid #e0a800;padding:.5rem .8rem;margin:.8rem 0}
"""


def esc(value) -> str:
    """Escape any value for HTML text (None and NaN become an empty string).

    Parameters
    ----------
    value : object

    Returns
    -------
    str
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>\n{body}\n</body></html>\n"
    )


def _read_summary(folder: Path) -> dict:
    f = folder / "summary.json"
    if not f.is_file():
        return {}
    try:
        return json.loads(f.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, (int, float)):
        from ntmplan.core.fmt import number

        return number(value, digits)
    return esc(value)


def key_figures(summary: dict) -> dict:
    """Pick the key figures shown on index pages from a province's merged summary.

    Parameters
    ----------
    summary : dict
        The merged ``summary.json`` (one entry per notebook).

    Returns
    -------
    dict
        ``readiness``, ``eligible``, ``chosen``, ``budget_total_mvnd``, ``illustrative``
        (missing figures are None).
    """
    s01 = summary.get("01_status") or {}
    s02 = summary.get("02_pilots") or {}
    s03 = summary.get("03_budget") or {}
    eligible = s02.get("eligible_count")
    if isinstance(eligible, dict):
        eligible = eligible.get("smart_commune")
    chosen = s02.get("chosen")
    if isinstance(chosen, dict):
        chosen = chosen.get("smart_commune")
    if isinstance(chosen, list):
        chosen = ", ".join(
            str(c.get("commune_name", c)) if isinstance(c, dict) else str(c) for c in chosen
        )
    return {
        "readiness": s01.get("readiness_overall"),
        "eligible": eligible,
        "chosen": chosen,
        "budget_total_mvnd": s03.get("total_mvnd"),
        "illustrative": any(
            bool(v.get("illustrative")) for v in summary.values() if isinstance(v, dict)
        ),
        "profile": next(
            (
                str(v["profile"])
                for v in summary.values()
                if isinstance(v, dict) and isinstance(v.get("profile"), str)
            ),
            None,
        ),
    }


#: Folder of another programme phase's outputs under an outputs root (``giai_doan_2026_2030``).
PHASE_DIR_PREFIX = "giai_doan_"


@functools.lru_cache(maxsize=8)
def _phase_line(name: str) -> str:
    """ "2021–2025 — <programme name>" for a profile, read once per process (a batch writes an
    index page per province; resolving and checking the params each time took ≈ 3 s for 34)."""
    from ntmplan.core.params import load_params

    try:
        prog = load_params(profile=name)["programme"]
    except Exception:  # noqa: BLE001 - an unknown profile name is shown as written
        prog = {"start_year": name, "end_year": "", "name_vi": ""}
    years = f"{prog['start_year']}–{prog['end_year']}".strip("–")
    return f"{years} — {prog.get('name_vi', '')}".rstrip(" —")


def profile_html(profiles: set[str]) -> str:
    """Name the programme profile(s) of the listed reports (the phase and its programme).

    Parameters
    ----------
    profiles : set of str
        Profiles named by the summaries (e.g. ``{"2026_2030"}``).

    Returns
    -------
    str
        One HTML paragraph ("" when no profile is known).
    """
    parts = [_phase_line(name) for name in sorted(profiles)]
    if not parts:
        return ""
    return (
        '<p class="profile"><b>Giai đoạn (hồ sơ chương trình) / programme phase:</b> '
        f"{esc('; '.join(parts))}</p>"
    )


def phase_links(out_root: Path) -> str:
    """Link the indexes of the other programme phases' outputs.

    Parameters
    ----------
    out_root : Path
        The outputs root; its ``giai_doan_<profile>/index.html`` subfolders are other phases,
        and when it is itself such a folder, its parent's ``index.html`` is the default phase
        (linked even before that run has written it: ``make demo`` writes both).

    Returns
    -------
    str
        One HTML paragraph ("" when there is no other phase).
    """
    links = [
        (f"{d.name}/index.html", d.name.removeprefix(PHASE_DIR_PREFIX).replace("_", "–"))
        for d in sorted(out_root.glob(f"{PHASE_DIR_PREFIX}*"))
        if (d / "index.html").is_file()
    ]
    if out_root.name.startswith(PHASE_DIR_PREFIX):  # its parent holds the default phase
        links.append(("../index.html", "giai đoạn mặc định / default phase"))
    if not links:
        return ""
    items = " · ".join(f'<a href="{esc(h)}">{esc(t)}</a>' for h, t in links)
    return f'<p class="profile">Giai đoạn khác / other phases: {items}</p>'


def _status_cells(runs: dict[str, object], folder_href: str, notebooks: list[str]) -> str:
    cells = []
    for nb in notebooks:
        r = runs.get(nb)
        if r is None:
            cells.append('<td class="skipped">–</td>')
            continue
        status = getattr(r, "status", "")
        label = {"ok": "✓", "failed": "✗ lỗi", "skipped": "✓ (cache)"}.get(status, esc(status))
        link = (
            f"{folder_href}/{nb}.html"
            if getattr(r, "html", "")
            else (f"{folder_href}/{nb}.ipynb" if getattr(r, "ipynb", "") else "")
        )
        title = esc(getattr(r, "error", ""))
        inner = f'<a href="{esc(link)}" title="{title}">{label}</a>' if link else label
        cells.append(f'<td class="{esc(status)}">{inner}</td>')
    return "".join(cells)


def listed_exports(folder: Path) -> list[str]:
    """Return the exports of a province folder's successful runs (Excel first, then Word).

    Only files a run's success record lists are exports: what a failed, interrupted or
    killed run left (or an older run's file it superseded) is not listed.

    Parameters
    ----------
    folder : Path

    Returns
    -------
    list of str
        File names.
    """
    from ntmplan.batch.cache import recorded_outputs

    names = {n for found in recorded_outputs(folder).values() for n in found}
    return sorted(n for n in names if n.endswith(".xlsx")) + sorted(
        n for n in names if n.endswith(".docx")
    )


def write_province_index(folder: Path, province_code: str, province_name: str, runs: dict) -> Path:
    """Write ``<folder>/index.html`` linking the province's reports and exports.

    Parameters
    ----------
    folder : Path
    province_code, province_name : str
    runs : dict
        notebook id → RunResult.

    Returns
    -------
    Path
    """
    from ntmplan.core.writers import atomic_write_text

    items = []
    for nb in sorted(runs):
        r = runs[nb]
        target = f"{nb}.html" if r.html else f"{nb}.ipynb"
        err = f' — <span class="failed">{esc(r.error)}</span>' if r.status == "failed" else ""
        items.append(f'<li><a href="{esc(target)}">{esc(title(nb))}</a>{err}</li>')
    exports = listed_exports(folder)
    exp = "".join(f'<li><a href="{esc(n)}">{esc(n)}</a></li>' for n in exports)
    body = (
        f'<p><a href="../index.html">← Toàn quốc / National</a></p>'
        f"<h1>{esc(province_name)} ({esc(province_code)})</h1>"
        + profile_html(set(filter(None, [key_figures(_read_summary(folder))["profile"]])))
        + f"<h2>Báo cáo / Reports</h2><ul>{''.join(items)}</ul>"
        + (f"<h2>Tệp xuất / Exports</h2><ul>{exp}</ul>" if exp else "")
    )
    return atomic_write_text(folder / "index.html", _page(f"{province_name} — ntmplan", body))


def write_index(out_root: Path, results: list) -> Path:
    """Write ``outputs/index.html`` and each province's ``index.html``.

    Parameters
    ----------
    out_root : Path
        The outputs root.
    results : list of RunResult
        Runs of this batch (province folders of earlier runs are listed too,
        from their ``run_log.json`` entries when present).

    Returns
    -------
    Path
        The national index.
    """
    from ntmplan.batch.guide_pages import GUIDE_INDEX, write_guide
    from ntmplan.core.writers import atomic_write_text
    from ntmplan.survey import units

    out_root = Path(out_root)
    by_prov: dict[str, dict] = {}
    for r in results:
        by_prov.setdefault(r.province_code, {})[r.notebook] = r
    notebooks = sorted({r.notebook for r in results if r.notebook != NATIONAL.id})
    prov_table = units.provinces("current").set_index("province_code")
    rows = []
    illustrative = False
    profiles: set[str] = set()
    for code in sorted(c for c in by_prov if c != "00"):
        name = prov_table.loc[code, "province_name"] if code in prov_table.index else code
        folder_name = units.province_dir_name(code)
        folder = out_root / folder_name
        try:
            write_province_index(folder, code, name, by_prov[code])
        except OSError:
            pass  # the province folder cannot be written (its runs are reported as failed)
        figs = key_figures(_read_summary(folder))
        illustrative = illustrative or figs["illustrative"]
        if figs["profile"]:
            profiles.add(figs["profile"])
        rows.append(
            f'<tr><td><a href="{esc(folder_name)}/index.html">{esc(name)}</a></td><td>{esc(code)}</td>'
            f'<td class="num">{_fmt(figs["readiness"])}</td><td class="num">{_fmt(figs["eligible"])}</td>'
            f'<td>{_fmt(figs["chosen"])}</td><td class="num">{_fmt(figs["budget_total_mvnd"], 0)}</td>'
            f"{_status_cells(by_prov[code], esc(folder_name), notebooks)}</tr>"
        )
    national = by_prov.get("00", {}).get(NATIONAL.id)
    nat_html = ""
    if national is not None:
        link = f"{NATIONAL_DIR}/{NATIONAL.id}.html" if national.html else ""
        nat_html = (
            f'<h2><a href="{esc(link)}">{esc(title(NATIONAL.id))}</a></h2>'
            if link
            else f'<h2>{esc(title(NATIONAL.id))}: <span class="failed">{esc(national.error)}</span></h2>'
        )
    notice = (
        '<div class="notice"><b>Dữ liệu minh họa / Illustrative data.</b> Các báo cáo dùng dữ liệu khảo sát '
        "minh họa sinh tự động, không phải số liệu thực tế. / Reports use generated illustrative survey data.</div>"
        if illustrative
        else ""
    )
    head_nb = "".join(f"<th>{esc(title(nb))}</th>" for nb in notebooks)
    try:
        guide = write_guide(out_root)
    except OSError:
        guide = None  # the guide cannot be written here; the index still is
    guide_link = (
        f'<p class="guide"><a href="{esc(GUIDE_INDEX)}">Hướng dẫn sử dụng</a> — các bước từ gửi biểu mẫu '
        "cho xã đến ban hành kế hoạch / the planner's guide</p>"
        if guide is not None
        else ""
    )
    body = (
        "<h1>Kế hoạch chuyển đổi số trong xây dựng nông thôn mới — các tỉnh, thành phố</h1>"
        "<p>Digital transformation in new rural development — provincial planning workbooks</p>"
        f"{profile_html(profiles)}{phase_links(out_root)}{guide_link}{notice}{nat_html}"
        '<div class="wrap"><table><thead><tr><th>Tỉnh, thành phố / Province</th><th>Mã / Code</th>'
        "<th>Chỉ số sẵn sàng / Readiness (0–100)</th><th>Xã đủ điều kiện thí điểm / Eligible</th>"
        "<th>Xã thí điểm chọn / Chosen</th><th>Tổng kinh phí (triệu đồng) / Budget (million VND)</th>"
        f"{head_nb}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    return atomic_write_text(out_root / "index.html", _page("ntmplan — toàn quốc", body))
