"""What the progress workbook reads from the province's other summaries (02, 03, 04)."""

from __future__ import annotations

from ntmplan.core.summaries import chosen_pilots, nested_get

#: Pilot types of the 02 summary, in report order.
PILOT_TYPES = ("smart_commune", "ecommerce_commune")


def upstream_figures(s02: dict | None, s03: dict | None, s04: dict | None, params: dict) -> dict:
    """Collect the figures of 02, 03 and 04 the close-out and the projection use.

    Parameters
    ----------
    s02, s03, s04 : dict or None
        The province's summaries of notebooks 02, 03 and 04 (None when not run).
    params : dict
        Resolved params (``programme.end_year`` when 03 has not run).

    Returns
    -------
    dict
        ``chosen`` (list of ``{pilot_type, commune_name, …}``), ``funded`` (communes whose
        gaps the budget funds, 0 without 03), ``plan_end`` (last year of the plan),
        ``planned_mvnd`` (``{activity: million VND}``), ``groups_planned``
        (``{group: participants}``), ``group_names`` (``{group: label}``).
    """
    groups = nested_get(s04, "groups", default={}) or {}
    return {
        "chosen": [{**c, "pilot_type": t} for t in PILOT_TYPES for c in chosen_pilots(s02, t)],
        "funded": int(nested_get(s03, "best_use", "funded", default=0) or 0),
        "plan_end": int(
            nested_get(s03, "end_year", default=None) or params["programme"]["end_year"]
        ),
        "planned_mvnd": dict(nested_get(s03, "by_activity_mvnd", default={}) or {}),
        "groups_planned": {g: v.get("participants", 0) for g, v in groups.items()},
        "group_names": {g: v.get("name_vi", g) for g, v in groups.items()},
    }
