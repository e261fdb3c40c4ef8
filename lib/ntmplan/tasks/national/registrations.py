"""The central-pilot registrations of every province, stacked into one national file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.tasks.national.folders import province_folders
from ntmplan.tasks.national.labels import NATIONAL_REGISTRATION_FILE, REGISTRATION_FILE


def read_registration(path: str | Path, labels: dict[str, str]) -> pd.DataFrame:
    """Read one province's registration workbook (every sheet, stacked) as text/number cells.

    Vietnamese headers written with ``labels`` are turned back into the column names.

    Parameters
    ----------
    path : str or Path
    labels : dict
        Column name → Vietnamese header the file was written with
        (:data:`ntmplan.tasks.pilots.LABELS`).

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    OSError, ValueError
        If the file cannot be read as XLSX.
    """
    sheets = pd.read_excel(path, sheet_name=None, dtype=object, engine="openpyxl")
    inverse = {v: k for k, v in labels.items()}
    frames = [
        f.rename(columns=lambda c: inverse.get(str(c), str(c)))
        for f in sheets.values()
        if len(f.columns)
    ]
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def stack_registrations(outputs_root: str | Path, labels: dict[str, str]) -> pd.DataFrame:
    """Stack every province's ``dang_ky_thi_diem_trung_uong.xlsx`` into one table.

    Files are taken in province-code order. The columns are those of the first file; a file
    whose columns differ (or that cannot be read) is left out and named in
    ``attrs["problems"]`` (Vietnamese / English messages). Codes stay text.

    Parameters
    ----------
    outputs_root : str or Path
    labels : dict
        Column name → Vietnamese header of the registration files
        (:data:`ntmplan.tasks.pilots.LABELS`).

    Returns
    -------
    pandas.DataFrame
        The stacked rows (empty when no province has a file); ``attrs["problems"]`` (list of
        str) and ``attrs["provinces"]`` (codes stacked).
    """
    frames: list[pd.DataFrame] = []
    problems: list[str] = []
    stacked: list[str] = []
    columns: list[str] | None = None
    for code, folder in province_folders(outputs_root):
        path = folder / REGISTRATION_FILE
        if not path.is_file():
            continue
        try:
            frame = read_registration(path, labels)
        except Exception as exc:  # noqa: BLE001 - a bad file is reported, not fatal
            problems.append(
                f"{folder.name}/{REGISTRATION_FILE}: không đọc được / unreadable ({type(exc).__name__})"
            )
            continue
        if columns is None:
            columns = list(frame.columns)
        if list(frame.columns) != columns:
            problems.append(
                f"{folder.name}/{REGISTRATION_FILE}: cột khác tệp đầu tiên, bỏ qua / columns differ from the first file, skipped"
            )
            continue
        frames.append(frame)
        stacked.append(code)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns or [])
    for col in ("province_code", "commune_code"):
        if col in out.columns:
            out[col] = out[col].map(lambda v: v if v is None or isinstance(v, str) else str(v))
    out.attrs["problems"] = problems
    out.attrs["provinces"] = stacked
    return out


def write_registrations(
    df: pd.DataFrame, out_dir: str | Path, labels: dict[str, str], params: dict | None = None
) -> Path:
    """Write the stacked registrations as ``dang_ky_thi_diem_trung_uong_toan_quoc.xlsx``.

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`stack_registrations`.
    out_dir : str or Path
        The national output folder.
    labels : dict
        Column name → Vietnamese header (:data:`ntmplan.tasks.pilots.LABELS`).
    params : dict, optional
        Resolved params, for the labels of coded values (pilot type, sector); defaults when None.

    Returns
    -------
    Path
    """
    from ntmplan.core.writers import write_excel

    return write_excel(
        Path(out_dir) / NATIONAL_REGISTRATION_FILE,
        {"Đăng ký thí điểm TW": df},
        labels=labels,
        params=params,
    )
