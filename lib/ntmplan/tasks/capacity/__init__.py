"""Training, communication and support-policy plan (guidance tasks 2, 4 and 6; notebook 04).

Pure functions: survey frame + resolved params (section ``capacity`` and the
programme years) in, DataFrames out. Every size, share, class size, price and
allowance comes from ``params["capacity"]``; the guidance gives no prices, so
every amount is a planner's assumption in million VND (see the comments in
``params/defaults.yaml`` and :func:`assumptions`).

Pipeline::

    target_groups(survey) ─► training_plan(survey) ─► training_calendar(plan)
    curriculum()             communication_plan(survey)    support_policy_costs(survey)
                      └───────────────► budget_lines(plan, comm, policy) ◄──┘

:func:`build` runs all of them; :func:`summary` turns the result into the
JSON-serialisable key figures written to ``summary_04_capacity.json`` (keys listed
in :mod:`ntmplan.tasks.capacity.summary_json`).

Modules: ``scope`` (communes and years), ``checks`` (params checks, errors),
``rounding``, ``groups`` (target groups, curriculum), ``training`` (yearly plan,
coverage), ``trainers`` (trainer capacity), ``calendar`` (quarterly calendar and
load), ``communication``, ``support`` (team allowance and support items),
``lines`` (budget lines), ``tables`` (display tables), ``pipeline`` (build,
interactive choices), ``summary_json``, ``export`` (Excel sheets), ``sources``
(assumptions table), ``labels``; charts in ``charts``, widgets in ``panel``.
"""

from __future__ import annotations

from ntmplan.tasks.capacity.calendar import calendar_load, training_calendar
from ntmplan.tasks.capacity.checks import CapacityError
from ntmplan.tasks.capacity.communication import communication_plan
from ntmplan.tasks.capacity.export import EXCEL_SHEETS, excel_sheets
from ntmplan.tasks.capacity.groups import curriculum, target_groups
from ntmplan.tasks.capacity.labels import ACTIVITIES, LABELS
from ntmplan.tasks.capacity.lines import budget_lines
from ntmplan.tasks.capacity.pipeline import build, with_controls
from ntmplan.tasks.capacity.scope import plan_years
from ntmplan.tasks.capacity.sources import assumptions
from ntmplan.tasks.capacity.summary_json import summary
from ntmplan.tasks.capacity.support import support_policy_costs, team_members
from ntmplan.tasks.capacity.tables import TOTAL, by_group_year, wide_by_year
from ntmplan.tasks.capacity.trainers import trainer_capacity
from ntmplan.tasks.capacity.training import coverage, training_plan

__all__ = [
    "ACTIVITIES",
    "EXCEL_SHEETS",
    "LABELS",
    "TOTAL",
    "CapacityError",
    "assumptions",
    "budget_lines",
    "build",
    "by_group_year",
    "calendar_load",
    "communication_plan",
    "coverage",
    "curriculum",
    "excel_sheets",
    "plan_years",
    "summary",
    "support_policy_costs",
    "target_groups",
    "team_members",
    "trainer_capacity",
    "training_calendar",
    "training_plan",
    "wide_by_year",
    "with_controls",
]
