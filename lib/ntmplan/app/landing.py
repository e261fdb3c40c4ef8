"""The app's front door: a Vietnamese page naming the project, the province and data in use, with
one card per workbook (what it answers, from :mod:`ntmplan.core.catalogue`) that opens it in one
click, and the form that chooses the province, the survey file and the params file.

Pure functions of the choice (no server here): :func:`landing_html` builds the page,
:func:`read_choice` checks a choice against the files of the data folder.
"""

from __future__ import annotations

import html
from pathlib import Path

from ntmplan.core import catalogue, paths
from ntmplan.notebook import app_mode

#: The project's name, as the index pages say it.
PROJECT_TITLE = "Kế hoạch chuyển đổi số trong xây dựng nông thôn mới"
#: Default province of the landing page (the notebooks' default).
DEFAULT_PROVINCE = "01"
_STYLE = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0;background:#f4f6f8;color:#1a202c}
header{background:#22543d;color:#fff;padding:1.2rem 2rem}
header h1{margin:0;font-size:1.5rem} header p{margin:.3rem 0 0}
main{max-width:1100px;margin:0 auto;padding:1rem 2rem 3rem}
.use{background:#fff;border:1px solid #cbd5e0;border-radius:6px;padding:.8rem 1rem;margin:1rem 0}
.warn{background:#fffaf0;border:1px solid #dd6b20;border-radius:6px;padding:.6rem 1rem}
.err{background:#fff5f5;border:1px solid #c53030;border-radius:6px;padding:.6rem 1rem}
form.choice{display:flex;flex-wrap:wrap;gap:.6rem 1.2rem;align-items:end}
form.choice label{display:flex;flex-direction:column;font-size:.9rem;gap:.2rem}
select,input{font-size:1rem;padding:.25rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:1rem}
a.card{display:block;background:#fff;border:1px solid #cbd5e0;border-radius:8px;padding:1rem;
color:inherit;text-decoration:none;box-shadow:0 1px 2px rgba(0,0,0,.08)}
a.card:hover{border-color:#2b6cb0;box-shadow:0 2px 6px rgba(0,0,0,.15)}
a.card h2{margin:0 0 .4rem;font-size:1.1rem;color:#2b6cb0} a.card p{margin:0}
small{color:#4a5568}
"""


def read_choice(province: str, data: str, params: str, folder: str | Path | None = None) -> dict:
    """Check a choice of the landing page: a province, a survey file and a params file by name.

    Parameters
    ----------
    province : str
        Code or name; empty means :data:`DEFAULT_PROVINCE`.
    data, params : str
        File names in the data folder (:func:`ntmplan.notebook.app_mode.data_dir`); empty for
        the bundled illustrative survey and no params file.
    folder : str or Path, optional
        The data folder.

    Returns
    -------
    dict
        ``province`` (code), ``data`` and ``params`` (names).

    Raises
    ------
    ValueError
        For an unknown province or a file that is not in the data folder.
    """
    from ntmplan.survey import units

    code = units.find_province(str(province or DEFAULT_PROVINCE).strip(), scheme="current")
    if data:
        app_mode.resolve_name(data, app_mode.SURVEY_SUFFIXES, folder)
    if params:
        app_mode.resolve_name(params, app_mode.PARAMS_SUFFIXES, folder)
    return {"province": code["province_code"], "data": data, "params": params}


def _options(values: list[tuple[str, str]], chosen: str) -> str:
    return "".join(
        f'<option value="{html.escape(v, quote=True)}"{" selected" if v == chosen else ""}>'
        f"{html.escape(label)}</option>"
        for label, v in values
    )


def _cards(choice: dict, base_url: str) -> str:
    query = app_mode.query_string(choice["province"], choice["data"], choice["params"])
    cards = []
    for nb in catalogue.PROVINCIAL:
        if not nb.in_app:
            continue
        url = app_mode.workbook_url(nb.id, query, base_url)
        cards.append(
            f'<a class="card" href="{html.escape(url, quote=True)}" data-notebook="{nb.id}">'
            f"<h2>{html.escape(nb.short_vi)}</h2><p>{html.escape(nb.answers_vi)}</p>"
            f"<small>Mở sổ tính / open →</small></a>"
        )
    return "".join(cards)


def landing_html(
    choice: dict,
    provinces: list[tuple[str, str]],
    folder: str | Path | None = None,
    base_url: str = "/",
    form_extra: str = "",
    message: str = "",
) -> str:
    """Build the landing page.

    Parameters
    ----------
    choice : dict
        From :func:`read_choice`.
    provinces : list of (label, code)
        The province list (:func:`ntmplan.notebook.widgets.province_options`).
    folder : str or Path, optional
        The data folder (default :func:`ntmplan.notebook.app_mode.data_dir`).
    base_url : str
        The app's base URL.
    form_extra : str
        HTML put inside the upload form (the server's anti-forgery field).
    message : str
        An error to show (plain text), or empty.

    Returns
    -------
    str
        A complete HTML page (Vietnamese).
    """
    from ntmplan.notebook.context import ILLUSTRATIVE_NOTICE, is_illustrative

    folder = Path(folder) if folder else app_mode.data_dir()
    surveys = app_mode.available_files(app_mode.SURVEY_SUFFIXES, folder)
    params_files = app_mode.available_files(app_mode.PARAMS_SUFFIXES, folder)
    data_path = folder / choice["data"] if choice["data"] else paths.SAMPLE_SURVEY
    illustrative = is_illustrative(data_path)
    name = dict((c, n) for n, c in provinces).get(choice["province"], choice["province"])
    notice = ILLUSTRATIVE_NOTICE.lstrip("> ").replace("**", "")
    banner = f'<p class="warn">{html.escape(notice)}</p>' if illustrative else ""
    error = f'<p class="err">{html.escape(message)}</p>' if message else ""
    survey_opts = [("Dữ liệu minh họa kèm theo / bundled illustrative data", "")]
    survey_opts += [(s, s) for s in surveys]
    params_opts = [("Mặc định / defaults", "")] + [(p, p) for p in params_files]
    base = html.escape(base_url.rstrip("/") + "/", quote=True)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(PROJECT_TITLE)}</title>
<link rel="icon" href="data:;base64,="><style>{_STYLE}</style></head>
<body><header><h1>{html.escape(PROJECT_TITLE)}</h1>
<p>Ứng dụng lập kế hoạch không cần viết mã · chọn tỉnh và dữ liệu, rồi mở một sổ tính.</p></header>
<main>{error}
<section class="use" id="dang-dung"><b>Đang dùng / in use:</b> {html.escape(name)} ·
dữ liệu <b>{html.escape(app_mode.data_label(data_path, illustrative))}</b> ·
tham số <b>{html.escape(choice["params"] or "mặc định / defaults")}</b>
<form class="choice" method="get" action="{base}">
<label>Tỉnh/thành phố<select name="{app_mode.QUERY_KEYS["province"]}">{_options(provinces, choice["province"])}</select></label>
<label>Tệp khảo sát<select name="{app_mode.QUERY_KEYS["data"]}">{_options(survey_opts, choice["data"])}</select></label>
<label>Tệp tham số<select name="{app_mode.QUERY_KEYS["params"]}">{_options(params_opts, choice["params"])}</select></label>
<button type="submit">Áp dụng / apply</button></form>
<form class="choice" method="post" action="{base}tai-len" enctype="multipart/form-data">{form_extra}
<label>Tải tệp khảo sát (.csv, .xlsx) hoặc tham số (.yaml) lên thư mục
<code>{html.escape(str(folder))}</code><input type="file" name="tep"></label>
<button type="submit">Tải lên / upload</button></form></section>
{banner}
<h2>Các sổ tính / workbooks</h2><div class="cards">{_cards(choice, base_url)}</div>
</main></body></html>"""
