"""Reading what notebooks 01–05 left in a province folder: summaries, figures, exports."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core.summaries import identity, nested_get, read_summaries
from ntmplan.tasks.plan.labels import EXPORTS, NOT_AVAILABLE, SOURCE_NOTEBOOKS, notebook_title


def _figures_of(
    notebook: str, summary: dict | None, figures_dir: Path, out_dir: Path
) -> list[Path]:
    """Figures of one notebook: the summary's ``figures`` list, else files named after the notebook."""
    listed = nested_get(summary or {}, "figures")
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
    summaries = read_summaries(out_dir, notebooks)
    figures_dir = out_dir / "figures"
    return {
        "summaries": summaries,
        "missing": [nb for nb, s in summaries.items() if s is None],
        "figures": {nb: _figures_of(nb, summaries[nb], figures_dir, out_dir) for nb in notebooks},
        "exports": {name: out_dir / name for name in EXPORTS if (out_dir / name).is_file()},
        **identity(summaries.values()),
        "out_dir": out_dir,
    }


def normalise(collected: dict) -> dict:
    """Accept either :func:`collect`'s result or a plain ``{notebook: summary}`` mapping.

    Parameters
    ----------
    collected : dict
        Output of :func:`collect`, or ``{notebook: summary dict}`` (as in ``summary.json``).

    Returns
    -------
    dict
        Like :func:`collect`'s result, with ``summaries`` and ``missing`` over
        :data:`SOURCE_NOTEBOOKS` (non-dict summaries count as missing).
    """
    if isinstance(collected, dict) and "summaries" in collected:
        out = dict(collected)
    else:
        summaries = {k: v for k, v in (collected or {}).items() if isinstance(v, dict)}
        who = identity(summaries.values())
        out = {
            "summaries": summaries,
            "figures": {},
            "exports": {},
            "province_code": who["province_code"],
            "province_name": who["province_name"],
            "illustrative": who["illustrative"],
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
    ctx = normalise(collected)
    rows = [
        {
            "Sổ tính / notebook": notebook_title(nb),
            "Kết quả / results": "có" if ctx["summaries"][nb] is not None else NOT_AVAILABLE,
            "Số hình / figures": len(ctx["figures"].get(nb, [])),
        }
        for nb in SOURCE_NOTEBOOKS
    ]
    return pd.DataFrame(rows)
