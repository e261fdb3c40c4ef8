"""Resources and budget (guidance tasks 6–7): costs by activity × year × funding source.

Every amount is traceable: a cost line comes from a unit cost in
``params["budget"]["unit_costs"]`` (or from the capacity / pilots summaries,
which cite their own unit costs), is spread over the programme years by a
phasing rule (``budget.phasing``), split across funding sources by a default
share table (``budget.splits``), and capped by envelopes (``budget.envelopes``)
with overflow moved to a fallback source (``budget.fallback``) or reported as
unfunded. All money is in million VND (``_mvnd``).

Pipeline (each step a pure function, in the module named after it)::

    activity_costs(inputs, params)        costs         -> costs  (activity, item, year, cost_mvnd, basis)
    phase(costs, params)                  phasing       -> phased (activity, year, amount_mvnd)
    split_sources(phased, params, scheme) sources       -> tidy (activity, year, source, amount_mvnd)
    apply_envelopes(tidy, params)         envelopes     -> (tidy_after, gaps)
    checks(tidy_after, params, costs)     table_checks  -> checks table
    totals(tidy_after)                    aggregates    -> totals by source / year / activity
    build(inputs, params)                 pipeline      -> all of the above in one dict
    summary(result, params, extra)        key_figures   -> JSON-serialisable key figures

``inputs`` is a dict: ``survey`` (the province's validated survey rows,
required), ``pilots`` (the 02 summary or None), ``capacity`` (the 04 summary
or None, see :mod:`~ntmplan.tasks.budget.inputs`). When a summary is missing
the params-based estimate is used and the ``basis`` text says so. The keys of
:func:`summary` are listed in :mod:`ntmplan.tasks.budget.key_figures`.

This package only re-exports the public names of its modules, so that callers
can keep writing ``from ntmplan.tasks import budget; budget.build(...)``.
"""

from __future__ import annotations

from ntmplan.core.fmt import percent as format_share
from ntmplan.tasks.budget.aggregates import totals
from ntmplan.tasks.budget.allocation import allocate_central, central_envelope
from ntmplan.tasks.budget.assumption_table import assumptions
from ntmplan.tasks.budget.codes import ACTIVITIES, UNFUNDED
from ntmplan.tasks.budget.costs import PILOT_PACKAGES, activity_costs
from ntmplan.tasks.budget.envelopes import apply_envelopes, envelope_table
from ntmplan.tasks.budget.export import NUMBER_FORMATS, export_tables, labelled, pivot, write_xlsx
from ntmplan.tasks.budget.gap_funding import GAP_COLUMNS, best_use, greedy_use
from ntmplan.tasks.budget.inputs import CAPACITY_ACTIVITIES, capacity_lines, chosen_pilots
from ntmplan.tasks.budget.key_figures import extra_figures, summary
from ntmplan.tasks.budget.naming import (
    LABELS,
    activity_label,
    format_number,
    labels,
    source_label,
)
from ntmplan.tasks.budget.phasing import (
    PHASING_RULES,
    active_years,
    phase,
    phase_weights,
    programme_years,
)
from ntmplan.tasks.budget.pipeline import build
from ntmplan.tasks.budget.sources import (
    active_sources,
    budget_tiers,
    source_shares,
    split_sources,
)
from ntmplan.tasks.budget.table_checks import checks
from ntmplan.tasks.budget.what_if import control_overrides, scenarios

__all__ = [
    "ACTIVITIES",
    "CAPACITY_ACTIVITIES",
    "GAP_COLUMNS",
    "LABELS",
    "NUMBER_FORMATS",
    "PHASING_RULES",
    "PILOT_PACKAGES",
    "UNFUNDED",
    "active_sources",
    "active_years",
    "activity_costs",
    "activity_label",
    "allocate_central",
    "apply_envelopes",
    "assumptions",
    "best_use",
    "budget_tiers",
    "build",
    "capacity_lines",
    "central_envelope",
    "checks",
    "chosen_pilots",
    "control_overrides",
    "envelope_table",
    "export_tables",
    "extra_figures",
    "format_number",
    "format_share",
    "greedy_use",
    "labelled",
    "labels",
    "phase",
    "phase_weights",
    "pivot",
    "programme_years",
    "scenarios",
    "source_label",
    "source_shares",
    "split_sources",
    "summary",
    "totals",
    "write_xlsx",
]
