"""Text clean-up for the issued plan: Vietnamese halves only, no file names, totals rows.

The workbooks' tables carry bilingual headers ("Năm / year") and their paragraphs point to the
workbook exports ("chi tiết: budget.xlsx"); a document an office issues has neither. These
helpers turn section text and tables into the document's wording.
"""

from __future__ import annotations

import re

import pandas as pd

from ntmplan.core.admin_docx import TOTAL

_CAPTION_NUMBER = re.compile(r"^\s*(Bảng|Hình)\s+\d+[a-z]?\s*[.:]\s*")
_FILE = re.compile(r"[\w./-]+\.(?:xlsx|csv|json|yaml|yml|md|png|docx|ipynb)\b", re.IGNORECASE)
_FILE_REF = re.compile(
    r"\s*\((?:[^()]*?)(?:\.xlsx|\.csv|\.json|\.yaml|\.md)(?:[^()]*)\)", re.IGNORECASE
)
_SNAKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
_ENGLISH_TAIL = re.compile(r"\s/\s[A-Z][\x00-\x7F]*$")
_OLD_REFS = {
    "(chi tiết mục VII)": "(chi tiết tại Phụ lục III)",
    "(mục II)": "",
    "(mục III)": "",
    " ở mục Giả định và lưu ý": " tại Phụ lục VII",
    " (xem mục Giả định và lưu ý)": " (Phụ lục VII)",
}


def vi(label) -> str:
    """Return the Vietnamese half of a bilingual label ("Năm / year" → "Năm").

    Parameters
    ----------
    label : object

    Returns
    -------
    str
        Text before the first " / "; non-strings unchanged as ``str``.
    """
    return str(label).split(" / ", 1)[0].strip()


def caption_text(caption) -> str:
    """Return a caption without a leading "Bảng 4." / "Hình 2." (numbers are added once)."""
    return _CAPTION_NUMBER.sub("", str(caption or "")).strip()


def plain(text: str) -> str:
    """Return section text fit to issue: no file names, no workbook cross-references.

    A parenthesis that names a file is dropped; a sentence that is only a file reference
    (e.g. "Danh sách đăng ký …: dang_ky_thi_diem_trung_uong.xlsx.") gives "".

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    out = str(text)
    for old, new in _OLD_REFS.items():
        out = out.replace(old, new)
    out = _ENGLISH_TAIL.sub("", _FILE_REF.sub("", out))
    if _FILE.search(out) or _SNAKE.search(out):
        sentences = re.split(r"(?<=[.;])\s+", out)
        out = " ".join(s for s in sentences if not (_FILE.search(s) or _SNAKE.search(s)))
    out = re.sub(r"\s+([.,;:])", r"\1", out)
    return re.sub(r"\s{2,}", " ", out).strip()


def vi_table(df: pd.DataFrame, drop_codes: bool = True) -> pd.DataFrame:
    """Return a table with Vietnamese headers and cells; code columns ("Mã …") dropped.

    Parameters
    ----------
    df : pandas.DataFrame
    drop_codes : bool
        Drop columns whose header starts with "Mã " except "Mã xã".

    Returns
    -------
    pandas.DataFrame
    """
    out = df.copy()
    out.columns = [vi(c) for c in out.columns]
    if drop_codes:
        keep = [c for c in out.columns if not (c.startswith("Mã ") and c != "Mã xã")]
        out = out[keep]
    out = out.loc[:, ~pd.Index(out.columns).duplicated()]
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col].astype(object).map(lambda v: vi(v) if isinstance(v, str) else v)
    out.attrs = dict(df.attrs)
    return out


def with_total(df: pd.DataFrame, label_col: str | None = None) -> pd.DataFrame:
    """Append a "Tổng cộng" row summing every numeric column.

    Parameters
    ----------
    df : pandas.DataFrame
    label_col : str, optional
        Column that holds "Tổng cộng" (default: the first column).

    Returns
    -------
    pandas.DataFrame
    """
    if df.empty:
        return df
    label_col = label_col or df.columns[0]
    total = {c: "" for c in df.columns}
    for col in df.columns:
        if col != label_col and pd.api.types.is_numeric_dtype(df[col]):
            if not pd.api.types.is_bool_dtype(df[col]):
                total[col] = df[col].sum().item()
    total[label_col] = TOTAL
    out = pd.concat([df.astype(object), pd.DataFrame([total])], ignore_index=True)
    out.attrs = dict(df.attrs)
    return out


def table_by_caption(section, words: str) -> pd.DataFrame | None:
    """Return the first table of a section whose caption contains ``words`` (None if none)."""
    if section is None:
        return None
    for df in section.tables:
        if words.lower() in str(df.attrs.get("caption", "")).lower():
            return df
    return None


def lower_first(text: str) -> str:
    """ "Tỉnh Thanh Hóa" → "tỉnh Thanh Hóa"."""
    text = str(text)
    return text[:1].lower() + text[1:]
