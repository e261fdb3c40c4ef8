"""Pilot-commune selection (guidance task 3): eligibility, ranking, choice, gaps, registration.

Every rule comes from the ``pilots`` section of the params (``params/defaults.yaml``):
conditions per pilot type, thresholds, weights, scales, unit costs, pins and excludes.
All functions are pure and vectorised over communes.

Pipeline
--------
``check_eligibility`` (gates, shortfalls, missing text) → ``rank_candidates`` (score,
rank, gap cost) → ``choose_pilots`` (pins, excludes, sector diversity, fallback to the
cheapest path) ; plus ``gap_costs``, ``cheapest_path``, ``robustness``, ``funnel``,
``commune_table``, ``registration_table``, ``evaluate`` and ``summary``.

Modules: :mod:`~ntmplan.tasks.pilots.conditions` (the condition table),
:mod:`~ntmplan.tasks.pilots.thresholds` (exact threshold arithmetic),
:mod:`~ntmplan.tasks.pilots.checks` (the rule of each condition),
:mod:`~ntmplan.tasks.pilots.eligibility`, :mod:`~ntmplan.tasks.pilots.scoring`,
:mod:`~ntmplan.tasks.pilots.gaps`, :mod:`~ntmplan.tasks.pilots.choice`,
:mod:`~ntmplan.tasks.pilots.robustness`, :mod:`~ntmplan.tasks.pilots.tables`,
:mod:`~ntmplan.tasks.pilots.registration`, :mod:`~ntmplan.tasks.pilots.summary` (its
docstring lists the summary keys), :mod:`~ntmplan.tasks.pilots.assumptions`,
:mod:`~ntmplan.tasks.pilots.config` (params section, overrides),
:mod:`~ntmplan.tasks.pilots.labels`; smart villages ("xã/thôn", where the survey has village
rows) in :mod:`~ntmplan.tasks.pilots.village_view`, :mod:`~ntmplan.tasks.pilots.villages`,
:mod:`~ntmplan.tasks.pilots.village_figures` and :mod:`~ntmplan.tasks.pilots.village_documents`; charts and widgets in
:mod:`~ntmplan.tasks.pilots.charts`.
"""

from __future__ import annotations

from ntmplan.tasks.pilots.assumptions import (
    assumptions,
    conditions_table,
    group_counts,
    readings_markdown,
    readings_vi,
    uses_groups,
)
from ntmplan.tasks.pilots.choice import BASIS_VI, choose_pilots
from ntmplan.tasks.pilots.conditions import CONDITIONS, SHORTFALL_COLUMNS
from ntmplan.tasks.pilots.config import OverrideError, pilot_types, with_overrides
from ntmplan.tasks.pilots.eligibility import check_eligibility, gate_columns
from ntmplan.tasks.pilots.gaps import cheapest_path, gap_costs
from ntmplan.tasks.pilots.labels import LABELS
from ntmplan.tasks.pilots.registration import REGISTRATION_COLUMNS, registration_table
from ntmplan.tasks.pilots.robustness import robustness
from ntmplan.tasks.pilots.scoring import INDICATORS, rank_candidates
from ntmplan.tasks.pilots.summary import evaluate, statement_vi, summary
from ntmplan.tasks.pilots.tables import commune_table, extra_type_sheets, funnel
from ntmplan.tasks.pilots.village_figures import chosen_gap_mvnd, village_summary
from ntmplan.tasks.pilots.village_view import VILLAGE_TYPE, village_params, village_units
from ntmplan.tasks.pilots.villages import (
    REGISTRATION_VILLAGE_COLUMNS,
    VILLAGE_LABELS,
    chosen_villages,
    evaluate_villages,
    village_registration,
    village_table,
)

__all__ = [
    "BASIS_VI",
    "CONDITIONS",
    "INDICATORS",
    "LABELS",
    "REGISTRATION_COLUMNS",
    "REGISTRATION_VILLAGE_COLUMNS",
    "SHORTFALL_COLUMNS",
    "VILLAGE_LABELS",
    "VILLAGE_TYPE",
    "OverrideError",
    "assumptions",
    "check_eligibility",
    "cheapest_path",
    "chosen_gap_mvnd",
    "chosen_villages",
    "choose_pilots",
    "commune_table",
    "conditions_table",
    "evaluate",
    "extra_type_sheets",
    "evaluate_villages",
    "funnel",
    "gap_costs",
    "gate_columns",
    "group_counts",
    "pilot_types",
    "readings_markdown",
    "readings_vi",
    "rank_candidates",
    "registration_table",
    "robustness",
    "statement_vi",
    "summary",
    "uses_groups",
    "village_params",
    "village_registration",
    "village_summary",
    "village_table",
    "village_units",
    "with_overrides",
]
