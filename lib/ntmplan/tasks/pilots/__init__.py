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
:mod:`~ntmplan.tasks.pilots.labels`; charts and widgets in
:mod:`~ntmplan.tasks.pilots.charts`.
"""

from __future__ import annotations

from ntmplan.tasks.pilots.assumptions import assumptions, conditions_table
from ntmplan.tasks.pilots.choice import BASIS_VI, choose_pilots
from ntmplan.tasks.pilots.conditions import CONDITIONS, SHORTFALL_COLUMNS
from ntmplan.tasks.pilots.config import OverrideError, with_overrides
from ntmplan.tasks.pilots.eligibility import check_eligibility, gate_columns
from ntmplan.tasks.pilots.gaps import cheapest_path, gap_costs
from ntmplan.tasks.pilots.labels import LABELS
from ntmplan.tasks.pilots.registration import REGISTRATION_COLUMNS, registration_table
from ntmplan.tasks.pilots.robustness import robustness
from ntmplan.tasks.pilots.scoring import INDICATORS, rank_candidates
from ntmplan.tasks.pilots.summary import evaluate, statement_vi, summary
from ntmplan.tasks.pilots.tables import commune_table, funnel

__all__ = [
    "BASIS_VI",
    "CONDITIONS",
    "INDICATORS",
    "LABELS",
    "REGISTRATION_COLUMNS",
    "SHORTFALL_COLUMNS",
    "OverrideError",
    "assumptions",
    "check_eligibility",
    "cheapest_path",
    "choose_pilots",
    "commune_table",
    "conditions_table",
    "evaluate",
    "funnel",
    "gap_costs",
    "gate_columns",
    "rank_candidates",
    "registration_table",
    "robustness",
    "statement_vi",
    "summary",
    "with_overrides",
]
