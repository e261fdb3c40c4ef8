"""Progress over several survey years, the close-out of 2021–2025 and the projection to 2030 (notebook 07).

Pure functions: survey frames (+ params) in, frames out.

- :func:`commune_measures`, :func:`province_series`, :func:`changes`, :func:`survey_years` —
  the Decision 924 target measures per commune and year, per province and year, the change
  between two years and the years a commune is missing; :mod:`~ntmplan.tasks.progress.series`.
- :func:`stack_years` — one province's rows of several survey files;
  :mod:`~ntmplan.tasks.progress.inputs`.
- :func:`closeout_targets` — each 2025 target against the last survey year up to 2025 (met,
  margin, communes short); :mod:`~ntmplan.tasks.progress.closeout`.
- :func:`read_central_pilots`, :func:`pilots_in_2025_units`, :func:`province_pilots` — the
  approved central pilots carried into 2025 units; :mod:`~ntmplan.tasks.progress.central_pilots`.
- :func:`read_implementation`, :func:`money_table`, :func:`capacity_table` — the optional
  spending and training sheet; :mod:`~ntmplan.tasks.progress.implementation`.
- :func:`trend_projection`, :func:`plan_projection`, :func:`year_reached` — the projection
  method (one module); :mod:`~ntmplan.tasks.progress.projection`.
- :func:`summary`, :func:`at_risk_flags` — ``summary_07_progress.json``;
  :func:`method_notes`, :func:`assumptions` — "Giả định & lưu ý"; :func:`write_report_docx`
  — the Word Báo cáo; charts: :mod:`~ntmplan.tasks.progress.charts`.
"""

from __future__ import annotations

from ntmplan.tasks.progress.central_pilots import (
    CENTRAL_PILOTS_FILE,
    pilots_in_2025_units,
    province_pilots,
    read_central_pilots,
)
from ntmplan.tasks.progress.closeout import closeout_targets
from ntmplan.tasks.progress.docx import report_file_name, write_report_docx
from ntmplan.tasks.progress.implementation import capacity_table, money_table, read_implementation
from ntmplan.tasks.progress.inputs import more_survey_files, profile_targets, stack_years
from ntmplan.tasks.progress.labels import KINDS, LABELS, PILOT_TYPE_LABELS, STATUS_LABELS
from ntmplan.tasks.progress.notes import assumptions, method_notes, plain_assumptions
from ntmplan.tasks.progress.pipeline import build, project
from ntmplan.tasks.progress.projection import plan_projection, trend_projection, year_reached
from ntmplan.tasks.progress.sentences import report_sentences
from ntmplan.tasks.progress.series import (
    changes,
    commune_measures,
    province_series,
    survey_years,
    target_flags,
)
from ntmplan.tasks.progress.summary import at_risk_flags, summary
from ntmplan.tasks.progress.tables import (
    capacity_view,
    change_view,
    closeout_view,
    money_view,
    pilots_view,
    projection_view,
    series_view,
)
from ntmplan.tasks.progress.upstream import upstream_figures

__all__ = [
    "CENTRAL_PILOTS_FILE",
    "KINDS",
    "LABELS",
    "PILOT_TYPE_LABELS",
    "STATUS_LABELS",
    "assumptions",
    "at_risk_flags",
    "build",
    "capacity_table",
    "capacity_view",
    "change_view",
    "changes",
    "closeout_targets",
    "closeout_view",
    "commune_measures",
    "method_notes",
    "money_table",
    "money_view",
    "more_survey_files",
    "pilots_in_2025_units",
    "pilots_view",
    "plain_assumptions",
    "plan_projection",
    "projection_view",
    "profile_targets",
    "project",
    "province_pilots",
    "province_series",
    "read_central_pilots",
    "read_implementation",
    "report_file_name",
    "report_sentences",
    "stack_years",
    "summary",
    "series_view",
    "survey_years",
    "target_flags",
    "trend_projection",
    "upstream_figures",
    "write_report_docx",
    "year_reached",
]
