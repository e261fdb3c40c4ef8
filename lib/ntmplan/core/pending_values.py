"""Params values still pending a legal text, and the one line every report shows about them.

Some values of the 2026–2030 phase (the per-group thresholds of Decision 51/2025/QĐ-TTg,
Appendix I criterion 7; the modern-NTM framework of Appendix II; the province-completion
conditions of Appendix III) were not available in full. Params mark each such value with a
comment ``# assumption — to be replaced by Decision 51/2025/QĐ-TTg Appendix I, criterion 7``
(or ``Appendix II`` / ``Appendix III``). An office that has the decision writes the values in
its params file; when that file's comment no longer carries the marker, the line disappears.

:func:`pending_values` lists the marked keys that the resolved params use;
:func:`pending_line` writes them as one visible Markdown line; :func:`profile_line` names the
programme profile in force (the header of every report).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from ntmplan.core import paths
from ntmplan.core.by_group import by_group_problems, describe_by_group, is_by_group
from ntmplan.core.indicator_names import LABELS as INDICATOR_LABELS
from ntmplan.core.legal_sources import param_value_text
from ntmplan.core.param_sources import lookup, param_sources, read_params_text

#: The marker of a value pending a legal text: "to be replaced by Decision 51/2025 …".
PENDING_MARKER = re.compile(
    r"to be replaced by (Decision\s+\d+/\d{4}(?:/QĐ-TTg)?[^;#(]*)", re.IGNORECASE
)
#: What the marker's English names of the decision's parts read as in Vietnamese.
_PARTS_VI = (
    (re.compile(r"\bDecision\s+(\d+/\d{4})(?:/QĐ-TTg)?", re.I), r"Quyết định \1/QĐ-TTg"),
    (re.compile(r"\bAppendix\s+(I{1,3}V?)\b", re.I), r"Phụ lục \1"),
    (re.compile(r"\bcriterion\s+(\d+)", re.I), r"tiêu chí \1"),
)


def layer_files(
    params: dict, province_code: str | None = None, params_file: str | Path | None = None
) -> list[Path]:
    """Return the params files of a run in merge order: defaults, profile, province, file.

    Parameters
    ----------
    params : dict
        Resolved params (``programme.profile`` names the profile file).
    province_code : str, optional
        The province whose overlay ``params/provinces/<code>-<slug>.yaml`` is included.
    params_file : str or Path, optional
        The run's extra params file ("" or None for none).

    Returns
    -------
    list of Path
        Only files that exist.
    """
    from ntmplan.core import params as params_mod

    files = [paths.DEFAULTS_FILE]
    profile = (params.get("programme") or {}).get("profile")
    if isinstance(profile, str) and params_mod.PROFILE_NAME.fullmatch(profile):
        files.append(params_mod.profile_file(profile))
    if province_code:
        prov = params_mod.province_file(str(province_code))
        if prov is not None:
            files.append(prov)
    if params_file and str(params_file).strip():
        files.append(Path(params_file))
    return [f for f in files if Path(f).is_file()]


def _vietnamese(reference: str) -> str:
    text = reference.strip().rstrip(".,")
    for pattern, repl in _PARTS_VI:
        text = pattern.sub(repl, text)
    return text


def pending_values(params: dict, files: list[str | Path]) -> pd.DataFrame:
    """List the keys whose source comment says they are pending a legal text.

    A later file's comment for a key replaces an earlier one's: a value re-set in a province
    file without the marker is no longer pending.

    Parameters
    ----------
    params : dict
        Resolved params; only keys present in them are listed.
    files : list of str or Path
        Params files in merge order (:func:`layer_files`).

    Returns
    -------
    pandas.DataFrame
        Columns ``key`` (dotted), ``value`` (resolved, as text: JSON for mappings and lists),
        ``pending`` (the legal text awaited, in Vietnamese), in file order.

    Raises
    ------
    FileNotFoundError
        If a file does not exist.
    """
    found: dict[str, str] = {}
    for file in files:
        table = param_sources(text=read_params_text(file))
        for key, source in zip(table["key"], table["source"], strict=True):
            match = PENDING_MARKER.search(str(source))
            if match:
                found[key] = _vietnamese(match.group(1))
            else:
                found.pop(key, None)
    rows, codes = [], value_codes(params)
    for key, pending in found.items():
        value = lookup(params, key)
        if value is None:
            continue
        if is_by_group(value) and not by_group_problems(value, key):
            text = describe_by_group(value, percent=key.endswith("share"))
        else:
            # a list of pilot conditions names conditions (their ids), not survey codes
            own = None if key.endswith(".conditions") else codes
            text = param_value_text(json.dumps(value, ensure_ascii=False), key, own)
        rows.append((key, str(text), pending))
    return pd.DataFrame(rows, columns=["key", "value", "pending"])


def value_codes(params: dict) -> dict[str, str]:
    """Codes a pending value may hold (NTM levels, survey columns) → their Vietnamese names.

    Parameters
    ----------
    params : dict
        Resolved params (``survey.ntm_level_labels``).

    Returns
    -------
    dict
        e.g. ``{"kieu_mau": "NTM kiểu mẫu", "ntm_level": "Mức nông thôn mới", ...}`` (the
        Vietnamese half of bilingual labels).
    """
    levels = (params.get("survey") or {}).get("ntm_level_labels") or {}
    names = {**INDICATOR_LABELS, "ntm_level": "Mức nông thôn mới", **levels}  # labels, not policy
    return {str(k): str(v).split(" / ")[0].strip() for k, v in names.items()}


def _by_text(table: pd.DataFrame) -> dict[str, list[str]]:
    """Pending ``key = value`` items grouped by the text they await, in table order."""
    groups: dict[str, list[str]] = {}
    for k, v, p in zip(table["key"], table["value"], table["pending"], strict=True):
        groups.setdefault(p, []).append(f"`{k}` = {v}")
    return groups


def pending_line(table: pd.DataFrame) -> str:
    """Write the pending values as one short Markdown line for the report's header ("" when none).

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`pending_values`.

    Returns
    -------
    str
        e.g. ``"> **Giá trị giả định, chờ thay bằng văn bản chính thức (18):** Quyết định
        51/2025/QĐ-TTg Phụ lục II: 6 giá trị; … — danh sách ở cuối báo cáo …"``; the values
        themselves are listed by :func:`pending_notes`.
    """
    if table is None or table.empty:
        return ""
    counts = "; ".join(f"{p}: {len(items)} giá trị" for p, items in _by_text(table).items())
    return (
        f"> **Giá trị giả định, chờ thay bằng văn bản chính thức ({len(table)}):** {counts} — "
        "danh sách ở cuối báo cáo, mục «Giá trị chờ văn bản chính thức». "
        "Văn phòng có văn bản thì ghi giá trị vào tệp tham số của tỉnh."
    )


def pending_notes(table: pd.DataFrame) -> str:
    """List the pending values by the text they await, as Markdown ("" when none).

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`pending_values`.

    Returns
    -------
    str
        A heading and one bullet per awaited text: ``- **Quyết định 51/2025/QĐ-TTg Phụ lục I,
        tiêu chí 7:** `s.x` = 0,5; `s.z` = 3.``
    """
    if table is None or table.empty:
        return ""
    items = "\n".join(f"- **{p}:** {'; '.join(keys)}." for p, keys in _by_text(table).items())
    return (
        "### Giá trị chờ văn bản chính thức\n\n"
        "Các tham số dưới đây đang là giả định, chờ thay bằng giá trị của văn bản chính thức "
        "(tên khóa như trong tệp tham số):\n\n" + items
    )


def profile_line(params: dict) -> str:
    """Name the programme profile in force, for the header of every report.

    Parameters
    ----------
    params : dict
        Resolved params (``programme``).

    Returns
    -------
    str
        e.g. ``"**Giai đoạn (hồ sơ chương trình):** 2026–2030 — <name> (<decisions>)"``.
    """
    prog = params.get("programme") or {}
    years = f"{prog.get('start_year', '')}–{prog.get('end_year', '')}"
    name = str(prog.get("name_vi") or "").strip()
    basis = str(prog.get("decision") or "").strip()
    tail = f" — {name}" if name else ""
    tail += f" (căn cứ: {basis})" if basis else ""
    return f"**Giai đoạn (hồ sơ chương trình):** {years}{tail}"
