"""The SHA-256 checksums of an export version (``SHA256SUMS``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

#: Name of the checksum file of an export version.
CHECKSUMS_FILE = "SHA256SUMS"


def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    str
    """
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def checksums_text(folder: Path, names: list[str]) -> str:
    """Return the ``SHA256SUMS`` text of some files of a folder (``<digest>  <name>`` lines, by name).

    Parameters
    ----------
    folder : Path
    names : list of str
        File names in ``folder``.

    Returns
    -------
    str
    """
    return "".join(f"{sha256_file(folder / n)}  {n}\n" for n in sorted(names))


def verify_checksums(folder) -> list[str]:
    """Check every file listed in ``SHA256SUMS`` of an export folder.

    Parameters
    ----------
    folder : str or Path
        An export version folder.

    Returns
    -------
    list of str
        Problems (Vietnamese / English); empty when every checksum matches.
    """
    folder = Path(folder)
    sums = folder / CHECKSUMS_FILE
    if not sums.is_file():
        return [f"Thiếu tệp {CHECKSUMS_FILE} / {CHECKSUMS_FILE} missing"]
    problems = []
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        target = folder / name
        if not name or "/" in name or "\\" in name or name.startswith("."):
            problems.append(f"Dòng không hợp lệ trong {CHECKSUMS_FILE} / invalid line: {line!r}")
        elif not target.is_file():
            problems.append(f"Thiếu tệp / missing file: {name}")
        elif sha256_file(target) != digest:
            problems.append(f"Mã SHA-256 không khớp / checksum mismatch: {name}")
    return problems
