"""The section record of the plan, its captioned tables and its "not available" text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ntmplan.tasks.plan.labels import notebook_title


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


def captioned(df: pd.DataFrame, caption: str, labels: dict | None = None) -> pd.DataFrame:
    """Return a section table: columns renamed, index reset, ``attrs["caption"]`` set.

    Parameters
    ----------
    df : pandas.DataFrame
    caption : str
    labels : dict, optional
        Column renames (e.g. :data:`ntmplan.tasks.plan.LABELS`).

    Returns
    -------
    pandas.DataFrame
    """
    out = df.rename(columns=labels or {}).reset_index(drop=True)
    out.attrs["caption"] = caption
    return out


def unavailable_text(notebooks: list[str]) -> str:
    """Return the "chưa có số liệu" paragraph naming the notebooks that have not run.

    Parameters
    ----------
    notebooks : list of str
        Notebook ids.

    Returns
    -------
    str
    """
    names = ", ".join(notebook_title(n) for n in notebooks)
    return (
        f"Chưa có số liệu: sổ tính {names} chưa chạy (hoặc chưa ghi kết quả) cho tỉnh này. "
        f"Chạy sổ tính đó rồi lập lại kế hoạch. / Not available: notebook(s) {', '.join(notebooks)} "
        "have not run for this province."
    )
