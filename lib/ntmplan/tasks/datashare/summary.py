"""The key figures of notebook 05 (written to ``summary_05_data.json``).

Summary keys
------------
``n_rows`` (int)
    Survey rows checked.
``completeness`` (float or None)
    Share 0–1 of filled cells over the survey columns (rows present).
``completeness_with_missing_units`` (float or None)
    The same counting the official units missing from the survey as empty rows.
``incomplete_columns`` (dict column → float)
    Columns less than fully filled, with their completeness.
``n_range_warnings``, ``n_duplicate_rows``, ``n_missing_units``,
``n_unknown_units``, ``n_jumps`` (int)
    Findings of each check of :func:`~ntmplan.tasks.datashare.quality.quality_report`.
``n_problems`` (int)
    Sum of the five counts above.
``export_version`` (str or None)
    Name of the export version folder (``<date>-<hash>``).
``export_path`` (str or None)
    Export folder relative to the province folder (POSIX), e.g.
    ``data_export/2025-07-01-3fa2c1d0e9b7``.
``export_valid`` (bool or None), ``export_errors`` (int or None)
    Result of :func:`~ntmplan.tasks.datashare.validation.validate_package`
    (Frictionless + checksums).
``conversion`` (dict or None)
    ``n_rows``, ``n_matched``, ``n_merged``, ``n_split``, ``n_unmatched``,
    ``n_output``, ``split_method``, ``totals_preserved`` of the legacy
    conversion shown in the notebook.
"""

from __future__ import annotations

from pathlib import Path

from ntmplan.survey.legacy import ConversionReport


def _quality_figures(quality: dict) -> dict:
    """The completeness and counts of findings of a quality report."""
    out: dict = {}
    comp = quality["completeness"]
    matrix = quality["completeness_matrix"]
    n_rows = int(comp["n_rows"].iloc[0]) if len(comp) else 0
    out["n_rows"] = n_rows
    cells = comp["n_rows"].sum()
    out["completeness"] = round(float(comp["n_filled"].sum() / cells), 4) if cells else None
    out["completeness_with_missing_units"] = (
        round(float(matrix.to_numpy().mean()), 4) if matrix.size else None
    )
    inc = comp[comp["completeness"] < 1]
    out["incomplete_columns"] = {
        str(c): round(float(v), 4) for c, v in zip(inc["column"], inc["completeness"], strict=True)
    }
    counts = {
        "n_range_warnings": len(quality["ranges"]),
        "n_duplicate_rows": len(quality["duplicates"]),
        "n_missing_units": len(quality["missing_units"]),
        "n_unknown_units": len(quality["unknown_units"]),
        "n_jumps": len(quality["jumps"]),
    }
    out.update({k: int(v) for k, v in counts.items()})
    out["n_problems"] = int(sum(counts.values()))
    return out


def _export_figures(export_dir, province_dir) -> dict:
    """The version name and relative path of an export folder (None without one)."""
    if export_dir is None:
        return {"export_version": None, "export_path": None}
    export_dir = Path(export_dir)
    try:
        rel = (
            export_dir.resolve().relative_to(Path(province_dir).resolve())
            if province_dir is not None
            else export_dir
        )
    except ValueError:
        rel = export_dir
    return {"export_version": export_dir.name, "export_path": rel.as_posix()}


def summary(
    quality: dict | None = None,
    export_dir=None,
    province_dir=None,
    validation: tuple[bool, list] | None = None,
    conversion: ConversionReport | None = None,
) -> dict:
    """Collect the key figures of notebook 05 (keys: see the module docstring).

    Parameters
    ----------
    quality : dict, optional
        Output of :func:`~ntmplan.tasks.datashare.quality.quality_report`.
    export_dir : str or Path, optional
        Export version folder.
    province_dir : str or Path, optional
        The province output folder (``export_path`` is made relative to it).
    validation : (bool, list), optional
        Output of :func:`~ntmplan.tasks.datashare.validation.validate_package`.
    conversion : ConversionReport, optional
        Legacy conversion shown in the notebook.

    Returns
    -------
    dict
        JSON-serialisable.
    """
    out: dict = {} if quality is None else _quality_figures(quality)
    out.update(_export_figures(export_dir, province_dir))
    out["export_valid"] = None if validation is None else bool(validation[0])
    out["export_errors"] = None if validation is None else len(validation[1])
    out["conversion"] = (
        None
        if conversion is None
        else {
            "n_rows": conversion.n_rows,
            "n_matched": conversion.n_matched,
            "n_merged": conversion.n_merged,
            "n_split": conversion.n_split,
            "n_unmatched": conversion.n_unmatched,
            "n_output": conversion.n_output,
            "split_method": conversion.split_method,
            "totals_preserved": conversion.preserved,
        }
    )
    return out
