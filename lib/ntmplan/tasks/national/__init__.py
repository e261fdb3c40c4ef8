"""National roll-up (notebook 00): every province side by side, for the central NTM office.

Runs after the provinces. Reads each province folder's summaries (``summary_<NN_name>.json``,
or the merged ``summary.json``), the executed notebooks' papermill metadata (run status,
data file) and the registration files ``dang_ky_thi_diem_trung_uong.xlsx``. Data frames and
params in, data frames out: the notebook context
(:func:`ntmplan.notebook.context.open_national`) loads the surveys, and the notebook passes
in what other workbooks compute (the readiness index and target progress of
:mod:`ntmplan.tasks.status`, the registration headers of :mod:`ntmplan.tasks.pilots`).

- :func:`province_folders`, :func:`run_status` — the province folders and how each notebook
  ran (``folders``).
- :func:`collect_provinces` — one row per province folder (``provinces``).
- :func:`survey_files`, :func:`survey_sources`, :func:`latest_years` — the survey each
  province ran on (``surveys``).
- :func:`at_risk` — provinces at risk of missing the one-smart-commune target (``risk``).
- :func:`completion_table` — each province against the conditions for completing the NTM task;
- :func:`target_matrix`, :func:`national_targets` — the profile's targets by province and
  nationally (``targets``).
- :func:`pilots_table`, :func:`budget_by_source` — pilots and budget totals (``comparison``).
- :func:`stack_registrations`, :func:`write_registrations` — the stacked central-pilot
  registrations ``dang_ky_thi_diem_trung_uong_toan_quoc.xlsx`` (``registrations``).
- :func:`commune_index`, :func:`national_dot_map`, :func:`target_heatmap` — map and charts.
- :func:`read_progress`, :func:`closeout_table`, :func:`closeout_counts` — the close-out of
  2021–2025 from the provinces' progress summaries (``progress_closeout``);
  :func:`at_risk_2030`, :func:`risk_counts` — provinces at risk of missing a 2030 target
  (``progress_risk``).
- :func:`summary` — key figures for ``summary_00_national.json`` (``key_figures``).

At risk (definition)
--------------------
A province is *at risk of missing the Decision 924 target of at least one smart NTM commune
pilot* when any of these holds (thresholds in ``plan.at_risk``):

1. its pilot workbook (02) has not run (only when ``plan.at_risk.missing_is_risk``);
2. no commune is eligible as a smart commune and no pilot was chosen;
3. fewer smart pilots were chosen than its target (``target.smart_commune`` of its 02
   summary, else ``pilots.types.smart_commune.number``);
4. the chosen smart pilots still need money to meet every condition: their gap-closing cost
   (``smart_pilots_gap_mvnd``, else the sum of the chosen pilots' ``gap_mvnd``) exceeds
   ``plan.at_risk.gap_cost_max_mvnd`` (default 0: any remaining gap).

Summary keys (``summary_00_national.json``)
-------------------------------------------
``provinces`` (int), ``provinces_with_pilots_summary`` (int), ``at_risk`` (list of province
codes), ``at_risk_count`` (int), ``readiness_mean`` (float, mean of province values),
``budget_total_mvnd`` (float), ``budget_by_source_mvnd`` (dict), ``registrations`` (int rows),
``illustrative`` (bool).
"""

from __future__ import annotations

from ntmplan.core.paths import NATIONAL_DIR
from ntmplan.tasks.national.charts import commune_index, national_dot_map, target_heatmap
from ntmplan.tasks.national.comparison import budget_by_source, pilots_table
from ntmplan.tasks.national.folders import papermill_meta, province_folders, run_status
from ntmplan.tasks.national.key_figures import summary
from ntmplan.tasks.national.labels import (
    LABELS,
    NATIONAL_REGISTRATION_FILE,
    PILOT_TYPES,
    REGISTRATION_FILE,
    RUN_STATUS_VI,
    STATUS_NOTEBOOKS,
    SURVEY_NOTEBOOKS,
)
from ntmplan.tasks.national.progress_closeout import (
    PROGRESS_KINDS,
    PROGRESS_LABELS,
    closeout_counts,
    closeout_table,
    read_progress,
)
from ntmplan.tasks.national.progress_risk import at_risk_2030, risk_counts
from ntmplan.tasks.national.provinces import collect_provinces
from ntmplan.tasks.national.registrations import (
    read_registration,
    stack_registrations,
    write_registrations,
)
from ntmplan.tasks.national.risk import at_risk
from ntmplan.tasks.national.surveys import latest_years, survey_files, survey_sources
from ntmplan.tasks.national.targets import completion_table, national_targets, target_matrix

__all__ = [
    "LABELS",
    "NATIONAL_DIR",
    "NATIONAL_REGISTRATION_FILE",
    "PILOT_TYPES",
    "PROGRESS_KINDS",
    "PROGRESS_LABELS",
    "REGISTRATION_FILE",
    "completion_table",
    "RUN_STATUS_VI",
    "STATUS_NOTEBOOKS",
    "SURVEY_NOTEBOOKS",
    "at_risk",
    "at_risk_2030",
    "budget_by_source",
    "closeout_counts",
    "closeout_table",
    "collect_provinces",
    "commune_index",
    "latest_years",
    "national_dot_map",
    "national_targets",
    "papermill_meta",
    "pilots_table",
    "province_folders",
    "read_progress",
    "read_registration",
    "risk_counts",
    "run_status",
    "stack_registrations",
    "summary",
    "survey_files",
    "survey_sources",
    "target_heatmap",
    "target_matrix",
    "write_registrations",
]
