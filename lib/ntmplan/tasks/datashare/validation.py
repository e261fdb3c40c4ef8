"""Validating an export version with Frictionless, together with its checksums."""

from __future__ import annotations

from pathlib import Path

from ntmplan.tasks.datashare.checksums import verify_checksums
from ntmplan.tasks.datashare.descriptor import DESCRIPTOR_FILE


def _task_error(task, err) -> str:
    """One Frictionless error of a resource, with where it is (resource, row, field)."""
    where = ", ".join(
        x
        for x in (
            task.name,
            f"dòng/row {err.row_number}" if getattr(err, "row_number", None) else "",
            f"cột/field {err.field_name}" if getattr(err, "field_name", None) else "",
        )
        if x
    )
    return f"{where}: {err.type} — {err.note or err.message}"


def validate_package(path) -> tuple[bool, list[str]]:
    """Validate an export package with Frictionless, and check its SHA-256 checksums.

    Parameters
    ----------
    path : str or Path
        The version folder or its ``datapackage.json``.

    Returns
    -------
    (bool, list of str)
        Whether the package is valid, and every problem found (empty when valid):
        Frictionless errors (resource, row, field, type, note) and checksum problems.
    """
    import frictionless  # several seconds on first use: imported only when validating

    path = Path(path)
    folder = path if path.is_dir() else path.parent
    descriptor = folder / DESCRIPTOR_FILE
    errors = verify_checksums(folder)
    if not descriptor.is_file():
        return False, [*errors, f"Thiếu tệp / missing {DESCRIPTOR_FILE}"]
    try:
        report = frictionless.validate(str(descriptor))
    except Exception as exc:  # noqa: BLE001 - frictionless raises many kinds; all mean "invalid"
        return False, [*errors, f"Frictionless: {exc}"]
    for err in report.errors:
        errors.append(f"{err.type}: {err.note or err.message}")
    for task in report.tasks:
        for err in task.errors:
            errors.append(_task_error(task, err))
    return (report.valid and not errors), errors
