"""The provincial plan (guidance task 1, notebook 06): sections assembled from the workbooks.

Guidance task 1 asks each province to issue a concrete plan built on the review of the
current state. This module turns what notebooks 01–05 wrote (``summary_<NN_name>.json``,
figures) and the resolved params into the sections of that plan, in the order a
provincial plan takes:

I. purpose and basis; II. current state (01); III. targets (Decision 924, province values
from 01 and 02); IV. tasks 1–7 of the guidance (01–05); V. responsibilities (agencies per
task, from ``plan.agencies`` / ``plan.tasks``); VI. timeline (quarters and deadlines from
``plan.tasks``, with a Gantt chart); VII. budget (03); VIII. assumptions and caveats (every
params leaf used, its value and the source comment of ``params/defaults.yaml`` or the
profile / province overlay; the illustrative-data notice).

Reading is tolerant: a notebook whose summary is missing or unreadable makes the sections
that need it ``available=False`` with a "chưa có số liệu" (no figures yet) text, never an
exception; a key missing from a summary shows as "chưa có số liệu" in its table cell.

- :func:`collect` — read a province folder's summaries, figures and exports.
- :func:`plan_sections` — the list of :class:`Section`.
- :func:`assumptions_table`, :func:`params_layers` — params used, resolved value, default, source.
- :func:`responsibilities`, :func:`timeline`, :func:`timeline_chart` — from ``plan.tasks``.
- :func:`section_markdown`, :func:`show_sections` — display in a notebook.
- :func:`summary` — key figures for ``summary_06_plan.json``.

Summary keys (``summary_06_plan.json``)
---------------------------------------
``sections`` (list of dict)
    ``key``, ``title``, ``available`` of every section, in order.
``sections_available`` / ``sections_total`` (int)
``missing_notebooks`` (list of str)
    Notebooks (01–05) whose summary was not found.
``docx`` (str or None)
    File name of the Word draft (added by the notebook).
``deadline_plan`` (str)
    Deadline of task 1 as ``YYYYQn`` ("" if none).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ntmplan.core import fmt
from ntmplan.core.params import lookup, param_sources

#: Notebooks whose summaries the plan reads, in order.
SOURCE_NOTEBOOKS: tuple[str, ...] = (
    "01_status",
    "02_pilots",
    "03_budget",
    "04_capacity",
    "05_data",
)

#: Guidance tasks in order (keys of ``plan.tasks``).
TASKS: tuple[str, ...] = ("task_1", "task_2", "task_3", "task_4", "task_5", "task_6", "task_7")

#: Exports of notebooks 01–05 mentioned in the plan.
EXPORTS: tuple[str, ...] = (
    "pilots.xlsx",
    "dang_ky_thi_diem_trung_uong.xlsx",
    "budget.xlsx",
    "capacity.xlsx",
)

#: Text shown for a value or a section without figures.
NOT_AVAILABLE = "chưa có số liệu"

#: Plain-text illustrative-data notice (for the Word draft and the plan's caveats).
ILLUSTRATIVE_TEXT = (
    "Dữ liệu minh họa: kế hoạch này được lập từ bộ dữ liệu khảo sát minh họa sinh tự động trên "
    "danh mục đơn vị hành chính thật; các số liệu khảo sát không phải số liệu thực tế của xã nào. "
    "/ Illustrative data: the survey figures are generated, not real results."
)

#: Vietnamese (/ English) labels of the output columns.
LABELS: dict[str, str] = {
    "key": "Tham số / parameter",
    "value": "Giá trị dùng / value used",
    "default": "Giá trị mặc định / default",
    "source": "Nguồn, căn cứ / source",
    "layer": "Tệp quy định / set in",
    "changed": "Đã điều chỉnh / changed",
    "note": "Ghi chú / note",
    "task": "Nhiệm vụ / task",
    "name_vi": "Nội dung nhiệm vụ / task",
    "lead": "Cơ quan chủ trì / lead",
    "cooperate": "Cơ quan phối hợp / cooperating",
    "start": "Bắt đầu / start",
    "end": "Kết thúc / end",
    "deadline": "Thời hạn / deadline",
    "period_vi": "Thời gian thực hiện / period",
    "deadline_vi": "Thời hạn hoàn thành / deadline",
}

_QUARTER_RE = re.compile(r"^(\d{4})Q([1-4])$")
_ROMAN = ("I", "II", "III", "IV")
_NB_TITLES = {
    "01_status": "01 Hiện trạng",
    "02_pilots": "02 Thí điểm",
    "03_budget": "03 Nguồn lực",
    "04_capacity": "04 Đào tạo, truyền thông",
    "05_data": "05 Dữ liệu",
}


# ----------------------------------------------------------------- the section record


@dataclass
class Section:
    """One section of the plan.

    Attributes
    ----------
    key : str
        Stable id (``purpose``, ``current_state``, ``targets``, ``tasks``, ``task_1``…``task_7``,
        ``responsibilities``, ``timeline``, ``budget``, ``assumptions``).
    title : str
        Vietnamese heading.
    paragraphs : list of str
        Plain text; a paragraph starting with ``"- "`` is a bullet.
    tables : list of pandas.DataFrame
        Tables with Vietnamese headers; ``df.attrs["caption"]`` holds the caption.
    figures : list of Path
        PNG files.
    available : bool
        False when a notebook the section needs has not run.
    level : int
        Heading level (1 for I–VIII, 2 for the tasks under IV).
    notebooks : tuple of str
        Notebooks the section draws on.
    params_used : tuple of str
        Dotted params prefixes the section's figures depend on (for the caveats).
    """

    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[pd.DataFrame] = field(default_factory=list)
    figures: list[Path] = field(default_factory=list)
    available: bool = True
    level: int = 1
    notebooks: tuple[str, ...] = ()
    params_used: tuple[str, ...] = ()


# ----------------------------------------------------------------- small helpers


def _params(params: dict | None) -> dict:
    if params is None:
        from ntmplan.core.params import default_params

        return default_params()
    return params


def _get(mapping, *keys, default=None):
    """Follow keys through nested dicts; ``default`` when any level is missing or not a dict."""
    cur = mapping
    for key in keys:
        if not isinstance(cur, dict) or key not in cur:
            return default
        cur = cur[key]
    return cur if cur is not None else default


def _is_num(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def fmt_number(value, digits: int = 1) -> str:
    """Format a number the Vietnamese way (``.`` thousands, ``,`` decimals).

    Parameters
    ----------
    value : int, float or other
        Numbers are formatted; None/NaN give "chưa có số liệu"; anything else ``str()``.
    digits : int
        Decimals for floats (integers and integral floats with ``digits=0`` have none).

    Returns
    -------
    str
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return NOT_AVAILABLE
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, (int, float)):
        return fmt.number(value, digits)
    return str(value)


def fmt_percent(share, digits: int = 1) -> str:
    """Format a share 0–1 as a Vietnamese percentage (``0.625`` → ``62,5%``).

    Parameters
    ----------
    share : float or None
    digits : int

    Returns
    -------
    str
        "chưa có số liệu" for None/NaN.
    """
    if not _is_num(share):
        return NOT_AVAILABLE
    return fmt_number(float(share) * 100.0, digits) + "%"


def quarter_label(quarter: str) -> str:
    """Turn ``"2022Q4"`` into ``"Quý IV/2022"`` ("" stays "").

    Parameters
    ----------
    quarter : str

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the text is not ``YYYYQn``.
    """
    if quarter == "":
        return ""
    year, q = _parse_quarter(quarter, "quarter")
    return f"Quý {_ROMAN[q - 1]}/{year}"


def _parse_quarter(text, key: str) -> tuple[int, int]:
    match = _QUARTER_RE.match(str(text))
    if not match:
        raise ValueError(
            f"{key} = {text!r}: cần dạng 'YYYYQn', ví dụ '2022Q4' / expected 'YYYYQn', e.g. '2022Q4'"
        )
    return int(match.group(1)), int(match.group(2))


def _table(df: pd.DataFrame, caption: str, labels: dict | None = None) -> pd.DataFrame:
    out = df.rename(columns=labels or {}).reset_index(drop=True)
    out.attrs["caption"] = caption
    return out


def _unavailable_text(notebooks: list[str]) -> str:
    names = ", ".join(_NB_TITLES.get(n, n) for n in notebooks)
    return (
        f"Chưa có số liệu: sổ tính {names} chưa chạy (hoặc chưa ghi kết quả) cho tỉnh này. "
        f"Chạy sổ tính đó rồi lập lại kế hoạch. / Not available: notebook(s) {', '.join(notebooks)} "
        "have not run for this province."
    )


# ----------------------------------------------------------------- collect


def _read_json(path: Path):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return data


def _figures_of(
    notebook: str, summary: dict | None, figures_dir: Path, out_dir: Path
) -> list[Path]:
    """Figures of one notebook: the summary's ``figures`` list, else files named after the notebook."""
    listed = _get(summary or {}, "figures")
    found: list[Path] = []
    if isinstance(listed, list):
        for item in listed:
            p = Path(str(item))
            p = p if p.is_absolute() else out_dir / p
            try:  # only files inside the province folder
                p.resolve().relative_to(out_dir.resolve())
            except ValueError:
                continue
            if p.is_file() and p.suffix.lower() == ".png":
                found.append(p)
        return found
    if not figures_dir.is_dir():
        return []
    number, _, name = notebook.partition("_")
    prefixes = (f"{notebook}", f"{number}_", f"{number}-", f"{name}_", f"{name}-")
    return sorted(
        p for p in figures_dir.glob("*.png") if p.stem.startswith(prefixes) or p.stem == name
    )


def collect(out_dir: str | Path, notebooks: tuple[str, ...] = SOURCE_NOTEBOOKS) -> dict:
    """Read what notebooks 01–05 left in a province's output folder.

    Each notebook's ``summary_<NN_name>.json`` is read; when absent, its entry in the merged
    ``summary.json``. A missing or unreadable summary gives ``None`` and the notebook is
    listed under ``missing`` — never an exception.

    Parameters
    ----------
    out_dir : str or Path
        The province output folder (``outputs/<code>-<slug>``).
    notebooks : tuple of str
        Notebook ids to read (default 01–05).

    Returns
    -------
    dict
        ``summaries`` (notebook → dict or None), ``missing`` (list of notebook ids),
        ``figures`` (notebook → list of Path: the summary's ``figures`` list if it has one,
        else ``figures/*.png`` whose name starts with the notebook id, its number or its
        name), ``exports`` (file name → Path for the files of :data:`EXPORTS` present),
        ``province_code``, ``province_name``, ``profile`` (from the first summary that has
        them, else None), ``illustrative`` (True when any summary says so) and ``out_dir``.
    """
    out_dir = Path(out_dir)
    merged = _read_json(out_dir / "summary.json")
    merged = merged if isinstance(merged, dict) else {}
    summaries: dict[str, dict | None] = {}
    for nb in notebooks:
        data = _read_json(out_dir / f"summary_{nb}.json")
        if not isinstance(data, dict):
            data = merged.get(nb)
        summaries[nb] = data if isinstance(data, dict) else None
    present = [s for s in summaries.values() if s]
    figures_dir = out_dir / "figures"
    return {
        "summaries": summaries,
        "missing": [nb for nb, s in summaries.items() if s is None],
        "figures": {nb: _figures_of(nb, summaries[nb], figures_dir, out_dir) for nb in notebooks},
        "exports": {name: out_dir / name for name in EXPORTS if (out_dir / name).is_file()},
        "province_code": next(
            (str(s["province_code"]) for s in present if s.get("province_code")), None
        ),
        "province_name": next(
            (str(s["province_name"]) for s in present if s.get("province_name")), None
        ),
        "profile": next((str(s["profile"]) for s in present if s.get("profile")), None),
        "illustrative": any(bool(s.get("illustrative")) for s in present),
        "out_dir": out_dir,
    }


def _normalise(collected: dict) -> dict:
    """Accept either :func:`collect`'s result or a plain ``{notebook: summary}`` mapping."""
    if isinstance(collected, dict) and "summaries" in collected:
        out = dict(collected)
    else:
        summaries = {k: v for k, v in (collected or {}).items() if isinstance(v, dict)}
        present = list(summaries.values())
        out = {
            "summaries": summaries,
            "figures": {},
            "exports": {},
            "province_code": next(
                (str(s["province_code"]) for s in present if s.get("province_code")), None
            ),
            "province_name": next(
                (str(s["province_name"]) for s in present if s.get("province_name")), None
            ),
            "illustrative": any(bool(s.get("illustrative")) for s in present),
        }
    summaries = {
        nb: (out["summaries"].get(nb) if isinstance(out["summaries"].get(nb), dict) else None)
        for nb in SOURCE_NOTEBOOKS
    }
    out["summaries"] = summaries
    out["missing"] = [nb for nb in SOURCE_NOTEBOOKS if summaries[nb] is None]
    out.setdefault("figures", {})
    out.setdefault("exports", {})
    return out


def availability(collected: dict) -> pd.DataFrame:
    """Tell which notebooks' results the plan found.

    Parameters
    ----------
    collected : dict
        Output of :func:`collect` (or a ``{notebook: summary}`` mapping).

    Returns
    -------
    pandas.DataFrame
        ``Sổ tính / notebook``, ``Kết quả / results`` ("có" or "chưa có số liệu"),
        ``Số hình / figures``, one row per notebook of :data:`SOURCE_NOTEBOOKS`.
    """
    ctx = _normalise(collected)
    rows = [
        {
            "Sổ tính / notebook": _NB_TITLES.get(nb, nb),
            "Kết quả / results": "có" if ctx["summaries"][nb] is not None else NOT_AVAILABLE,
            "Số hình / figures": len(ctx["figures"].get(nb, [])),
        }
        for nb in SOURCE_NOTEBOOKS
    ]
    return pd.DataFrame(rows)


# ----------------------------------------------------------------- params: sources and tables


def _yaml_text(value) -> str:
    import yaml

    if isinstance(value, str):
        return value
    text = yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, sort_keys=False, width=10_000
    )
    return text.strip().removesuffix("...").strip()


def _matches(key: str, prefixes) -> bool:
    return any(key == p or key.startswith(p + ".") or key.startswith(p + "[") for p in prefixes)


def params_layers(
    params: dict | None = None,
    province_code: str | None = None,
    params_file: str | Path | None = None,
) -> list[tuple[str, Path]]:
    """List the params files layered over the defaults, for :func:`assumptions_table`.

    Parameters
    ----------
    params : dict, optional
        Resolved params (``programme.profile``).
    province_code : str, optional
        Validated province code; its overlay ``params/provinces/<code>-<slug>.yaml`` is
        included when it exists.
    params_file : str or Path, optional
        The run's extra params file ("" or None for none).

    Returns
    -------
    list of (label, Path)
        In merge order: profile, province overlay, params file.
    """
    from ntmplan.core import params as params_mod

    p = _params(params)
    out: list[tuple[str, Path]] = []
    profile = _get(p, "programme", "profile")
    if profile and params_mod.profile_file(str(profile)).is_file():
        pf = params_mod.profile_file(str(profile))
        out.append((f"profiles/{pf.name}", pf))
    if province_code:
        prov = params_mod.province_file(str(province_code))
        if prov is not None and prov.is_file():
            out.append((f"provinces/{prov.name}", prov))
    if params_file and str(params_file).strip() and Path(params_file).is_file():
        out.append((Path(params_file).name, Path(params_file)))
    return out


def assumptions_table(
    params: dict | None = None,
    prefixes: tuple[str, ...] | list[str] | None = None,
    overlay_files: list[tuple[str, Path]] | None = None,
) -> pd.DataFrame:
    """List the params leaves used, with the value used, the default and the source comment.

    Sources come from the comments of ``params/defaults.yaml``; a key also written in the
    programme profile or a province overlay takes that file's comment (when it has one) and
    names the file in ``layer``.

    Parameters
    ----------
    params : dict, optional
        Resolved params (default: ``default_params()``).
    prefixes : sequence of str, optional
        Dotted prefixes to keep (e.g. ``("status.targets", "plan.tasks")``); None keeps all.
    overlay_files : list of (label, Path), optional
        Overlay files to read comments from, in merge order (see :func:`params_layers`).
        Default: the profile file of ``programme.profile`` only.

    Returns
    -------
    pandas.DataFrame
        Columns ``key``, ``value`` (resolved, YAML text), ``default`` (as written in
        defaults.yaml), ``source``, ``layer`` and ``changed`` (bool: value differs from the
        default).
    """
    import yaml

    p = _params(params)
    table = param_sources()
    table["layer"] = "defaults.yaml"
    if overlay_files is None:
        overlay_files = params_layers(p)
    for label, file in overlay_files:
        extra = param_sources(file)
        for row in extra.itertuples(index=False):
            hit = table["key"] == row.key
            if hit.any():
                if row.source:
                    table.loc[hit, "source"] = row.source
                table.loc[hit, "layer"] = label
            elif row.source:  # e.g. keys under an open mapping
                table.loc[len(table)] = {
                    "key": row.key,
                    "value": row.value,
                    "source": row.source,
                    "layer": label,
                }
    if prefixes is not None:
        table = table[table["key"].map(lambda k: _matches(k, prefixes))]
    table = table.rename(columns={"value": "default"}).reset_index(drop=True)
    resolved = table["key"].map(lambda k: lookup(p, k))

    def parsed(text: str):
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError:
            return text

    defaults = table["default"].map(parsed)
    table["value"] = resolved.map(_yaml_text)
    table["changed"] = [r != d for r, d in zip(resolved, defaults, strict=True)]
    return table[["key", "value", "default", "source", "layer", "changed"]]


# ----------------------------------------------------------------- responsibilities, timeline


def _agency(params: dict, role: str, where: str) -> str:
    agencies = _get(params, "plan", "agencies", default={})
    if role not in agencies:
        raise ValueError(
            f"{where}: vai trò {role!r} không có trong plan.agencies / role not in plan.agencies "
            f"({', '.join(agencies)})"
        )
    return str(agencies[role] or "").strip()


def responsibilities(params: dict | None = None) -> pd.DataFrame:
    """List lead and cooperating agencies per guidance task (from ``plan.tasks``/``plan.agencies``).

    Roles whose agency name is empty (e.g. ``district`` after 1 Jul 2025) are left out;
    an agency named twice (e.g. planning and finance merged) is listed once, and never as
    both lead and cooperating agency.

    Parameters
    ----------
    params : dict, optional
        Resolved params.

    Returns
    -------
    pandas.DataFrame
        Columns ``task``, ``name_vi``, ``lead``, ``cooperate`` (agency names joined by "; "),
        one row per task of :data:`TASKS`.

    Raises
    ------
    ValueError
        If a task names a role missing from ``plan.agencies`` or the lead role is empty.
    KeyError
        If a task of :data:`TASKS` is missing from ``plan.tasks``.
    """
    p = _params(params)
    tasks = _get(p, "plan", "tasks", default={})
    rows = []
    for task in TASKS:
        if task not in tasks:
            raise KeyError(f"plan.tasks.{task} thiếu / missing")
        spec = tasks[task]
        lead = _agency(p, spec["lead"], f"plan.tasks.{task}.lead")
        if not lead:
            raise ValueError(
                f"plan.tasks.{task}.lead: cơ quan chủ trì trống / lead agency is empty"
            )
        coop: list[str] = []
        for role in spec.get("cooperate", []):
            name = _agency(p, role, f"plan.tasks.{task}.cooperate")
            if name and name != lead and name not in coop:
                coop.append(name)
        rows.append(
            {"task": task, "name_vi": spec["name_vi"], "lead": lead, "cooperate": "; ".join(coop)}
        )
    return pd.DataFrame(rows, columns=["task", "name_vi", "lead", "cooperate"])


def timeline(params: dict | None = None) -> pd.DataFrame:
    """Tasks by quarter, with deadlines (from ``plan.tasks``).

    Parameters
    ----------
    params : dict, optional
        Resolved params.

    Returns
    -------
    pandas.DataFrame
        Columns ``task``, ``name_vi``, ``start``, ``end``, ``deadline`` (``YYYYQn`` text,
        deadline "" when none), ``start_index``, ``end_index`` and ``deadline_index``
        (quarters counted as ``4 × year + quarter − 1``; deadline NaN when none),
        ``period_vi`` and ``deadline_vi`` (e.g. "Quý I/2023 – Quý IV/2025", "Quý IV/2022").

    Raises
    ------
    ValueError
        If a quarter is not ``YYYYQn`` or a task ends before it starts.
    KeyError
        If a task of :data:`TASKS` is missing from ``plan.tasks``.
    """
    p = _params(params)
    tasks = _get(p, "plan", "tasks", default={})
    rows = []
    for task in TASKS:
        if task not in tasks:
            raise KeyError(f"plan.tasks.{task} thiếu / missing")
        spec = tasks[task]
        sy, sq = _parse_quarter(spec["start"], f"plan.tasks.{task}.start")
        ey, eq = _parse_quarter(spec["end"], f"plan.tasks.{task}.end")
        start, end = 4 * sy + sq - 1, 4 * ey + eq - 1
        if end < start:
            raise ValueError(
                f"plan.tasks.{task}: kết thúc ({spec['end']}) trước khi bắt đầu ({spec['start']}) / ends before it starts"
            )
        deadline = str(spec.get("deadline") or "")
        if deadline:
            dy, dq = _parse_quarter(deadline, f"plan.tasks.{task}.deadline")
            d_index = float(4 * dy + dq - 1)
        else:
            d_index = float("nan")
        rows.append(
            {
                "task": task,
                "name_vi": spec["name_vi"],
                "start": spec["start"],
                "end": spec["end"],
                "deadline": deadline,
                "start_index": start,
                "end_index": end,
                "deadline_index": d_index,
                "period_vi": f"{quarter_label(spec['start'])} – {quarter_label(spec['end'])}",
                "deadline_vi": quarter_label(deadline) if deadline else "",
            }
        )
    return pd.DataFrame(rows)


def timeline_chart(
    table: pd.DataFrame,
    title: str = "Tiến độ thực hiện các nhiệm vụ theo quý",
    years: tuple[int, int] | None = None,
):
    """Draw the tasks as a Gantt chart by quarter, deadlines marked with a diamond.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`timeline`.
    title : str
    years : (int, int), optional
        First and last year shown (e.g. the programme period); the axis always covers the
        tasks and deadlines too.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    KeyError
        If a column of :func:`timeline`'s output is missing.
    """
    from ntmplan.core import charts

    needed = ["task", "name_vi", "start_index", "end_index", "deadline_index"]
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise KeyError(f"Thiếu cột / missing column(s): {', '.join(missing)}")
    n = len(table)
    fig = charts._figure(9.0, max(2.5, 0.6 * n + 1.6))
    ax = fig.add_subplot()
    pos = list(range(n))[::-1]
    start = table["start_index"].astype(float).to_numpy()
    end = table["end_index"].astype(float).to_numpy()
    ax.barh(pos, end - start + 1.0, left=start, height=0.55, color=charts.COLOR_MAIN, zorder=2)
    deadlines = table["deadline_index"].astype(float)
    has = deadlines.notna().to_numpy()
    if has.any():
        ys = [y for y, h in zip(pos, has, strict=True) if h]
        ax.scatter(
            deadlines[has].to_numpy() + 1.0,
            ys,
            marker="D",
            s=45,
            color=charts.COLOR_HIGHLIGHT,
            zorder=3,
        )
    labels = [
        f"NV {str(t).replace('task_', '')}: {charts._wrap(str(name), 45)}"
        for t, name in zip(table["task"], table["name_vi"], strict=True)
    ]
    ax.set_yticks(pos, labels)
    points = [v for v in [*start, *end, *deadlines.dropna()] if math.isfinite(v)]
    if years is not None:
        points += [4 * int(years[0]), 4 * int(years[1]) + 3]
    if points:
        first_year, last_year = int(min(points)) // 4, int(max(points)) // 4
        ax.set_xlim(4 * first_year - 0.2, 4 * (last_year + 1) + 0.5)
        all_years = list(range(first_year, last_year + 1))
        ax.set_xticks([4 * y + 2 for y in all_years], [str(y) for y in all_years])
        ax.set_xticks([q for q in range(4 * first_year, 4 * (last_year + 1) + 1)], minor=True)
        ax.tick_params(axis="x", which="major", length=0)
        ax.grid(axis="x", which="minor", color="#dddddd", linewidth=0.6, zorder=0)
        for y in range(first_year, last_year + 2):
            ax.axvline(4 * y, color="#999999", linewidth=0.9, zorder=1)
    ax.set_xlabel("Năm (vạch mờ: quý; ◆ đỏ: thời hạn hoàn thành)")
    ax.set_title(title)
    return fig


# ----------------------------------------------------------------- the sections


def _province_name(ctx: dict, params: dict) -> str:
    return ctx.get("province_name") or ctx.get("province_code") or "tỉnh"


def plan_title(province_name: str, params: dict | None = None) -> str:
    """Return the plan's title, e.g. "Kế hoạch Chuyển đổi số … — Thành phố Hà Nội".

    Parameters
    ----------
    province_name : str
    params : dict, optional

    Returns
    -------
    str
    """
    p = _params(params)
    name = str(
        _get(p, "programme", "name_vi", default="Chuyển đổi số trong xây dựng nông thôn mới")
    )
    return f"Kế hoạch {name[:1].lower() + name[1:]} trên địa bàn {province_name}"


def _purpose(ctx: dict, p: dict) -> Section:
    prog = _get(p, "programme", default={})
    province = _province_name(ctx, p)
    paras = [
        "1. Mục đích",
        f"- Cụ thể hóa Chương trình {prog.get('name_vi', '')} ({prog.get('decision', '')}) "
        f"trên địa bàn {province}; lồng ghép vào chương trình chuyển đổi số chung của tỉnh.",
        "- Xây dựng kế hoạch trên cơ sở rà soát, đánh giá hiện trạng chuyển đổi số ở khu vực nông thôn; "
        "xác định nhiệm vụ cụ thể, rõ ràng, bám sát mục tiêu của Chương trình.",
        "2. Yêu cầu",
        "- Mỗi nhiệm vụ có cơ quan chủ trì, cơ quan phối hợp, thời gian thực hiện và kinh phí dự kiến.",
        f"- Thực hiện trong giai đoạn {prog.get('start_year', '')}–{prog.get('end_year', '')}; "
        "mọi ngưỡng, định mức và đơn giá dùng trong kế hoạch được ghi rõ nguồn ở mục Giả định và lưu ý.",
        "3. Căn cứ",
    ]
    paras += [f"- {b}" for b in _get(p, "plan", "basis", default=[])]
    return Section(
        "purpose", "I. MỤC ĐÍCH, YÊU CẦU VÀ CĂN CỨ", paras, params_used=("programme", "plan.basis")
    )


def _current_state(ctx: dict, p: dict) -> Section:
    from ntmplan.tasks.status import INDICATORS, PILLAR_LABELS, PILLARS
    from ntmplan.tasks.status import LABELS as STATUS_LABELS

    s = ctx["summaries"]["01_status"]
    sec = Section(
        "current_state",
        "II. THỰC TRẠNG CHUYỂN ĐỔI SỐ TRONG XÂY DỰNG NÔNG THÔN MỚI",
        notebooks=("01_status",),
        params_used=(
            "status.scope_unit_types",
            "status.aggregate_weight",
            "status.missing_indicator",
            "status.pillar_weights",
            "status.indicators",
        ),
    )
    if s is None:
        sec.available = False
        sec.paragraphs = [_unavailable_text(["01_status"])]
        return sec
    sec.paragraphs = [
        f"Năm khảo sát {s.get('year') if _is_num(s.get('year')) else NOT_AVAILABLE}: {fmt_number(s.get('n_communes'))} xã, đặc khu thuộc phạm vi "
        f"đánh giá (trên tổng số {fmt_number(s.get('n_units'))} đơn vị hành chính cấp xã của tỉnh).",
        f"Chỉ số sẵn sàng chuyển đổi số chung (0–100): bình quân gia quyền theo số hộ "
        f"{fmt_number(s.get('readiness_overall_weighted'))}; bình quân các xã {fmt_number(s.get('readiness_overall_mean'))}; "
        f"trung vị {fmt_number(_get(s, 'readiness_quantiles', 'p50'))}.",
    ]
    pillars = _get(s, "readiness_pillars", default={})
    weighted = _get(s, "readiness_pillars_weighted", default={})
    if isinstance(pillars, dict) and pillars:
        order = [k for k in PILLARS if k in pillars] + [k for k in pillars if k not in PILLARS]
        rows = [
            {
                "Trụ cột / pillar": PILLAR_LABELS.get(k, k),
                "Bình quân các xã / mean": _round(pillars.get(k)),
                "Bình quân gia quyền theo số hộ / household-weighted": _round(
                    (weighted or {}).get(k)
                ),
            }
            for k in order
        ]
        sec.tables.append(
            _table(pd.DataFrame(rows), "Bảng 1. Chỉ số sẵn sàng chuyển đổi số theo trụ cột (0–100)")
        )
    indicators = _get(s, "indicators_weighted", default={})
    if isinstance(indicators, dict) and indicators:
        rows = [
            {
                "Chỉ tiêu / indicator": STATUS_LABELS.get(k, k),
                "Giá trị của tỉnh (gia quyền theo số hộ) / province value": (
                    fmt_percent(v)
                    if (k.endswith("_share") or k in _FLAG_INDICATORS)
                    else fmt_number(v)
                ),
            }
            for k, v in sorted(indicators.items(), key=lambda kv: _order(kv[0], INDICATORS))
        ]
        sec.tables.append(_table(pd.DataFrame(rows), "Bảng 2. Các chỉ tiêu hiện trạng của tỉnh"))
    weakest = _get(s, "weakest_communes", default=[])
    if isinstance(weakest, list) and weakest:
        frame = pd.DataFrame([w for w in weakest if isinstance(w, dict)])
        keep = [c for c in ("commune_code", "commune_name", "overall") if c in frame.columns]
        if "overall" in frame.columns:
            frame["overall"] = frame["overall"].map(_round)
        sec.tables.append(
            _table(
                frame[keep],
                "Bảng 3. Các xã có chỉ số sẵn sàng thấp nhất (cần ưu tiên hỗ trợ)",
                {
                    "commune_code": "Mã xã",
                    "commune_name": "Tên xã",
                    "overall": "Chỉ số chung (0–100)",
                },
            )
        )
    sec.figures = list(ctx["figures"].get("01_status", []))
    return sec


def _round(value, digits: int = 1):
    return round(float(value), digits) if _is_num(value) else None


def _order(key: str, known) -> tuple[int, str]:
    known = list(known)
    return (known.index(key), key) if key in known else (len(known), key)


_FLAG_INDICATORS = {
    "postal_point",
    "radio_it",
    "criterion_8_4",
    "has_cooperative",
    "has_digital_service",
}


def _chosen(s02: dict | None, pilot_type: str) -> list[dict]:
    items = _get(s02 or {}, "chosen", pilot_type, default=[])
    return [c for c in items if isinstance(c, dict)] if isinstance(items, list) else []


def _targets_basis(p: dict) -> str:
    """Name the source of the commune-level targets (status.targets hold Decision 924's values)."""
    decision = str(_get(p, "programme", "decision", default=""))
    if "924" in decision:
        return "Quyết định 924/QĐ-TTg"
    return (
        f"mục tiêu theo Quyết định 924/QĐ-TTg, cần cập nhật theo {decision}"
        if decision
        else "Quyết định 924/QĐ-TTg"
    )


def _targets(ctx: dict, p: dict) -> Section:
    s01 = ctx["summaries"]["01_status"]
    s02 = ctx["summaries"]["02_pilots"]
    end_year = _get(p, "programme", "end_year", default="")
    sec = Section(
        "targets",
        "III. MỤC TIÊU",
        notebooks=("01_status", "02_pilots"),
        params_used=("status.targets", "pilots.types.smart_commune.number"),
    )
    sec.paragraphs = [
        f"Đến năm {end_year}, tỉnh phấn đấu đạt các mục tiêu của Chương trình ở cấp xã ({_targets_basis(p)}); "
        "bảng dưới so sánh giá trị hiện tại của tỉnh với từng mục tiêu và số xã cần đạt thêm."
    ]
    targets_p = _get(p, "status", "targets", default={})
    found = _get(s01 or {}, "targets", default={})
    rows = []
    for tid, spec in targets_p.items():
        t = found.get(tid) if isinstance(found, dict) and isinstance(found.get(tid), dict) else {}
        met = t.get("met")
        rows.append(
            {
                "Chỉ tiêu / target": spec.get("label_vi", tid),
                "Mục tiêu / target": fmt_percent(spec.get("target"), 0),
                "Hiện trạng của tỉnh / province value": fmt_percent(t.get("value")),
                "Đánh giá / status": NOT_AVAILABLE
                if met is None
                else ("Đạt" if met else "Chưa đạt"),
                "Số xã cần đạt thêm / more communes needed": fmt_number(t.get("communes_needed"))
                if t
                else NOT_AVAILABLE,
            }
        )
    number = int(_get(p, "pilots", "types", "smart_commune", "number", default=1))
    chosen = _chosen(s02, "smart_commune")
    n_ok = sum(1 for c in chosen if c.get("eligible"))
    rows.append(
        {
            "Chỉ tiêu / target": "Số mô hình xã nông thôn mới thông minh thí điểm của tỉnh",
            "Mục tiêu / target": f"≥ {number} xã",
            "Hiện trạng của tỉnh / province value": (
                f"{len(chosen)} xã được chọn, {n_ok} xã đủ điều kiện"
                if s02 is not None
                else NOT_AVAILABLE
            ),
            "Đánh giá / status": (
                NOT_AVAILABLE
                if s02 is None
                else (
                    "Đạt" if _get(s02, "smart_target_met", default=n_ok >= number) else "Chưa đạt"
                )
            ),
            "Số xã cần đạt thêm / more communes needed": fmt_number(max(0, number - n_ok))
            if s02 is not None
            else NOT_AVAILABLE,
        }
    )
    sec.tables.append(
        _table(pd.DataFrame(rows), f"Bảng 4. Mục tiêu đến năm {end_year} và hiện trạng của tỉnh")
    )
    if s01 is None:
        sec.available = False
        sec.paragraphs.append(_unavailable_text(["01_status"]))
    elif s02 is None:
        sec.paragraphs.append(_unavailable_text(["02_pilots"]))
    return sec


def _generic_table(summary: dict, caption: str) -> pd.DataFrame | None:
    """Scalars of a summary whose keys the plan does not know, as a two-column table."""
    skip = {
        "notebook",
        "province_code",
        "province_name",
        "illustrative",
        "profile",
        "figures",
        "data_file",
    }
    rows = [
        {"Chỉ tiêu / key": k, "Giá trị / value": fmt_number(v) if not isinstance(v, str) else v}
        for k, v in summary.items()
        if k not in skip and (isinstance(v, (str, int, float, bool)) or v is None)
    ]
    return _table(pd.DataFrame(rows), caption) if rows else None


def _lines_by_year(s04: dict, activity: str) -> pd.DataFrame | None:
    lines = _get(s04, "budget_lines", default=[])
    if not isinstance(lines, list):
        return None
    rows = [
        r
        for r in lines
        if isinstance(r, dict) and r.get("activity") == activity and _is_num(r.get("cost_mvnd"))
    ]
    if not rows:
        return None
    frame = pd.DataFrame(rows).groupby("year", as_index=False)["cost_mvnd"].sum()
    frame["year"] = frame["year"].astype(str)
    frame["cost_mvnd"] = frame["cost_mvnd"].round(1)
    return frame.rename(
        columns={"year": "Năm / year", "cost_mvnd": "Kinh phí (triệu đồng) / cost (million VND)"}
    )


#: Words in a 04 figure's file name that place it under task 2 (communication) or 6 (support policy);
#: other 04 figures go under task 4 (training). Presentation only.
_FIGURE_HINTS = {
    "task_2": ("communication", "truyen_thong"),
    "task_6": ("support", "policy", "phu_cap", "allowance"),
}


def _split_figures(ctx: dict, notebook: str) -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {"task_2": [], "task_4": [], "task_6": []}
    for fig in ctx["figures"].get(notebook, []):
        stem = Path(fig).stem.lower()
        key = next(
            (k for k, words in _FIGURE_HINTS.items() if any(w in stem for w in words)), "task_4"
        )
        out[key].append(Path(fig))
    return out


def _data_paragraphs(sec: Section, s05: dict) -> None:
    """Fill task 5 from the 05_data summary (keys documented in :mod:`ntmplan.tasks.datashare`)."""
    known = ("completeness", "n_problems", "export_version", "conversion")
    if not any(k in s05 for k in known):
        table = _generic_table(s05, "Kết quả rà soát chất lượng và xuất dữ liệu")
        if table is not None:
            sec.tables.append(table)
        return
    sec.paragraphs.append(
        f"Rà soát chất lượng {fmt_number(s05.get('n_rows'))} dòng số liệu khảo sát: độ đầy đủ "
        f"{fmt_percent(s05.get('completeness'))} (tính cả các xã chưa có trong khảo sát: "
        f"{fmt_percent(s05.get('completeness_with_missing_units'))})."
    )
    sec.paragraphs.append(
        f"Phát hiện {fmt_number(s05.get('n_range_warnings'))} giá trị ngoài khoảng hợp lý, "
        f"{fmt_number(s05.get('n_duplicate_rows'))} dòng trùng, {fmt_number(s05.get('n_missing_units'))} xã "
        f"trong danh mục chưa có số liệu, {fmt_number(s05.get('n_unknown_units'))} đơn vị không có trong danh mục, "
        f"{fmt_number(s05.get('n_jumps'))} biến động bất thường giữa các năm: cần rà soát, cập nhật trước khi chia sẻ."
    )
    if s05.get("export_version"):
        valid = s05.get("export_valid")
        check = (
            "hợp lệ"
            if valid is True
            else (
                f"có {fmt_number(s05.get('export_errors'))} lỗi"
                if valid is False
                else NOT_AVAILABLE
            )
        )
        sec.paragraphs.append(
            f"Gói dữ liệu chia sẻ với cơ sở dữ liệu dùng chung: {s05.get('export_path') or ''} "
            f"(phiên bản {s05['export_version']}); kiểm tra theo chuẩn Frictionless Data Package: {check}."
        )
    conv = s05.get("conversion")
    if isinstance(conv, dict):
        sec.paragraphs.append(
            f"Chuyển số liệu mã đơn vị cũ sang đơn vị hành chính 2025: {fmt_number(conv.get('n_matched'))}/"
            f"{fmt_number(conv.get('n_rows'))} dòng khớp, {fmt_number(conv.get('n_merged'))} gộp, "
            f"{fmt_number(conv.get('n_split'))} tách, {fmt_number(conv.get('n_unmatched'))} không khớp."
        )
    incomplete = s05.get("incomplete_columns")
    if isinstance(incomplete, dict) and incomplete:
        rows = [
            {"Cột / column": k, "Độ đầy đủ / completeness": fmt_percent(v)}
            for k, v in incomplete.items()
        ]
        sec.tables.append(_table(pd.DataFrame(rows), "Các cột số liệu chưa đầy đủ"))


def _task_sections(ctx: dict, p: dict) -> list[Section]:
    sums = ctx["summaries"]
    tasks = _get(p, "plan", "tasks", default={})
    tl = timeline(p).set_index("task")
    exports = ctx.get("exports", {})

    def head(
        task: str, number: int, notebooks: tuple[str, ...], params_used: tuple[str, ...]
    ) -> Section:
        name = _get(tasks, task, "name_vi", default=task)
        sec = Section(
            task,
            f"{number}. {name}",
            level=2,
            notebooks=notebooks,
            params_used=params_used + (f"plan.tasks.{task}",),
        )
        row = tl.loc[task]
        when = f"Thời gian thực hiện: {row['period_vi']}" + (
            f"; thời hạn: {row['deadline_vi']}." if row["deadline_vi"] else "."
        )
        sec.paragraphs.append(when)
        missing = [nb for nb in notebooks if sums.get(nb) is None]
        if missing:
            sec.available = False
            sec.paragraphs.append(_unavailable_text(missing))
        return sec

    out = []
    # Task 1: the plan itself, built on the status review.
    sec = head("task_1", 1, ("01_status",), ())
    s01 = sums["01_status"]
    if s01 is not None:
        sec.paragraphs.append(
            f"Kế hoạch được xây dựng trên cơ sở rà soát hiện trạng {fmt_number(s01.get('n_communes'))} xã (mục II); "
            f"tỉnh đạt {fmt_number(s01.get('targets_met'))}/{fmt_number(s01.get('targets_total'))} mục tiêu cấp xã "
            "tại thời điểm khảo sát (mục III)."
        )
    out.append(sec)

    # Task 2: communication (04).
    sec = head("task_2", 2, ("04_capacity",), ("capacity.communication",))
    s04 = sums["04_capacity"]
    channels = _get(p, "capacity", "communication", "channels", default={})
    if isinstance(channels, dict) and channels:
        names = [
            str(c.get("name_vi", k)).split(" / ")[0]
            for k, c in channels.items()
            if isinstance(c, dict)
        ]
        sec.paragraphs.append("Kênh thông tin, truyền thông: " + "; ".join(names) + ".")
    if s04 is not None:
        sec.paragraphs.append(
            f"Kinh phí truyền thông dự kiến cả giai đoạn: {fmt_number(s04.get('communication_cost_mvnd'))} triệu đồng "
            "(chi tiết theo kênh và năm: capacity.xlsx)."
        )
        table = _lines_by_year(s04, "communication")
        if table is not None:
            sec.tables.append(_table(table, "Kinh phí thông tin, truyền thông theo năm"))
    sec.figures = _split_figures(ctx, "04_capacity")["task_2"]
    out.append(sec)

    # Task 3: pilots (02).
    sec = head(
        "task_3",
        3,
        ("02_pilots",),
        (
            "pilots.thresholds",
            "pilots.types",
            "pilots.weights",
            "pilots.unit_costs_mvnd",
            "pilots.registration_top_n",
        ),
    )
    s02 = sums["02_pilots"]
    if s02 is not None:
        eligible = _get(s02, "eligible_count", default={})
        types = _get(p, "pilots", "types", default={})
        sectors = _get(p, "survey", "sectors", default={})
        if s02.get("statement_vi"):
            sec.paragraphs.append(str(s02["statement_vi"]))
        elif isinstance(eligible, dict) and eligible:
            parts = [
                f"{_get(types, t, 'label_vi', default=t)}: {fmt_number(n)} xã"
                for t, n in sorted(eligible.items(), key=lambda kv: _order(kv[0], types))
            ]
            sec.paragraphs.append("Số xã đủ điều kiện theo hướng dẫn: " + "; ".join(parts) + ".")
        rows = []
        chosen_all = _get(s02, "chosen", default={})
        for ptype in (
            sorted(chosen_all, key=lambda k: _order(k, types))
            if isinstance(chosen_all, dict)
            else []
        ):
            for c in _chosen(s02, ptype):
                rows.append(
                    {
                        "Loại mô hình": _get(types, ptype, "label_vi", default=ptype),
                        "Mã xã": c.get("commune_code"),
                        "Tên xã": c.get("commune_name"),
                        "Lĩnh vực nổi bật": str(
                            sectors.get(c.get("prominent_sector"), c.get("prominent_sector") or "")
                        ).split(" / ")[0],
                        "Đủ điều kiện": "Có" if c.get("eligible") else "Chưa",
                        "Điểm (0–100)": round(c["score"], 1) if _is_num(c.get("score")) else None,
                        "Chi phí bù thiếu hụt (triệu đồng)": round(c["gap_mvnd"], 1)
                        if _is_num(c.get("gap_mvnd"))
                        else None,
                        "Còn thiếu": c.get("missing_vi") or "",
                    }
                )
        if rows:
            sec.tables.append(_table(pd.DataFrame(rows), "Các xã được chọn làm mô hình thí điểm"))
        cheapest = _get(s02, "cheapest_path", default={})
        rows = [
            {
                "Loại mô hình": _get(types, ptype, "label_vi", default=ptype),
                "Mã xã": c.get("commune_code"),
                "Tên xã": c.get("commune_name"),
                "Tổng chi phí bù thiếu hụt (triệu đồng)": round(c["total_gap_mvnd"], 1)
                if _is_num(c.get("total_gap_mvnd"))
                else None,
                "Còn thiếu": c.get("missing_vi") or "",
            }
            for ptype, items in (cheapest.items() if isinstance(cheapest, dict) else [])
            for c in (items if isinstance(items, list) else [])
            if isinstance(c, dict)
        ]
        if rows:
            sec.tables.append(
                _table(
                    pd.DataFrame(rows),
                    "Lộ trình đạt điều kiện: các xã có chi phí bù thiếu hụt thấp nhất",
                )
            )
        if "dang_ky_thi_diem_trung_uong.xlsx" in exports:
            sec.paragraphs.append(
                "Danh sách đăng ký xã tham gia thí điểm do Trung ương chỉ đạo: dang_ky_thi_diem_trung_uong.xlsx."
            )
    sec.figures = list(ctx["figures"].get("02_pilots", []))
    out.append(sec)

    # Task 4: training (04).
    sec = head(
        "task_4",
        4,
        ("04_capacity",),
        (
            "capacity.scope_unit_types",
            "capacity.plan_start_year",
            "capacity.groups",
            "capacity.trainer_pools",
            "capacity.topics",
            "capacity.modes",
        ),
    )
    if s04 is not None:
        sec.paragraphs.append(
            f"Tổng cộng {fmt_number(s04.get('participants_total'))} lượt học viên, {fmt_number(s04.get('classes_total'))} lớp, "
            f"kinh phí {fmt_number(s04.get('training_cost_mvnd'))} triệu đồng."
        )
        if s04.get("officials_all_trained") is not None:
            sec.paragraphs.append(
                "Mọi cán bộ, công chức cấp xã được đào tạo ít nhất một lần trong giai đoạn."
                if s04["officials_all_trained"]
                else "Chưa bảo đảm mọi cán bộ, công chức cấp xã được đào tạo ít nhất một lần: cần tăng tỷ lệ đào tạo hằng năm."
            )
        groups = _get(s04, "groups", default={})
        if isinstance(groups, dict) and groups:
            rows = [
                {
                    "Đối tượng": str(g.get("name_vi", k)).split(" / ")[0],
                    "Quy mô (người)": g.get("size"),
                    "Lượt học viên": g.get("participants"),
                    "Số lớp": g.get("classes"),
                    "Kinh phí (triệu đồng)": round(g["cost_mvnd"], 1)
                    if _is_num(g.get("cost_mvnd"))
                    else None,
                }
                for k, g in groups.items()
                if isinstance(g, dict)
            ]
            sec.tables.append(
                _table(
                    pd.DataFrame(rows), "Kế hoạch đào tạo, tập huấn theo đối tượng (cả giai đoạn)"
                )
            )
    sec.figures = _split_figures(ctx, "04_capacity")["task_4"]
    out.append(sec)

    # Task 5: data (05).
    sec = head("task_5", 5, ("05_data",), ("datashare",))
    s05 = sums["05_data"]
    if s05 is not None:
        _data_paragraphs(sec, s05)
    sec.figures = list(ctx["figures"].get("05_data", []))
    out.append(sec)

    # Task 6: support policies (04, allowance).
    sec = head("task_6", 6, ("04_capacity",), ("capacity.support_policy",))
    if s04 is not None:
        allowance = _get(p, "capacity", "support_policy", "monthly_allowance_mvnd")
        sec.paragraphs.append(
            f"Đề xuất phụ cấp cho {fmt_number(s04.get('allowance_members'))} thành viên Tổ công nghệ số cộng đồng, "
            f"mức {fmt_number(allowance, 2)} triệu đồng/người/tháng; tổng kinh phí chính sách hỗ trợ cả giai đoạn "
            f"{fmt_number(s04.get('support_policy_cost_mvnd'))} triệu đồng."
        )
        table = _lines_by_year(s04, "support_policy")
        if table is not None:
            sec.tables.append(_table(table, "Kinh phí chính sách hỗ trợ theo năm"))
    sec.figures = _split_figures(ctx, "04_capacity")["task_6"]
    out.append(sec)

    # Task 7: resources (03).
    sec = head(
        "task_7", 7, ("03_budget",), ("budget.splits", "budget.envelopes", "budget.fallback")
    )
    s03 = sums["03_budget"]
    if s03 is not None:
        shares = _get(s03, "source_shares", default={})
        labels = _get(p, "budget", "sources", default={})
        if isinstance(shares, dict) and shares:
            parts = [
                f"{str(labels.get(k, k)).split(' / ')[0]} {fmt_percent(v)}"
                for k, v in sorted(shares.items(), key=lambda kv: _order(kv[0], labels))
                if _is_num(v) and v > 0
            ]
            sec.paragraphs.append("Cơ cấu nguồn vốn: " + "; ".join(parts) + ".")
        sec.paragraphs.append(
            f"Tổng nhu cầu kinh phí {fmt_number(s03.get('total_mvnd'))} triệu đồng; đã xác định nguồn "
            f"{fmt_number(s03.get('funded_mvnd'))} triệu đồng; chưa có nguồn {fmt_number(s03.get('gap_mvnd'))} triệu đồng "
            "(chi tiết mục VII)."
        )
        sec.paragraphs.append(
            "Huy động doanh nghiệp đầu tư hạ tầng, dịch vụ số; lồng ghép nguồn vốn các chương trình, dự án trên địa bàn."
        )
    out.append(sec)
    return out


def _responsibilities_section(ctx: dict, p: dict) -> Section:
    table = responsibilities(p)
    table["task"] = table["task"].str.replace("task_", "", regex=False)
    lead = _get(p, "plan", "agencies", "lead", default="")
    sec = Section(
        "responsibilities",
        "V. TỔ CHỨC THỰC HIỆN",
        [
            f"{lead} là cơ quan thường trực, chủ trì tổ chức thực hiện, theo dõi, đôn đốc và tổng hợp "
            "báo cáo kết quả thực hiện kế hoạch định kỳ hằng năm.",
            "Các cơ quan, đơn vị chủ trì, phối hợp thực hiện từng nhiệm vụ theo bảng dưới.",
        ],
        tables=[
            _table(
                table,
                "Phân công chủ trì, phối hợp thực hiện các nhiệm vụ",
                {**LABELS, "task": "TT"},
            )
        ],
        params_used=("plan.agencies", "plan.tasks"),
    )
    return sec


def _timeline_section(ctx: dict, p: dict) -> Section:
    tl = timeline(p)
    table = tl[["task", "name_vi", "period_vi", "deadline_vi"]].copy()
    table["task"] = table["task"].str.replace("task_", "", regex=False)
    table["deadline_vi"] = table["deadline_vi"].replace("", "—")
    figs = [
        f for f in ctx["figures"].get("06_plan", []) if "tien_do" in f.stem or "timeline" in f.stem
    ]
    return Section(
        "timeline",
        "VI. TIẾN ĐỘ THỰC HIỆN",
        [
            "Các nhiệm vụ được thực hiện theo quý; thời hạn lấy theo hướng dẫn của Chương trình (nhiệm vụ 1) "
            "hoặc theo giả định của kế hoạch (xem mục Giả định và lưu ý)."
        ],
        tables=[_table(table, "Tiến độ thực hiện các nhiệm vụ", {**LABELS, "task": "TT"})],
        figures=figs,
        params_used=("plan.tasks", "programme.start_year", "programme.end_year"),
    )


def _budget_section(ctx: dict, p: dict) -> Section:
    s03 = ctx["summaries"]["03_budget"]
    sec = Section(
        "budget",
        "VII. KINH PHÍ THỰC HIỆN",
        notebooks=("03_budget",),
        params_used=(
            "budget.unit_costs",
            "budget.phasing",
            "budget.splits",
            "budget.envelopes",
            "budget.fallback",
            "budget.share_bounds",
            "budget.pilots",
        ),
    )
    if s03 is None:
        sec.available = False
        sec.paragraphs = [_unavailable_text(["03_budget"])]
        return sec
    sources = _get(p, "budget", "sources", default={})
    activities = _get(p, "budget", "activities", default={})
    sec.paragraphs = [
        f"Tổng kinh phí dự kiến: {fmt_number(s03.get('total_mvnd'))} triệu đồng, trong đó đã xác định nguồn "
        f"{fmt_number(s03.get('funded_mvnd'))} triệu đồng, chưa có nguồn {fmt_number(s03.get('gap_mvnd'))} triệu đồng. "
        "Chi tiết theo hoạt động, năm và nguồn: budget.xlsx."
    ]

    def money_table(key: str, labels: dict, first: str, caption: str) -> None:
        data = _get(s03, key, default={})
        if isinstance(data, dict) and data:
            rows = [
                {first: str(labels.get(k, k)).split(" / ")[0], "Kinh phí (triệu đồng)": _round(v)}
                for k, v in sorted(data.items(), key=lambda kv: _order(kv[0], labels))
            ]
            sec.tables.append(_table(pd.DataFrame(rows), caption))

    money_table("by_source_mvnd", sources, "Nguồn vốn", "Kinh phí theo nguồn vốn")
    money_table("by_year_mvnd", {}, "Năm", "Kinh phí theo năm")
    money_table("by_activity_mvnd", activities, "Hoạt động", "Kinh phí theo hoạt động")
    unfunded = _get(s03, "unfunded_items", default=[])
    if isinstance(unfunded, list) and unfunded:
        frame = pd.DataFrame([u for u in unfunded if isinstance(u, dict)])
        if len(frame):
            frame = frame.rename(
                columns={
                    "activity": "Hoạt động",
                    "year": "Năm",
                    "source": "Nguồn vốn",
                    "amount_mvnd": "Chưa có nguồn (triệu đồng)",
                }
            )
            sec.tables.append(_table(frame, "Các khoản chưa có nguồn"))
    failed = _get(s03, "checks_failed", default=[])
    if isinstance(failed, list) and failed:
        sec.paragraphs.append("Lưu ý kiểm tra nguồn vốn:")
        sec.paragraphs += [f"- {m}" for m in failed]
    sec.figures = list(ctx["figures"].get("03_budget", []))
    return sec


def _assumptions_section(ctx: dict, p: dict, used: list[str], overlay_files) -> Section:
    paras = []
    if ctx.get("illustrative"):
        paras.append(ILLUSTRATIVE_TEXT)
    missing = ctx.get("missing", [])
    if missing:
        paras.append(
            "Các phần chưa có số liệu vì sổ tính chưa chạy: "
            + ", ".join(_NB_TITLES.get(n, n) for n in missing)
            + "."
        )
    paras += [
        "Mọi ngưỡng, mục tiêu, trọng số, định mức và đơn giá dùng trong kế hoạch được liệt kê dưới đây cùng giá trị "
        "đã dùng và nguồn (văn bản, mục hướng dẫn) hoặc ghi rõ là giả định của người lập kế hoạch. Các giá trị "
        "giả định cần được tỉnh thay bằng định mức, đơn giá của địa phương trước khi ban hành.",
        "Nguồn viết tắt: [G] Hướng dẫn (Phụ lục III, Bộ NN&PTNT 2022); [924] Quyết định 924/QĐ-TTg; "
        "[318] Quyết định 318/QĐ-TTg; [DTI] Quyết định 922/QĐ-BTTTT; [2026] Nghị quyết 257/2025/QH15, "
        "Quyết định 51/2025/QĐ-TTg; assumption = giả định.",
    ]
    table = assumptions_table(p, sorted(set(used)), overlay_files)
    table["note"] = [
        f"đã điều chỉnh ({layer}); mặc định: {default}" if changed else ""
        for changed, layer, default in zip(
            table["changed"], table["layer"], table["default"], strict=True
        )
    ]
    table = table[["key", "value", "source", "note"]]
    return Section(
        "assumptions",
        "VIII. GIẢ ĐỊNH VÀ LƯU Ý",
        paras,
        tables=[_table(table, "Tham số đã dùng và nguồn", LABELS)],
        params_used=(),
    )


def plan_sections(summaries: dict, params: dict | None = None, overlay_files=None) -> list[Section]:
    """Assemble the sections of the provincial plan, in the order a provincial plan takes.

    Parameters
    ----------
    summaries : dict
        Output of :func:`collect`, or a plain ``{notebook: summary dict}`` mapping (as in
        ``summary.json``). Missing notebooks make their sections ``available=False``.
    params : dict, optional
        Resolved params (default: ``default_params()``).
    overlay_files : list of (label, Path), optional
        Passed to :func:`assumptions_table` (default: the profile file).

    Returns
    -------
    list of Section
        ``purpose``, ``current_state``, ``targets``, ``tasks``, ``task_1``…``task_7``,
        ``responsibilities``, ``timeline``, ``budget``, ``assumptions``.

    Raises
    ------
    ValueError, KeyError
        If ``plan.tasks`` / ``plan.agencies`` are malformed (see :func:`timeline`,
        :func:`responsibilities`). Missing or partial summaries never raise.
    """
    p = _params(params)
    ctx = _normalise(summaries)
    sections = [_purpose(ctx, p), _current_state(ctx, p), _targets(ctx, p)]
    tasks = _task_sections(ctx, p)
    sections.append(
        Section(
            "tasks",
            "IV. NHIỆM VỤ VÀ GIẢI PHÁP",
            [
                "Bảy nhóm nhiệm vụ theo hướng dẫn thực hiện Chương trình, với kết quả tính toán của các sổ tính."
            ],
            available=all(t.available for t in tasks),
        )
    )
    sections += tasks
    sections += [
        _responsibilities_section(ctx, p),
        _timeline_section(ctx, p),
        _budget_section(ctx, p),
    ]
    used = [u for s in sections if s.available for u in s.params_used]
    sections.append(_assumptions_section(ctx, p, used, overlay_files))
    return sections


# ----------------------------------------------------------------- display and summary


def _markdown_table(df: pd.DataFrame) -> str:
    def cell(v) -> str:
        text = fmt_number(v) if not isinstance(v, str) else v
        return text.replace("\n", " ")

    head = "| " + " | ".join(cell(str(c)) for c in df.columns) + " |"
    rule = "|" + "---|" * len(df.columns)
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *body])


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|!~])")


def md_escape(text: str) -> str:
    """Escape text for Markdown: HTML characters as entities, Markdown syntax with backslashes.

    A commune name such as ``[x](javascript:…)`` or ``<img …>`` then shows as plain text.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    import html

    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def section_markdown(section: Section, tables: bool = False) -> str:
    """Render a section's heading and paragraphs (and optionally its tables) as Markdown.

    All text is escaped with :func:`md_escape`; a paragraph starting with ``"- "`` stays a
    bullet.

    Parameters
    ----------
    section : Section
    tables : bool
        Also render the tables as Markdown tables.

    Returns
    -------
    str
    """
    lines = ["#" * (section.level + 1) + " " + md_escape(section.title)]
    if not section.available:
        lines.append("*⚠ Chưa có đủ số liệu cho phần này / section not (fully) available.*")
    for para in section.paragraphs:
        bullet = para.startswith("- ")
        lines.append(("- " if bullet else "") + md_escape(para[2:] if bullet else para))
    if tables:
        for df in section.tables:
            lines.append(f"**{md_escape(str(df.attrs.get('caption', '')))}**")
            lines.append(
                _markdown_table(
                    df.astype(object).map(lambda v: md_escape(v) if isinstance(v, str) else v)
                )
            )
    return "\n\n".join(lines)


def show_sections(sections: list[Section]) -> None:
    """Display the sections in a notebook: Markdown text, tables and figures.

    Parameters
    ----------
    sections : list of Section

    Returns
    -------
    None
    """
    from IPython.display import Image, Markdown, display

    for sec in sections:
        display(Markdown(section_markdown(sec)))
        for df in sec.tables:
            display(Markdown(f"**{md_escape(df.attrs.get('caption', ''))}**"))
            with pd.option_context(
                "display.max_rows", 1000, "display.max_colwidth", 400, "display.precision", 1
            ):
                display(df)
        for fig in sec.figures:
            if Path(fig).is_file():
                display(Image(filename=str(fig)))


def summary(
    sections: list[Section], collected: dict | None = None, params: dict | None = None
) -> dict:
    """Key figures of the plan for ``summary_06_plan.json`` (keys in the module docstring).

    Parameters
    ----------
    sections : list of Section
        Output of :func:`plan_sections`.
    collected : dict, optional
        Output of :func:`collect` (for ``missing_notebooks``); without it, the notebooks of
        the sections marked not available.
    params : dict, optional
        Resolved params.

    Returns
    -------
    dict
        JSON-serialisable.
    """
    p = _params(params)
    if collected is not None:
        missing = sorted(_normalise(collected)["missing"])
    else:
        missing = sorted({nb for s in sections if not s.available for nb in s.notebooks})
    return {
        "sections": [
            {"key": s.key, "title": s.title, "available": bool(s.available)} for s in sections
        ],
        "sections_available": int(sum(s.available for s in sections)),
        "sections_total": len(sections),
        "missing_notebooks": missing,
        "deadline_plan": str(_get(p, "plan", "tasks", "task_1", "deadline", default="")),
    }


def docx_file_name(province_code: str) -> str:
    """Return the Word draft's file name, built only from the validated province slug.

    Parameters
    ----------
    province_code : str
        Two-digit province code (2025 scheme).

    Returns
    -------
    str
        ``ke_hoach_<slug>.docx``, e.g. ``ke_hoach_ha-noi.docx``.

    Raises
    ------
    ValueError
        If the code is not a known province.
    """
    from ntmplan.survey import units

    slug = units.province_slug(province_code)
    if not re.fullmatch(r"[a-z0-9-]+", slug or ""):
        raise ValueError(f"Mã tỉnh không hợp lệ / invalid province code: {province_code!r}")
    return f"ke_hoach_{slug}.docx"
