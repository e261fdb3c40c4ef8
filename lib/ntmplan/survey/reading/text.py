"""CSV text: decoding the bytes (UTF-8, UTF-16, cp1258 — others refused) and splitting the cells."""

from __future__ import annotations

import codecs
import csv
import io as _io
import unicodedata

from ntmplan.core.errors import Problem
from ntmplan.survey.reading.source import fail

_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
#: Typographic characters that do not count against a Vietnamese code-page guess.
_TYPOGRAPHIC = set("–—‘’“”…•°№€\u00a0«»·")


def _vietnamese_letter(ch: str) -> bool:
    """Whether a character is a letter of the Vietnamese alphabet (with its marks)."""
    if ch in "đĐ":
        return True
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    return (
        base.isascii()
        and base.isalpha()
        and all(m in "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b" for m in marks)
    )


def _looks_vietnamese(text: str) -> bool:
    """Whether the non-ASCII characters of a decoded text are Vietnamese letters (≥ 90%)."""
    odd = [
        ch
        for ch in set(unicodedata.normalize("NFC", text))
        if not ch.isascii() and ch not in _TYPOGRAPHIC
    ]
    if not odd:
        return True
    good = sum(_vietnamese_letter(ch) for ch in odd)
    return good / len(odd) >= 0.9


def decode_text(data: bytes, name: str) -> tuple[str, list[Problem]]:
    """Decode a CSV file's bytes; return NFC text and the problems noted.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    name : str
        The file's name, for the problems.

    Returns
    -------
    (str, list of Problem)
        The NFC text, and warnings (UTF-16, cp1258, decomposed Unicode).

    Raises
    ------
    InputError
        For invalid UTF-8 after a BOM, NUL bytes that are not UTF-16, or an
        encoding that cannot be identified (TCVN3, VNI, …).
    """
    problems: list[Problem] = []

    def note(vi: str, en: str, value=None):
        problems.append(Problem(name, None, None, value, vi, en, "warning"))

    save_hint_vi = "nên lưu lại bằng «CSV UTF-8 (Comma delimited)» trong Excel"
    save_hint_en = "better save it as 'CSV UTF-8 (Comma delimited)' in Excel"
    text: str | None = None
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise fail(
                name,
                f"Tệp đánh dấu UTF-8 (BOM) nhưng có byte không hợp lệ ở vị trí {exc.start}; {save_hint_vi}",
                f"the file is marked UTF-8 (BOM) but has invalid bytes at offset {exc.start}; {save_hint_en}",
            ) from None
    elif (
        data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        or data[:4096].count(0) > len(data[:4096]) // 4
    ):
        encoding = "utf-16"
        if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            head = data[:4096]
            encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise fail(
                name,
                f"Tệp có byte 0 (NUL) nhưng không phải UTF-16 hợp lệ — có thể không phải tệp văn bản; {save_hint_vi}",
                f"the file has NUL bytes but is not valid UTF-16 — perhaps not a text file; {save_hint_en}",
            ) from None
        text = text.lstrip("\ufeff")
        note(
            f"Tệp mã hóa UTF-16 (Excel «Unicode Text»); đã đọc được, {save_hint_vi}",
            f"the file is UTF-16 (Excel 'Unicode Text'); it was read, but {save_hint_en}",
            "UTF-16",
        )
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                guess = data.decode("cp1258")
            except UnicodeDecodeError:
                guess = None
            if guess is None or not _looks_vietnamese(guess):
                raise fail(
                    name,
                    "Không nhận ra bảng mã của tệp: không phải UTF-8, UTF-16 hay Windows-1258 (có thể là TCVN3/ABC hoặc VNI); "
                    f"hãy mở tệp, chuyển sang Unicode (ví dụ bằng Unikey) và {save_hint_vi}",
                    "unknown text encoding: not UTF-8, UTF-16 or Windows-1258 (perhaps TCVN3/ABC or VNI); "
                    f"convert it to Unicode (e.g. with Unikey) and {save_hint_en}",
                ) from None
            text = guess
            note(
                f"Tệp dùng bảng mã Windows-1258 (cp1258), không phải UTF-8; đã chuyển đổi — hãy kiểm tra tên có dấu, và {save_hint_vi}",
                f"the file uses the Windows-1258 code page (cp1258), not UTF-8; it was converted — check accented names, and {save_hint_en}",
                "cp1258",
            )
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text and not any(p.value == "cp1258" for p in problems):
        note(
            "Văn bản dùng dạng Unicode tổ hợp (NFD, dấu tách rời); đã chuẩn hóa sang dạng dựng sẵn (NFC)",
            "the text uses decomposed Unicode (NFD); it was normalised to NFC",
            "NFD",
        )
    return nfc, problems


def _sniff_delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def csv_rows(text: str, name: str) -> list[list]:
    """Split CSV text into rows of stripped cells (row i is Excel row i + 1).

    Parameters
    ----------
    text : str
        Decoded text; the delimiter (``,`` ``;`` or tab) is detected from the first line.
    name : str
        The file's name, for the problems.

    Returns
    -------
    list of list
        Cells as ``str`` or None.

    Raises
    ------
    InputError
        If the CSV cannot be parsed.
    """
    delimiter = _sniff_delimiter(text)
    try:
        rows = list(csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise fail(name, f"Tệp CSV không đọc được: {exc}", f"unreadable CSV: {exc}") from None
    return [[clean_text(c) for c in r] for r in rows]


def clean_text(value: str) -> str | None:
    """Return a cell's text stripped of spaces and invisible characters (BOM, zero-width), or None.

    Parameters
    ----------
    value : str

    Returns
    -------
    str or None
        None for a cell left empty.
    """
    value = value.strip().strip(_INVISIBLE).strip()
    return value or None
