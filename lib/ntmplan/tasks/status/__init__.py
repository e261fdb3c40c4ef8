"""Review of the current state of digital transformation (guidance task 1, notebook 01).

Pure functions: survey frame (+ params) in, frames out.

- :func:`commune_indicators` — per-commune indicators of four pillars (shares 0–1,
  per-1,000 figures, counts, yes/no flags); :mod:`~ntmplan.tasks.status.indicators`.
- :func:`readiness_index` — a 0–100 score per pillar and overall (weights and caps in
  ``params["status"]``); :mod:`~ntmplan.tasks.status.readiness`.
- :func:`province_aggregates` — household-weighted means, plain means and quantiles;
  :func:`extremes` — the weakest and strongest communes;
  :mod:`~ntmplan.tasks.status.aggregates`.
- :func:`target_progress` — the profile's commune-level targets (Decision 924's 2025 targets,
  or Resolution 257's 2030 targets and criterion 7 of Decision 51 per commune group): value,
  target, met, communes needed; :mod:`~ntmplan.tasks.status.targets`.
- :func:`targets_text`, :func:`group_table`, :func:`completion_check` (Decision 51 Appendix
  III), :func:`completion_summary`; :mod:`~ntmplan.tasks.status.phase`.
- :func:`compare_years` — per province, key indicators in two survey years and the change;
  :mod:`~ntmplan.tasks.status.comparison`.
- :func:`summary` — JSON-serialisable key figures for ``summary_01_status.json`` (its keys
  are listed in :mod:`~ntmplan.tasks.status.summary`).
- :func:`assumptions` — the ``status`` params with their resolved values and sources.

Which units count: :mod:`~ntmplan.tasks.status.scope`; labels:
:mod:`~ntmplan.core.indicator_names`; charts: :mod:`~ntmplan.tasks.status.charts`.
"""

from __future__ import annotations

from ntmplan.core.errors import MissingColumnError  # re-exported for former callers
from ntmplan.core.indicator_names import LABELS, PILLAR_LABELS, PILLARS
from ntmplan.tasks.status.aggregates import extremes, province_aggregates
from ntmplan.tasks.status.assumptions import assumptions
from ntmplan.tasks.status.comparison import compare_years
from ntmplan.tasks.status.indicators import INDICATORS, PER_1000, commune_indicators
from ntmplan.tasks.status.phase import (
    completion_check,
    completion_summary,
    group_table,
    groups_of,
    targets_text,
    uses_groups,
)
from ntmplan.tasks.status.readiness import readiness_index
from ntmplan.tasks.status.summary import summary
from ntmplan.tasks.status.targets import target_progress

__all__ = [
    "INDICATORS",
    "LABELS",
    "PER_1000",
    "PILLARS",
    "PILLAR_LABELS",
    "MissingColumnError",
    "assumptions",
    "commune_indicators",
    "completion_check",
    "completion_summary",
    "compare_years",
    "extremes",
    "group_table",
    "groups_of",
    "province_aggregates",
    "readiness_index",
    "summary",
    "target_progress",
    "targets_text",
    "uses_groups",
]
