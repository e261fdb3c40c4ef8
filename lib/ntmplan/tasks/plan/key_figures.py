"""Key figures of the plan for ``summary_06_plan.json`` (keys in the package docstring)."""

from __future__ import annotations

from ntmplan.core.params import params_or_defaults
from ntmplan.core.summaries import nested_get
from ntmplan.tasks.plan.reading import normalise
from ntmplan.tasks.plan.section import Section


def summary(
    sections: list[Section], collected: dict | None = None, params: dict | None = None
) -> dict:
    """Key figures of the plan for ``summary_06_plan.json`` (keys in the package docstring).

    Parameters
    ----------
    sections : list of Section
        Output of :func:`ntmplan.tasks.plan.plan_sections`.
    collected : dict, optional
        Output of :func:`ntmplan.tasks.plan.collect` (for ``missing_notebooks``); without
        it, the notebooks of the sections marked not available.
    params : dict, optional
        Resolved params.

    Returns
    -------
    dict
        JSON-serialisable.
    """
    p = params_or_defaults(params)
    if collected is not None:
        missing = sorted(normalise(collected)["missing"])
    else:
        missing = sorted({nb for s in sections if not s.available for nb in s.notebooks})
    return {
        "sections": [
            {"key": s.key, "title": s.title, "available": bool(s.available)} for s in sections
        ],
        "sections_available": int(sum(s.available for s in sections)),
        "sections_total": len(sections),
        "missing_notebooks": missing,
        "deadline_plan": str(nested_get(p, "plan", "tasks", "task_1", "deadline", default="")),
    }
