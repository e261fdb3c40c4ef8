"""The notebook context: one call that every workbook makes after its parameters cell.

``open_workbook`` checks the parameters, resolves params, reads and validates
the survey (cached per process, so a worker running many notebooks reads it
once), selects the province's rows and prepares its output folder.
``open_national`` does the same for the national roll-up (notebook 00), which has
no province: its folder is ``<outputs root>/00-toan-quoc`` and its survey the
latest year of every province found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from ntmplan.core import catalogue, paths, summaries

# The one survey loader, re-exported for callers that import it from here (the CLI).
from ntmplan.survey.loading import load_survey_cached
from ntmplan.survey.reading import require_data_file
from ntmplan.survey.years import YearChoice, choose_year, rows_of_year, year_line

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


def survey_in_current_units(
    data_file: str | Path, scheme: str = "current", params: dict | None = None
) -> pd.DataFrame:
    """Read and validate a survey once (:func:`ntmplan.survey.loading.load_survey_cached`);
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
    path = require_data_file(data_file)
    survey = load_survey_cached(path, scheme=scheme, params=params)
    if scheme == "legacy":
        from ntmplan.survey.legacy import convert_legacy

        survey, _report = convert_legacy(survey, params)
    return survey


@dataclass
class Workbook:
    """What a notebook needs about its run (see :func:`open_workbook`, :func:`open_national`).

    The national roll-up has no province (``province_code == ""``): its ``survey`` is the
    latest year of every province found (None when there is none), ``data_file`` is None
    and ``data_files`` lists the surveys read; ``outputs_root`` and ``provinces``
    (:func:`ntmplan.tasks.national.collect_provinces`) are set only for it.
    """

    notebook: str
    province_code: str
    province_name: str
    params: dict
    survey: pd.DataFrame | None
    survey_all: pd.DataFrame | None
    out: Path
    data_file: Path | None
    illustrative: bool
    figures: list[Path] = field(default_factory=list)
    outputs_root: Path | None = None
    provinces: pd.DataFrame | None = None
    data_files: list[Path] = field(default_factory=list)
    params_files: list[Path] = field(default_factory=list)
    #: The survey year analysed and what it leaves out (:func:`ntmplan.survey.years.choose_year`).
    year_choice: YearChoice | None = None

    @property
    def is_national(self) -> bool:
        """Whether this is the national roll-up (no province)."""
        return not self.province_code

    @cached_property
    def villages(self) -> pd.DataFrame | None:
        """Return the province's village rows (thôn, bản, ấp) of the survey year, or None.

        Read once from the same survey file (:func:`ntmplan.survey.load_villages`: the
        ``thon`` sheet of an .xlsx, ``<stem>_thon.csv`` beside a CSV) and validated against
        the communes. None for the national roll-up, a legacy-coded survey, or a survey
        without village rows for this province and year.

        Returns
        -------
        pandas.DataFrame or None

        Raises
        ------
        InputError
            If the village rows cannot be read or have errors.
        """
        if self.is_national or self.data_file is None or self.survey is None:
            return None
        if self.params["programme"]["scheme"] != "current":
            return None
        from ntmplan.survey.villages import load_villages_cached

        rows = load_villages_cached(self.data_file, communes=self.survey_all, params=self.params)
        if rows is None:
            return None
        mine = rows[rows["province_code"] == self.province_code]
        if len(self.survey):
            mine = mine[mine["year"] == self.survey["year"].max()]
        return mine.reset_index(drop=True) if len(mine) else None

    def path(self, name: str) -> Path:
        """Return the path of an output file in the output folder."""
        return self.out / name

    def notice(self) -> str:
        """Return the report's header notes in Markdown.

        The programme profile in force (:func:`ntmplan.core.pending_values.profile_line`), the
        illustrative-data banner for the bundled data, and one line naming every params value
        still pending a legal text (:func:`ntmplan.core.pending_values.pending_line`).
        """
        from ntmplan.core import pending_values

        parts = [pending_values.profile_line(self.params)]
        if self.year_choice is not None:
            label, _, rest = year_line(self.year_choice).partition(": ")
            mark = "" if self.year_choice.complete else "⚠ "  # units or rows left out
            parts.append(f"**{mark}{label}:** {rest}")
        if self.illustrative:
            parts.append(ILLUSTRATIVE_NOTICE)
        files = self.params_files or pending_values.layer_files(self.params)
        line = pending_values.pending_line(pending_values.pending_values(self.params, files))
        if line:
            parts.append(line)
        return "\n\n".join(parts)

    def pending_notes(self) -> str:
        """Return the list of params values still pending a legal text, in Markdown ("" if none).

        Shown at the end of a report; its header says how many there are
        (:func:`ntmplan.core.pending_values.pending_notes`).
        """
        from ntmplan.core import pending_values

        files = self.params_files or pending_values.layer_files(self.params)
        return pending_values.pending_notes(pending_values.pending_values(self.params, files))

    def write_summary(self, data: dict) -> Path:
        """Write this notebook's key figures to ``summary_<notebook>.json``.

        A province's summary starts with who and what it is about (province, profile, data
        file, figures); the national one with ``notebook`` and ``illustrative`` only.

        Parameters
        ----------
        data : dict
            JSON-serialisable key figures.

        Returns
        -------
        Path
        """
        from ntmplan.core.writers import write_json

        target = self.out / summaries.summary_file_name(self.notebook)
        if self.is_national:
            payload = {"notebook": self.notebook, "illustrative": self.illustrative, **data}
            return write_json(target, payload)
        payload = {
            "notebook": self.notebook,
            "province_code": self.province_code,
            "province_name": self.province_name,
            "illustrative": self.illustrative,
            "profile": self.params["programme"]["profile"],
            "data_file": str(self.data_file),
            "figures": sorted(f.relative_to(self.out).as_posix() for f in self.figures),
            **({"survey_year": self.year_choice.as_dict()} if self.year_choice else {}),
            **data,
        }
        return write_json(target, payload)

    def read_summary(self, notebook: str) -> dict | None:
        """Return another notebook's summary for this province, or None if it has not run.

        Parameters
        ----------
        notebook : str
            e.g. ``"02_pilots"``.

        Returns
        -------
        dict or None
            As written (see :func:`ntmplan.core.summaries.read_summary`).
        """
        return summaries.read_summary(self.out, notebook)

    def read_legacy_in_current_units(self) -> pd.DataFrame | None:
        """Return the earlier (legacy-coded) survey of this province in 2025 units, or None.

        Uses the bundled illustrative 2023 survey for illustrative runs (never
        mixed with real data); units only partly covered by the legacy survey
        are left out so that year-to-year comparisons are fair.

        Returns
        -------
        pandas.DataFrame or None
        """
        from ntmplan.survey import legacy

        source = legacy.legacy_source(
            self.data_file, self.params["programme"]["scheme"], self.illustrative
        )
        if source is None or source == self.data_file:
            return None
        converted, conversion = legacy.convert_legacy_province(
            source, self.province_code, self.params
        )
        return legacy.drop_partial_units(converted, conversion)

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


def show_figures_inline() -> None:
    """In a Jupyter kernel, show matplotlib figures as PNG (what ``%matplotlib inline`` does).

    The interactive panels display ``Figure`` objects inside widget outputs; without the inline
    formatter (registered when the inline backend is activated) they would show as text.
    Outside a kernel (plain Python, tests) nothing happens.

    Returns
    -------
    None
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency
        return
    shell = get_ipython()
    if shell is not None and getattr(shell, "kernel", None) is not None:
        shell.run_line_magic("matplotlib", "inline")


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def open_workbook(
    notebook: str,
    province: str,
    params_file: str | None = "",
    data_file: str | None = "",
    output_dir: str | None = "",
    overrides: dict | None = None,
    profile: str | None = "",
    survey_year: int | None = 0,
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
    profile : str, optional
        Programme profile (``2021_2025``, ``2026_2030``); empty means the one the params
        files name (default ``2021_2025``).
    survey_year : int, optional
        The survey year to analyse; 0 or None: the latest year holding the most of the
        province's units (:func:`ntmplan.survey.years.choose_year`, stated in the header).

    Returns
    -------
    Workbook

    Raises
    ------
    InputError
        Unknown province, unreadable params or survey, or a survey year the province's
        rows do not have.
    """
    from ntmplan.core import pending_values
    from ntmplan.core.params import load_params, write_resolved
    from ntmplan.survey import units

    found = units.find_province(str(province).strip(), scheme="current")
    code = found["province_code"]
    params = load_params(
        code,
        profile=None if _blank(profile) else str(profile).strip(),
        params_file=None if _blank(params_file) else params_file,
        overrides=overrides,
    )
    data = paths.SAMPLE_SURVEY if _blank(data_file) else Path(data_file)
    survey_all = survey_in_current_units(data, scheme=params["programme"]["scheme"], params=params)
    rows = survey_all[survey_all["province_code"] == code]
    choice = choose_year(rows, survey_year or None, str(data))
    out = (
        paths.OUTPUTS_DIR / units.province_dir_name(code)
        if _blank(output_dir)
        else Path(output_dir)
    )
    (out / "figures").mkdir(parents=True, exist_ok=True)
    write_resolved(params, out / "params_resolved.yaml")
    show_figures_inline()
    return Workbook(
        notebook=notebook,
        province_code=code,
        province_name=found["province_name"],
        params=params,
        survey=rows_of_year(rows, choice),
        survey_all=survey_all,
        out=out,
        data_file=data,
        illustrative=is_illustrative(data),
        params_files=pending_values.layer_files(
            params, code, None if _blank(params_file) else params_file
        ),
        year_choice=choice,
    )


def _national_survey(
    codes, files: dict[str, str], scheme: str
) -> tuple[pd.DataFrame | None, pd.DataFrame | None, list[Path]]:
    """All years and the latest year of the provinces' surveys, and the files read."""
    from ntmplan.tasks import national

    by_file = national.survey_sources(codes, files, paths.SAMPLE_SURVEY)
    frames = []
    for f, wanted in by_file.items():
        data = survey_in_current_units(f, scheme=scheme)
        frames.append(data[data["province_code"].isin(wanted)])
    survey_all = pd.concat(frames, ignore_index=True) if frames else None
    return survey_all, national.latest_years(frames), list(by_file)


def open_national(
    outputs_root: str | None = "",
    output_dir: str | None = "",
    params_file: str | None = "",
    profile: str | None = "",
) -> Workbook:
    """Open the context of the national roll-up (notebook 00): no province.

    Parameters
    ----------
    outputs_root : str, optional
        Outputs root holding the province folders; empty means ``paths.OUTPUTS_DIR``.
    output_dir : str, optional
        National output folder; empty means ``<outputs_root>/<paths.NATIONAL_DIR>``.
    params_file : str, optional
        Extra params overlay; empty means none.
    profile : str, optional
        Programme profile; empty means the one the params files name.

    Returns
    -------
    Workbook
        With ``province_code == ""``, ``outputs_root``, ``provinces`` (one row per province
        folder), ``survey`` (the latest survey year of each province found, read from the
        data files the provinces ran on; None when no province folder exists),
        ``survey_all`` (every year of those provinces) and ``data_files``.

    Raises
    ------
    InputError
        If the params file or a survey file cannot be used.
    """
    from ntmplan.core import pending_values
    from ntmplan.core.params import load_params, write_resolved
    from ntmplan.tasks import national

    root = paths.OUTPUTS_DIR if _blank(outputs_root) else Path(outputs_root)
    out = root / paths.NATIONAL_DIR if _blank(output_dir) else Path(output_dir)
    (out / "figures").mkdir(parents=True, exist_ok=True)
    params = load_params(
        profile=None if _blank(profile) else str(profile).strip(),
        params_file=None if _blank(params_file) else params_file,
    )
    write_resolved(params, out / "params_resolved.yaml")
    provinces = national.collect_provinces(root, params)
    survey_all, survey, files = _national_survey(
        list(provinces["province_code"]), national.survey_files(root), params["programme"]["scheme"]
    )
    illustrative = bool(provinces["illustrative"].any()) or any(is_illustrative(f) for f in files)
    show_figures_inline()
    return Workbook(
        notebook=catalogue.NATIONAL.id,
        province_code="",
        province_name="",
        params=params,
        survey=survey,
        survey_all=survey_all,
        out=out,
        data_file=None,
        illustrative=illustrative,
        outputs_root=root,
        provinces=provinces,
        data_files=sorted(files),
        params_files=pending_values.layer_files(
            params, None, None if _blank(params_file) else params_file
        ),
    )
