"""CSV text: decoding the bytes (UTF-8, UTF-16, cp1258 — others refused) and splitting the cells."""

from __future__ import annotations

import codecs
import csv
import io as _io
import unicodedata

from ntmplan.core.errors import Problem
from ntmplan.survey.reading.headers import HEADER_MIN_MATCHES, HEADER_SCAN_ROWS, header_score
from ntmplan.survey.reading.limits import check_rows
from ntmplan.survey.reading.source import fail

#: Invisible characters (BOM, zero-width spaces and joiners, word joiner, soft hyphen).
INVISIBLE_CHARS = "\ufeff\u200b\u200c\u200d\u2060\u00ad"
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


#: Delimiters a CSV survey may use.
DELIMITERS = (",", ";", "\t")


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits a top line into the most survey columns (the header row).

    A title line above the header ("Khảo sát năm 2025, tỉnh …") no longer decides: each
    delimiter splits the top lines and the one whose best line names the most survey
    columns wins; with no survey header at all, the most frequent delimiter of the
    first line is used.
    """
    lines = [line for line in text.splitlines() if line.strip()][:HEADER_SCAN_ROWS]
    if not lines:
        return ","
    best, best_score = None, 0
    for d in DELIMITERS:
        cells = [[clean_text(c) for c in r] for r in csv.reader(lines, delimiter=d)]
        score = max((header_score(r) for r in cells), default=0)
        if score > best_score:
            best, best_score = d, score
    if best is not None and best_score >= HEADER_MIN_MATCHES:
        return best
    counts = {d: lines[0].count(d) for d in DELIMITERS}
    top = max(counts, key=lambda d: counts[d])
    return top if counts[top] > 0 else ","


def csv_rows(text: str, name: str, problems: list[Problem] | None = None) -> list[list]:
    """Split CSV text into rows of stripped cells (row i is Excel row i + 1).

    Parameters
    ----------
    text : str
        Decoded text; the delimiter (``,`` ``;`` or tab) is the one that splits the
        header row into survey columns.
    name : str
        The file's name, for the problems.
    problems : list of Problem, optional
        Appended to: a quoted cell that runs over several lines (an unterminated quote
        swallowing the rows below it) is an error naming those lines.

    Returns
    -------
    list of list
        Cells as ``str`` or None.

    Raises
    ------
    InputError
        If the CSV cannot be parsed, or is beyond :data:`~ntmplan.survey.reading.limits.MAX_ROWS`
        rows or :data:`~ntmplan.survey.reading.limits.MAX_CELLS` cells.
    """
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter)
    rows, spans = [], []
    try:
        line = 0
        for r in reader:
            rows.append(r)
            spans.append((line + 1, reader.line_num))
            line = reader.line_num
    except csv.Error as exc:
        raise fail(name, f"Tệp CSV không đọc được: {exc}", f"unreadable CSV: {exc}") from None
    check_rows(len(rows), sum(len(r) for r in rows), name)
    if problems is not None:
        problems.extend(_swallowed_lines(rows, spans, name))
    return [[clean_text(c) for c in r] for r in rows]


def _swallowed_lines(rows: list[list], spans: list[tuple[int, int]], name: str) -> list[Problem]:
    """Errors for rows whose quoted cell ran over several lines of the file (a missing closing quote)."""
    out = []
    for i, (r, (first, last)) in enumerate(zip(rows, spans, strict=True)):
        if last > first and any("\n" in c or "\r" in c for c in r):
            out.append(
                Problem(
                    name,
                    i + 1,
                    None,
                    next(c for c in r if "\n" in c or "\r" in c)[:40],
                    f'Dấu ngoặc kép («"») mở ở dòng {first} của tệp không được đóng: các dòng {first}–{last} '
                    "bị gộp vào một ô — hãy thêm dấu ngoặc kép đóng hoặc bỏ dấu ngoặc kép thừa",
                    f'a quote (") opened on line {first} of the file is not closed: lines {first}–{last} were '
                    "swallowed into one cell — add the closing quote or remove the stray one",
                )
            )
    return out


def show_invisible(value: str) -> str:
    """Return ``value`` with each invisible character written out, e.g. ``house⟨U+200B⟩holds``.

    Parameters
    ----------
    value : str

    Returns
    -------
    str
    """
    return "".join(f"⟨U+{ord(ch):04X}⟩" if ch in INVISIBLE_CHARS else ch for ch in value)


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
    value = value.strip().strip(INVISIBLE_CHARS).strip()
    return value or None
