"""The whole budget pipeline in one call: costs → phasing → sources → envelopes → checks, totals."""

from __future__ import annotations

from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.budget.aggregates import totals
from ntmplan.tasks.budget.costs import activity_costs
from ntmplan.tasks.budget.envelopes import apply_envelopes
from ntmplan.tasks.budget.inputs import capacity_lines, chosen_pilots
from ntmplan.tasks.budget.phasing import phase
from ntmplan.tasks.budget.sources import split_sources
from ntmplan.tasks.budget.table_checks import checks


def build(inputs: dict, params: dict | None = None, scheme: str | None = None) -> dict:
    """Run the whole budget pipeline.

    Parameters
    ----------
    inputs : dict
        See :func:`activity_costs`.
    params : dict, optional
    scheme : str, optional
        ``current`` or ``legacy``; defaults to ``programme.scheme``.

    Returns
    -------
    dict
        ``costs``, ``phased``, ``required`` (tidy before envelopes), ``tidy``
        (after envelopes), ``gaps``, ``checks``, ``totals``, ``scheme``,
        ``inputs_used``.

    Raises
    ------
    ValueError
        From the steps.
    """
    p = params_or_defaults(params)
    scheme = scheme or p["programme"]["scheme"]
    costs = activity_costs(inputs, p)
    phased = phase(costs, p)
    required = split_sources(phased, p, scheme)
    tidy, gaps = apply_envelopes(required, p)
    return {
        "costs": costs,
        "phased": phased,
        "required": required,
        "tidy": tidy,
        "gaps": gaps,
        "checks": checks(tidy, p, costs),
        "totals": totals(tidy),
        "scheme": scheme,
        "inputs_used": {
            "pilots": "02_pilots" if chosen_pilots(inputs.get("pilots")) is not None else "params",
            "capacity": "04_capacity"
            if capacity_lines(inputs.get("capacity")) is not None
            else "params",
        },
    }
