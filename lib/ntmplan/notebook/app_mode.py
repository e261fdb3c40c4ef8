"""The workbooks inside the no-code app: what the page asked for and where a province switch goes.

The app (:mod:`ntmplan.app.voila_app`) serves a workbook at
``/voila/render/02_pilots.ipynb?tinh=24&du_lieu=khao_sat.csv&tham_so=tinh.yaml&thiet_lap=…``.
The notebook's first cell after its parameters calls :func:`request`, which, only inside the app
(``NTMPLAN_APP=1`` in the kernel's environment), reads the page's query string
(:func:`page_query`) and returns the province, the survey file, a params overlay holding the
page's settings and the output folder. Outside the app
(batch, JupyterLab) it returns the notebook's parameters unchanged.

Survey and params files are named, never given as paths: a name is looked up in the app's data
folder (:func:`data_dir`, ``du_lieu/`` by default) and nowhere else. The settings travel as a
flat JSON mapping of dotted params keys (``pilots.thresholds.households_internet_smart_share``)
so that a province switch, which reloads the page, keeps them in every section.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode

from ntmplan.core import paths

#: Environment variable the app server sets for its kernels (``"1"``).
APP_ENV = "NTMPLAN_APP"
#: Environment variable holding the choice (a query string) the server's first kernels render.
CHOICE_ENV = "NTMPLAN_APP_CHOICE"
#: Environment variable naming the folder of the planner's own files (default ``du_lieu/``).
DATA_DIR_ENV = "NTMPLAN_APP_DATA_DIR"
#: Query-string keys of a workbook page.
QUERY_KEYS = {"province": "tinh", "data": "du_lieu", "params": "tham_so", "settings": "thiet_lap"}
#: File kinds a planner can choose: survey files and params overlays.
SURVEY_SUFFIXES = (".csv", ".xlsx")
PARAMS_SUFFIXES = (".yaml", ".yml")
#: Output root of the app's runs on the planner's own data (batch outputs stay untouched).
APP_OUTPUTS = "ung-dung"
_NAME = re.compile(r"^[^/\\\x00]{1,200}$")
_KEY = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
#: The choice of the page this kernel serves (one page per kernel in the app).
CURRENT: dict = {}


def in_app() -> bool:
    """Tell whether this process is a kernel of the no-code app.

    Returns
    -------
    bool
    """
    return os.environ.get(APP_ENV) == "1"


def data_dir() -> Path:
    """Return the folder holding the planner's own survey and params files.

    Returns
    -------
    Path
        ``$NTMPLAN_APP_DATA_DIR`` when set, else ``<project>/du_lieu``.
    """
    value = os.environ.get(DATA_DIR_ENV)
    return Path(value) if value else paths.ROOT / "du_lieu"


def available_files(suffixes: tuple[str, ...], folder: str | Path | None = None) -> list[str]:
    """List the file names of one kind in the data folder (no subfolders, no hidden files).

    Parameters
    ----------
    suffixes : tuple of str
        e.g. :data:`SURVEY_SUFFIXES`.
    folder : str or Path, optional
        Default :func:`data_dir`.

    Returns
    -------
    list of str
        Sorted names; empty when the folder does not exist.
    """
    root = Path(folder) if folder else data_dir()
    if not root.is_dir():
        return []
    return sorted(
        p.name
        for p in root.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in suffixes
    )


def resolve_name(name: str, suffixes: tuple[str, ...], folder: str | Path | None = None) -> Path:
    """Return the path of a file named in a page's query, which must be in the data folder.

    Parameters
    ----------
    name : str
        A plain file name (no folder part).
    suffixes : tuple of str
        Allowed suffixes.
    folder : str or Path, optional
        Default :func:`data_dir`.

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        If the name has a folder part, a wrong suffix or is not a file of the folder.
    """
    root = Path(folder) if folder else data_dir()
    if not _NAME.match(name or "") or name in {".", ".."} or Path(name).name != name:
        raise ValueError(f"Tên tệp không hợp lệ / invalid file name: {name!r}")
    if Path(name).suffix.lower() not in suffixes:
        raise ValueError(f"Loại tệp không nhận / file type not accepted: {name!r}")
    if name not in available_files(suffixes, root):
        raise ValueError(f"Không có tệp trong {root} / no such file: {name!r}")
    return root / name


def parse_settings(text: str) -> dict:
    """Read the settings of a page: a JSON object of dotted params keys to numbers or text.

    Parameters
    ----------
    text : str
        JSON, e.g. ``{"pilots.thresholds.villages_4g_share": 0.8}``; empty means none.

    Returns
    -------
    dict

    Raises
    ------
    ValueError
        If it is not such an object (bad JSON, a key that is not dotted snake_case, a value
        that is a list, mapping or null).
    """
    if not text:
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"Thiết lập không đọc được / settings are not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError("Thiết lập phải là đối tượng JSON / settings must be a JSON object")
    for key, value in data.items():
        if not _KEY.match(str(key)):
            raise ValueError(f"Khóa không hợp lệ / invalid settings key: {key!r}")
        if isinstance(value, (list, dict)) or value is None:
            raise ValueError(f"Giá trị không hợp lệ / invalid value of {key}: {value!r}")
    return data


def parse_query(query: str) -> dict:
    """Read a workbook page's query string.

    Parameters
    ----------
    query : str
        e.g. ``"tinh=24&du_lieu=khao_sat.csv&thiet_lap=%7B%7D"`` (a leading ``?`` is ignored).

    Returns
    -------
    dict
        ``province``, ``data``, ``params`` (str, empty when absent) and ``settings`` (dict).

    Raises
    ------
    ValueError
        If the settings are invalid (:func:`parse_settings`).
    """
    values = parse_qs((query or "").lstrip("?"), keep_blank_values=True)
    got = {k: (values.get(q) or [""])[-1].strip() for k, q in QUERY_KEYS.items()}
    got["settings"] = parse_settings(got["settings"])
    return got


def query_string(
    province: str, data: str = "", params: str = "", settings: dict | None = None
) -> str:
    """Build a workbook page's query string (the inverse of :func:`parse_query`).

    Parameters
    ----------
    province : str
        Province code.
    data, params : str
        File names in the data folder; empty for the bundled data and no overlay.
    settings : dict, optional
        Dotted params keys to values.

    Returns
    -------
    str
        Without the leading ``?``; empty values are left out.
    """
    items = {
        QUERY_KEYS["province"]: province,
        QUERY_KEYS["data"]: data,
        QUERY_KEYS["params"]: params,
    }
    if settings:
        items[QUERY_KEYS["settings"]] = json.dumps(settings, sort_keys=True, separators=(",", ":"))
    return urlencode({k: v for k, v in items.items() if v}, quote_via=quote)


def workbook_url(notebook: str, query: str, base_url: str = "/") -> str:
    """Return the address of a workbook page in the app.

    Parameters
    ----------
    notebook : str
        Notebook id, e.g. ``"02_pilots"``.
    query : str
        From :func:`query_string`.
    base_url : str
        The app's base URL.

    Returns
    -------
    str
    """
    url = f"{base_url.rstrip('/')}/voila/render/{quote(notebook)}.ipynb"
    return f"{url}?{query}" if query else url


def nested(settings: dict) -> dict:
    """Turn dotted keys into a nested mapping (``{"a.b": 1}`` → ``{"a": {"b": 1}}``).

    Parameters
    ----------
    settings : dict

    Returns
    -------
    dict

    Raises
    ------
    ValueError
        If one key is the prefix of another (``a.b`` and ``a.b.c``).
    """
    out: dict = {}
    for key, value in settings.items():
        node = out
        *parents, last = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ValueError(f"Khóa chồng nhau / overlapping settings key: {key!r}")
        if isinstance(node.get(last), dict):
            raise ValueError(f"Khóa chồng nhau / overlapping settings key: {key!r}")
        node[last] = value
    return out


def deep_merge(base: dict, top: dict) -> dict:
    """Return ``base`` with ``top`` laid over it, mapping by mapping (neither is modified).

    Parameters
    ----------
    base, top : dict

    Returns
    -------
    dict
    """
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def settings_overlay(settings: dict, params_file: str | Path | None, folder: Path) -> str:
    """Write the params overlay of a page: the chosen params file with the settings over it.

    Parameters
    ----------
    settings : dict
        Dotted params keys to values (checked later by the params loader, which names any
        unknown key).
    params_file : str or Path, optional
        The planner's params file (YAML), or None.
    folder : Path
        Where the overlay is written (named by its content).

    Returns
    -------
    str
        The overlay's path; ``str(params_file)`` or ``""`` when there are no settings.

    Raises
    ------
    ValueError
        If the params file is not a YAML mapping.
    """
    import yaml

    if not settings:
        return str(params_file) if params_file else ""
    base = {}
    if params_file:
        base = yaml.safe_load(Path(params_file).read_text(encoding="utf-8")) or {}
        if not isinstance(base, dict):
            raise ValueError(f"{params_file}: cần một bảng YAML / must be a YAML mapping")
    text = yaml.safe_dump(deep_merge(base, nested(settings)), allow_unicode=True, sort_keys=True)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"thiet_lap_{hashlib.sha256(text.encode()).hexdigest()[:16]}.yaml"
    if not target.exists():
        tmp = target.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    return str(target)


def output_root(data_name: str) -> Path:
    """Return the outputs root of the app's runs: the usual one for the bundled data, else a
    folder per survey file under ``outputs/ung-dung/`` (batch results are never overwritten).

    Parameters
    ----------
    data_name : str
        The survey's file name in the data folder, or empty for the bundled data.

    Returns
    -------
    Path
    """
    from ntmplan.survey.units import slugify

    if not data_name:
        return paths.OUTPUTS_DIR
    stem = re.sub(r"[^a-z0-9_-]+", "-", slugify(Path(data_name).stem)).strip("-") or "du-lieu"
    return paths.OUTPUTS_DIR / APP_OUTPUTS / stem


def page_query(environ: dict | None = None) -> str:
    """Return the query string of the page this kernel renders.

    A kernel started for a request has it in ``QUERY_STRING``. A preheated kernel renders its
    page before anyone asks (so that the page opens at once): for the address of the last
    request of this workbook (``VOILA_REQUEST_URL``, which Voilà gives the kernel that refills
    the pool) or, at the server's start, for the choice in ``NTMPLAN_APP_CHOICE``. The server
    serves a preheated page only to a request asking for that same choice
    (:func:`choice_key`).

    Parameters
    ----------
    environ : dict, optional
        Default ``os.environ``.

    Returns
    -------
    str
    """
    from urllib.parse import urlparse

    env = os.environ if environ is None else environ
    if env.get("VOILA_PREHEAT") != "True":
        return env.get("QUERY_STRING", "")
    url = env.get("VOILA_REQUEST_URL", "")
    return urlparse(url).query if url else env.get(CHOICE_ENV, "")


def choice_key(query: str, default_province: str = "01") -> tuple:
    """Return what makes two page requests show the same page (province, files, settings).

    Parameters
    ----------
    query : str
        A workbook page's query string.
    default_province : str
        The province of a query without one (the notebooks' default).

    Returns
    -------
    tuple
        ``(province code, data name, params name, settings as sorted JSON)``; a query that
        cannot be read gives ``("?", query)``, equal to no valid choice.
    """
    from ntmplan.survey import units

    try:
        got = parse_query(query)
        code = units.find_province(got["province"] or default_province, scheme="current")
    except Exception:  # noqa: BLE001 - an unreadable query matches nothing
        return ("?", query)
    return (
        code["province_code"],
        got["data"],
        got["params"],
        json.dumps(got["settings"], sort_keys=True),
    )


def request(
    notebook: str, province: str, data_file: str = "", params_file: str = "", output_dir: str = ""
) -> tuple[str, str, str, str]:
    """Return the notebook's province, survey file, params file and output folder for this page.

    Outside the app: the parameters unchanged. In the app: from the page's query string
    (:func:`parse_query`); the survey and params files are resolved in :func:`data_dir`, the
    settings become a params overlay (:func:`settings_overlay`), and the output folder is the
    province's folder under :func:`output_root`. The choice is kept in :data:`CURRENT`.

    Parameters
    ----------
    notebook : str
        Notebook id.
    province, data_file, params_file, output_dir : str
        The notebook's parameters.

    Returns
    -------
    tuple of str
        ``(province, data_file, params_file, output_dir)``.

    Raises
    ------
    ValueError
        If the page names a file that is not in the data folder or has invalid settings.
    """
    if not in_app():
        return province, data_file, params_file, output_dir
    from ntmplan.survey import units

    choice = parse_query(page_query())
    code = units.find_province(choice["province"] or province, scheme="current")["province_code"]
    data = str(resolve_name(choice["data"], SURVEY_SUFFIXES)) if choice["data"] else data_file
    own = str(resolve_name(choice["params"], PARAMS_SUFFIXES)) if choice["params"] else ""
    root = output_root(choice["data"])
    overlay = settings_overlay(choice["settings"], own or params_file or None, root / ".thiet_lap")
    CURRENT.clear()
    CURRENT.update({**choice, "notebook": notebook, "province": code})
    return code, data, overlay, str(root / units.province_dir_name(code))


def data_label(data_file: str | Path | None, illustrative: bool) -> str:
    """Return the Vietnamese line saying which survey a page shows.

    Parameters
    ----------
    data_file : str or Path or None
    illustrative : bool

    Returns
    -------
    str
        e.g. ``"khao_sat_tinh.csv (dữ liệu của tỉnh)"``.
    """
    name = Path(data_file).name if data_file else "—"
    kind = "dữ liệu minh họa" if illustrative else "dữ liệu của tỉnh"
    return f"{name} ({kind})"
