"""The source comments of params files (``key: value  # source``), and dotted-key look-up.

The parsing behind every notebook's "Giả định & lưu ý" (assumptions) table, which
:func:`ntmplan.core.params.section_sources` builds with the resolved values.
"""

from __future__ import annotations

import re
from pathlib import Path

from ntmplan.core import paths


def _split_comment(text: str) -> tuple[str, str]:
    """Split ``value  # comment`` at the first ``#`` outside quotes that follows a space."""
    quote = ""
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t"):
            return text[:i].rstrip(), text[i + 1 :].strip()
    return text.rstrip(), ""


_KEY_RE = re.compile(r"^([A-Za-z0-9_\-]+|\"[^\"]+\"|'[^']+'):(?:\s+(.*))?$")


def _comment_records(text: str) -> list[dict]:
    """Every key line of a params YAML text, in file order, with its comments.

    Each record has ``key`` (dotted; block-list items as ``key[i]``), ``value`` (as written;
    "" for a mapping opened on the next lines), ``leaf`` (bool), ``comment`` (end-of-line
    comment), ``above`` (full-line comments just above, joined; a blank line ends a block) and
    ``source``: for a leaf its comment, else the block above, else the nearest parent's
    source; for a mapping its comment, else the block above.
    """
    records: list[dict] = []
    stack: list[tuple[int, str, str]] = []  # (indent, key, source passed to children)
    list_counts: dict[str, int] = {}
    above: list[str] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped.startswith("#"):
            above.append(stripped.lstrip("#").strip())
            continue
        if not stripped or stripped in ("---", "..."):
            above = []
            continue
        block, above = " ".join(a for a in above if a), []
        indent = len(raw) - len(raw.lstrip(" "))
        if stripped.startswith("- "):
            while stack and stack[-1][0] > indent:
                stack.pop()
            if not stack:
                continue
            parent = ".".join(k for _, k, _ in stack)
            i = list_counts.get(parent, 0)
            list_counts[parent] = i + 1
            key, leaf = f"{parent}[{i}]", True
            value, comment = _split_comment(stripped[2:])
        else:
            body, comment = _split_comment(stripped)
            match = _KEY_RE.match(body)
            if not match:
                continue
            name = match.group(1).strip("\"'")
            value = (match.group(2) or "").strip()
            while stack and stack[-1][0] >= indent:
                stack.pop()
            key, leaf = ".".join([k for _, k, _ in stack] + [name]), bool(value)
        inherited = next((c for _, _, c in reversed(stack) if c), "") if leaf else ""
        source = comment or block or inherited
        records.append(
            {
                "key": key,
                "value": value,
                "leaf": leaf,
                "comment": comment,
                "above": block,
                "source": source,
            }
        )
        if not leaf:
            stack.append((indent, name, source))
    return records


def read_params_text(path: str | Path | None) -> str:
    """Return the text of a params file (default ``params/defaults.yaml``).

    Parameters
    ----------
    path : str or Path or None

    Returns
    -------
    str

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    """
    return Path(path or paths.DEFAULTS_FILE).read_text(encoding="utf-8-sig")


def param_sources(path: str | Path | None = None, text: str | None = None):
    """Parse the ``key: value  # source`` lines of a params YAML file into a table.

    Only leaves are listed (lines with a value after the colon, including flow mappings and
    lists such as ``{weight: 0.35, cap: 1.0}``); the dotted key follows the indentation.
    Items of a block list (``- {...}  # comment``) are listed as ``key[i]``. The comment is
    the source (everything after the first ``#`` outside quotes that follows a space); a leaf
    without one takes the comment lines written just above it (a blank line ends such a
    block), else the comment of its nearest parent key (inline or above); otherwise the
    source is empty.

    Parameters
    ----------
    path : str or Path, optional
        The YAML file (default ``params/defaults.yaml``). Only read.
    text : str, optional
        YAML text to parse instead of a file.

    Returns
    -------
    pandas.DataFrame
        Columns ``key`` (dotted), ``value`` (as written), ``source``, in file order.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist (and no ``text`` is given).
    """
    import pandas as pd

    if text is None:
        text = read_params_text(path)
    rows = [r for r in _comment_records(text) if r["leaf"]]
    return pd.DataFrame(
        [(r["key"], r["value"], r["source"]) for r in rows], columns=["key", "value", "source"]
    )


_INDEX_RE = re.compile(r"^(.*)\[(\d+)\]$")


def lookup(params: dict, dotted: str):
    """Return the value of a dotted params key (``a.b.c`` or ``a.b[2]``), or None if absent.

    Parameters
    ----------
    params : dict
        Resolved params (or any nested mapping).
    dotted : str
        Dotted key as listed by :func:`param_sources`.

    Returns
    -------
    object or None
        The value; None when a part of the key is missing or an index is out of range.

    Raises
    ------
    None
    """
    cur = params
    for part in dotted.split("."):
        m = _INDEX_RE.match(part)
        name, index = (m.group(1), int(m.group(2))) if m else (part, None)
        if not isinstance(cur, dict) or name not in cur:
            return None
        cur = cur[name]
        if index is not None:
            if not isinstance(cur, list) or index >= len(cur):
                return None
            cur = cur[index]
    return cur


#: How :func:`section_sources` picks keys and their source text.
SOURCE_STYLES = ("source", "inline", "joined")


def section_comments(text: str, section: str, style: str) -> dict[str, str]:
    """Return dotted key → source text for the keys of one top-level ``section``.

    Parameters
    ----------
    text : str
        A params YAML text.
    section : str
        Top-level section (``"status"``, ``"budget"``, …).
    style : {"source", "inline", "joined"}
        See :func:`ntmplan.core.params.section_sources`.

    Returns
    -------
    dict
        In file order.
    """
    out: dict[str, str] = {}
    for r in _comment_records(text):
        if not r["key"].startswith((f"{section}.", f"{section}[")):
            continue
        if style == "source":
            if r["leaf"]:
                out[r["key"]] = r["source"]
        elif style == "inline":
            if r["comment"]:
                out[r["key"]] = r["comment"]
        else:
            joined = " — ".join(t for t in (r["above"], r["comment"]) if t)
            if joined:
                out[r["key"]] = joined
    return out
