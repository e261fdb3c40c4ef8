"""The plan's sections I–VIII, assembled in the order a provincial plan takes."""

from __future__ import annotations

from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.plan.agencies import responsibilities_section
from ntmplan.tasks.plan.assumptions import assumptions_section
from ntmplan.tasks.plan.budget_section import budget_section
from ntmplan.tasks.plan.current_state import current_state_section
from ntmplan.tasks.plan.purpose import purpose_section
from ntmplan.tasks.plan.reading import normalise
from ntmplan.tasks.plan.schedule import timeline_section
from ntmplan.tasks.plan.section import Section
from ntmplan.tasks.plan.targets import targets_section
from ntmplan.tasks.plan.task_sections import task_sections


def plan_sections(summaries: dict, params: dict | None = None, overlay_files=None) -> list[Section]:
    """Assemble the sections of the provincial plan, in the order a provincial plan takes.

    Parameters
    ----------
    summaries : dict
        Output of :func:`ntmplan.tasks.plan.collect`, or a plain ``{notebook: summary dict}``
        mapping (as in ``summary.json``). Missing notebooks make their sections
        ``available=False``.
    params : dict, optional
        Resolved params (default: ``default_params()``).
    overlay_files : list of (label, Path), optional
        Passed to :func:`ntmplan.tasks.plan.assumptions_table` (default: the profile file).

    Returns
    -------
    list of Section
        ``purpose``, ``current_state``, ``targets``, ``tasks``, ``task_1``…``task_7``,
        ``responsibilities``, ``timeline``, ``budget``, ``assumptions``.

    Raises
    ------
    ValueError, KeyError
        If ``plan.tasks`` / ``plan.agencies`` are malformed (see
        :func:`ntmplan.tasks.plan.timeline`, :func:`ntmplan.tasks.plan.responsibilities`).
        Missing or partial summaries never raise.
    """
    p = params_or_defaults(params)
    ctx = normalise(summaries)
    sections = [purpose_section(ctx, p), current_state_section(ctx, p), targets_section(ctx, p)]
    tasks = task_sections(ctx, p)
    sections.append(
        Section(
            "tasks",
            "IV. NHIỆM VỤ VÀ GIẢI PHÁP",
            [
                "Bảy nhóm nhiệm vụ theo hướng dẫn thực hiện Chương trình, với kết quả tính toán của các sổ tính."
            ],
            available=all(t.available for t in tasks),
        )
    )
    sections += tasks
    sections += [
        responsibilities_section(ctx, p),
        timeline_section(ctx, p),
        budget_section(ctx, p),
    ]
    used = [u for s in sections if s.available for u in s.params_used]
    sections.append(assumptions_section(ctx, p, used, overlay_files))
    return sections
