"""Params source comments as a planner reads them: legal documents named in Vietnamese.

Params comments cite their sources with short tags (``[G] task 3``, ``[924]``, ``[318] 8.2``,
``[DTI]``, ``[2026]``) and say ``assumption`` for a planner's choice; the "Giả định & lưu ý"
tables show, first, the documents cited under their Vietnamese names and numbers
(:func:`cited_sources`), then the comment with the tags spelled out (:func:`source_note`).
References to the project's own notes are dropped: a report cites legal texts only.
"""

from __future__ import annotations

import ast
import json
import re

from ntmplan.core import fmt

#: Programme guidance (Appendix III) of the Ministry of Agriculture, 2022, on Decision 924.
GUIDANCE = "Hướng dẫn kèm Công văn BNN-VPĐP 2022 (Phụ lục III)"
#: Tag → Vietnamese name of the legal document.
DOCUMENTS = {
    "924": "QĐ 924/QĐ-TTg ngày 02/8/2022",
    "318": "QĐ 318/QĐ-TTg năm 2022",
    "DTI": "QĐ 922/QĐ-BTTTT năm 2022",
    "2026": "NQ 257/2025/QH15; QĐ 51/2025/QĐ-TTg",
}
#: Sections of the project's domain notes → the legal document behind them.
_NOTE_SECTIONS = {
    "the guidance": GUIDANCE,
    "quantitative targets": DOCUMENTS["924"],
    "after 2025": DOCUMENTS["2026"],
    "administrative structure": "NQ 202/2025/QH15 (sắp xếp đơn vị hành chính từ 01/7/2025)",
}
ASSUMPTION = "Giả định"

_GUIDANCE_TAG = re.compile(r"\[G\](?:\s*,?\s*tasks?\s+(\d+[a-z]?(?:\s*[–-]\s*\d+)?))?", re.I)
_DOC_TAG = re.compile(r"\[(924|318|DTI|2026)\](?:\s*(\d+\.\d+))?")
_PROJECT_NOTE = re.compile(r"\b(?:DOMAIN|DESIGN)\.md(?:\s+(?:\"([^\"]*)\"|[a-z ]+table))?", re.I)
_ISSUE = re.compile(r"[,;(]?\s*\bissue\s+\d+(?:\s+item\s+\d+)?\)?", re.I)
_NAMED = re.compile(r"\b\d{2,4}/(?:\d{4}/)?(?:QĐ-TTg|QĐ-BTTTT|BNN-VPĐP|NĐ-CP|QH15|QĐ-BCĐTW-VPĐP)")
_ASSUMPTION = re.compile(r"\bassumptions?\b", re.I)


_KIND_OF_NUMBER = (("BNN-VPĐP", "Công văn"), ("NĐ-CP", "NĐ"), ("QH15", "NQ"), ("QĐ-", "QĐ"))


def _named(number: str) -> str:
    """A document number written in a comment (``922/QĐ-BTTTT``) with its kind (``QĐ 922/…``)."""
    kind = next(k for marker, k in _KIND_OF_NUMBER if marker in number)
    return f"{kind} {number}"


def _guidance(task: str | None) -> str:
    return f"{GUIDANCE}, nhiệm vụ {task}" if task else GUIDANCE


def _document(tag: str, item: str | None) -> str:
    name = DOCUMENTS[tag]
    return f"{name}, chỉ tiêu {item}" if item and tag == "318" else name


def cited_sources(comment: str) -> str:
    """The documents a params comment cites, Vietnamese names, ``; ``-separated.

    Parameters
    ----------
    comment : str
        A params source comment, e.g. ``"[G] task 3; assumption: weight"``.

    Returns
    -------
    str
        The documents in the order cited, then ``Giả định`` if the comment says so; e.g. ``"Hướng dẫn kèm Công văn BNN-VPĐP 2022 (Phụ lục III), nhiệm vụ 3; Giả định"``;
        ``"—"`` when the comment names nothing.
    """
    text = str(comment or "")
    found: list[tuple[int, str]] = []
    found += [(m.start(), _guidance(m.group(1))) for m in _GUIDANCE_TAG.finditer(text)]
    found += [(m.start(), _document(m.group(1), m.group(2))) for m in _DOC_TAG.finditer(text)]
    for m in _PROJECT_NOTE.finditer(text):
        name = _NOTE_SECTIONS.get((m.group(1) or "").lower())
        if name:
            found.append((m.start(), name))
    found += [(m.start(), _named(m.group(0))) for m in _NAMED.finditer(text)]
    found += [(m.start(), ASSUMPTION) for m in _ASSUMPTION.finditer(text)]
    names: list[str] = []
    for _, name in sorted(found):
        if not any(name == n or name in n for n in names):
            names = [n for n in names if n not in name] + [name]
    names = [n for n in names if n != ASSUMPTION] + [n for n in names if n == ASSUMPTION]
    return "; ".join(names) if names else "—"


def source_note(comment: str) -> str:
    """A params comment with its tags spelled out and references to project notes removed.

    Parameters
    ----------
    comment : str

    Returns
    -------
    str
        ``[924]`` → ``QĐ 924/QĐ-TTg ngày 02/8/2022``, ``[G] task 3`` → the guidance, task 3,
        ``assumption`` → ``giả định``; ``DOMAIN.md "…"`` → the legal document behind that
        section (or nothing), project issue numbers dropped.
    """
    text = str(comment or "")
    text = _GUIDANCE_TAG.sub(lambda m: _guidance(m.group(1)), text)
    text = _DOC_TAG.sub(lambda m: _document(m.group(1), m.group(2)), text)
    text = _PROJECT_NOTE.sub(lambda m: _NOTE_SECTIONS.get((m.group(1) or "").lower(), ""), text)
    text = _ISSUE.sub("", text)
    text = _ASSUMPTION.sub("giả định", text)
    text = re.sub(r"\(\s*\)|\s+—\s*(?=—|$|;|\.)|\s{2,}", " ", text)
    return re.sub(r"\s+([;:,.)])", r"\1", text).strip(" —;,") or "—"


def param_value_text(value, key: str = "", codes: dict[str, str] | None = None) -> str:
    """A params value (as the assumptions tables hold it: YAML/JSON text) as a planner reads it.

    Parameters
    ----------
    value : object
        ``'["trong_trot", "y_te"]'``, ``"0.05"``, ``"true"``, ``"households"``…
    key : str
        The dotted params key; a key about a year or a seed keeps its digits as they are.
    codes : dict, optional
        Code → label, applied to text items and mapping keys (sector codes and the like).

    Returns
    -------
    str
        Lists joined with ``"; "`` (the comma is the decimal comma), numbers the Vietnamese way, ``true``/``false`` → ``có``/``không``,
        ``null`` → ``—``; anything else unchanged.
    """
    codes = codes or {}
    raw_key = key.rsplit(".", 1)[-1].lower()
    # a key naming a year (start_year, years) or a seed keeps its digits; "share_per_year" does not
    plain = bool(re.search(r"(^|_)years?$|seed", raw_key)) and "_per_" not in raw_key

    def one(x) -> str:
        if x is None:
            return "—"
        if isinstance(x, bool):
            return "có" if x else "không"
        if isinstance(x, int | float):
            if plain:
                return str(x)
            if isinstance(x, int) or float(x).is_integer():
                return fmt.number(int(x))
            digits = min(6, len(repr(float(x)).split(".")[1]))
            return fmt.number(float(x), digits)
        if isinstance(x, list):
            return "; ".join(one(v) for v in x) if x else "(trống)"  # "," is the decimal comma
        if isinstance(x, dict):
            return "; ".join(f"{codes.get(str(k), k)}: {one(v)}" for k, v in x.items()) or "(trống)"
        return codes.get(str(x), str(x))

    if not isinstance(value, str):
        return one(value)
    for parse in (json.loads, ast.literal_eval, _yaml_collection):
        try:
            return one(parse(value))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    return codes.get(value, value)


def _yaml_collection(text: str):
    """A YAML flow list or mapping as the params file writes it (``[central, commune]``).

    Only text opening with ``[`` or ``{`` is read: a bare ``no`` or ``on`` stays a word.
    """
    import yaml

    if not text.strip().startswith(("[", "{")):
        raise ValueError("not a YAML collection")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise ValueError(str(err)) from err
