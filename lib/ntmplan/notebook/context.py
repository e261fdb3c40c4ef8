"""The notebook context: one call that every workbook makes after its parameters cell.

``open_workbook`` checks the parameters, resolves params, reads and validates
the survey (cached per process, so a worker running many notebooks reads it
once), selects the province's rows and prepares its output folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ntmplan.core import paths
from ntmplan.core.errors import InputError, Problem

#: Markdown banner shown on every report built from the bundled illustrative data.
ILLUSTRATIVE_NOTICE = (
    "> **⚠ Dữ liệu minh họa / Illustrative data.** Báo cáo này dùng bộ dữ liệu minh họa "
    "được sinh tự động từ danh mục đơn vị hành chính thật; các số liệu khảo sát **không phải** "
    "số liệu thực tế của xã nào. / This report uses generated illustrative survey data on real "
    "administrative units; the survey figures are not real results."
)


def is_illustrative(data_file: str | Path) -> bool:
    """Tell whether a survey file is the bundled illustrative data.

    Parameters
    ----------
    data_file : str or Path

    Returns
    -------
    bool
        True when the file lies in ``data/sample`` or its name says ``minh_hoa``.
    """
    path = Path(data_file).resolve()
    return path.parent == paths.SAMPLE_DIR.resolve() or "minh_hoa" in path.name


def load_survey_cached(
    data_file: str | Path, scheme: str = "current", params: dict | None = None
) -> pd.DataFrame:
    """Read and validate a survey once (see :func:`ntmplan.survey.loading.load_survey_cached`);
    a legacy-scheme survey is converted to the 2025 units.

    Parameters
    ----------
    data_file : str or Path
    scheme : str
        ``current`` or ``legacy``.
    params : dict, optional
        Resolved params.

    Returns
    -------
    pandas.DataFrame
        The validated survey in current units (a copy).

    Raises
    ------
    InputError
        If the file is missing or has errors.
    """
    from ntmplan.survey.loading import load_survey_cached as load

    path = Path(data_file)
    if not path.is_file():
        raise InputError(
            [
                Problem(
                    str(path), None, None, None, "Không tìm thấy tệp dữ liệu", "data file not found"
                )
            ]
        )
    survey = load(path, scheme=scheme, params=params)
    if scheme == "legacy":
        from ntmplan.tasks.datashare import convert_legacy

        survey, _report = convert_legacy(survey, params)
    return survey


@dataclass
class Workbook:
    """What a notebook needs about its run (see :func:`open_workbook`)."""

    notebook: str
    province_code: str
    province_name: str
    params: dict
    survey: pd.DataFrame
    survey_all: pd.DataFrame
    out: Path
    data_file: Path
    illustrative: bool
    figures: list[Path] = field(default_factory=list)

    def path(self, name: str) -> Path:
        """Return the path of an output file in the province folder."""
        return self.out / name

    def notice(self) -> str:
        """Return the Markdown illustrative-data banner, or an empty string for real data."""
        return ILLUSTRATIVE_NOTICE if self.illustrative else ""

    def write_summary(self, data: dict) -> Path:
        """Write this notebook's key figures to ``summary_<notebook>.json``.

        Parameters
        ----------
        data : dict
            JSON-serialisable key figures.

        Returns
        -------
        Path
        """
        from ntmplan.core.writers import write_json

        payload = {
            "notebook": self.notebook,
            "province_code": self.province_code,
            "province_name": self.province_name,
            "illustrative": self.illustrative,
            "profile": self.params["programme"]["profile"],
            "data_file": str(self.data_file),
            "figures": sorted(f.relative_to(self.out).as_posix() for f in self.figures),
            **data,
        }
        return write_json(self.out / f"summary_{self.notebook}.json", payload)

    def read_summary(self, notebook: str) -> dict | None:
        """Return another notebook's summary for this province, or None if it has not run.

        Parameters
        ----------
        notebook : str
            e.g. ``"02_pilots"``.

        Returns
        -------
        dict or None
        """
        path = self.out / f"summary_{notebook}.json"
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def read_legacy_in_current_units(self) -> pd.DataFrame | None:
        """Return the earlier (legacy-coded) survey of this province in 2025 units, or None.

        Uses the bundled illustrative 2023 survey for illustrative runs (never
        mixed with real data); units only partly covered by the legacy survey
        are left out so that year-to-year comparisons are fair.

        Returns
        -------
        pandas.DataFrame or None
        """
        from ntmplan.tasks import datashare

        source = datashare.legacy_source(
            self.data_file, self.params["programme"]["scheme"], self.illustrative
        )
        if source is None or source == self.data_file:
            return None
        converted, conversion = datashare.convert_legacy_province(
            source, self.province_code, self.params
        )
        return datashare.drop_partial_units(converted, conversion)

    def save_figure(self, fig, name: str) -> Path:
        """Save a matplotlib figure as ``figures/<name>.png`` with deterministic bytes.

        Parameters
        ----------
        fig : matplotlib.figure.Figure
        name : str
            File stem (ASCII).

        Returns
        -------
        Path
        """
        from ntmplan.core.charts import save_png

        target = self.out / "figures" / f"{name}.png"
        save_png(fig, target)
        self.figures.append(target)
        return target

    def show_figure(self, fig, name: str) -> None:
        """Save a figure as ``figures/<name>.png`` and show the same PNG in the notebook.

        One rendering instead of two (saved file + inline figure); the figure is
        closed. Returns nothing, so a cell ending with it shows no path; the file
        is listed in :attr:`figures`.

        Parameters
        ----------
        fig : matplotlib.figure.Figure
        name : str
            File stem (ASCII).
        """
        from ntmplan.notebook.display import save_and_show

        self.figures.append(save_and_show(fig, self.out / "figures" / f"{name}.png"))


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def open_workbook(
    notebook: str,
    province: str,
    params_file: str | None = "",
    data_file: str | None = "",
    output_dir: str | None = "",
    overrides: dict | None = None,
) -> Workbook:
    """Open the context of one notebook run for one province.

    Parameters
    ----------
    notebook : str
        Notebook id, e.g. ``"01_status"``.
    province : str
        Province code (2025 scheme) or name.
    params_file : str, optional
        Extra params overlay; empty means none.
    data_file : str, optional
        Survey file; empty means the bundled illustrative survey.
    output_dir : str, optional
        Output folder for this province; empty means ``outputs/<code>-<slug>``.
    overrides : dict, optional
        Run-time params overrides.

    Returns
    -------
    Workbook

    Raises
    ------
    InputError
        Unknown province, unreadable params or survey.
    """
    from ntmplan.core.params import load_params, write_resolved
    from ntmplan.survey import units

    found = units.find_province(str(province).strip(), scheme="current")
    if found is None:
        raise InputError(
            [
                Problem(
                    None,
                    None,
                    "province",
                    province,
                    "Không có tỉnh/thành phố này",
                    "unknown province",
                )
            ]
        )
    code = found["province_code"]
    params = load_params(
        code, params_file=None if _blank(params_file) else params_file, overrides=overrides
    )
    data = paths.SAMPLE_SURVEY if _blank(data_file) else Path(data_file)
    survey_all = load_survey_cached(data, scheme=params["programme"]["scheme"], params=params)
    mine = survey_all[survey_all["province_code"] == code]
    if len(mine):
        mine = mine[mine["year"] == mine["year"].max()]
    out = (
        paths.OUTPUTS_DIR / units.province_dir_name(code)
        if _blank(output_dir)
        else Path(output_dir)
    )
    (out / "figures").mkdir(parents=True, exist_ok=True)
    write_resolved(params, out / "params_resolved.yaml")
    return Workbook(
        notebook=notebook,
        province_code=code,
        province_name=found["province_name"],
        params=params,
        survey=mine.reset_index(drop=True),
        survey_all=survey_all,
        out=out,
        data_file=data,
        illustrative=is_illustrative(data),
    )
