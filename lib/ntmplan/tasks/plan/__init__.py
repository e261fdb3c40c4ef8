"""The provincial plan (guidance task 1, notebook 06): sections assembled from the workbooks.

Guidance task 1 asks each province to issue a concrete plan built on the review of the
current state. This package turns what notebooks 01–05 wrote (``summary_<NN_name>.json``,
figures) and the resolved params into the sections of that plan, in the order a
provincial plan takes:

I. purpose and basis; II. current state (01); III. targets (Decision 924, province values
from 01 and 02); IV. tasks 1–7 of the guidance (01–05); V. responsibilities (agencies per
task, from ``plan.agencies`` / ``plan.tasks``); VI. timeline (quarters and deadlines from
``plan.tasks``, with a Gantt chart); VII. budget (03); VIII. assumptions and caveats (every
params leaf used, its value and the source comment of ``params/defaults.yaml`` or the
profile / province overlay; the illustrative-data notice).

Reading is tolerant: a notebook whose summary is missing or unreadable makes the sections
that need it ``available=False`` with a "chưa có số liệu" (no figures yet) text, never an
exception; a key missing from a summary shows as "chưa có số liệu" in its table cell.

- :func:`collect` — read a province folder's summaries, figures and exports (``reading``).
- :func:`plan_sections` — the list of :class:`Section` (``sections``; one module per part:
  ``purpose``, ``current_state``, ``targets``, ``task_*``, ``agencies``, ``schedule``,
  ``budget_section``, ``assumptions``).
- :func:`assumptions_table`, :func:`params_layers` — params used, resolved value, default, source.
- :func:`responsibilities`, :func:`timeline`, :func:`timeline_chart` — from ``plan.tasks``.
- :func:`section_markdown` — the sections as Markdown (shown by :func:`ntmplan.notebook.display.show_sections` (``markdown``).
- :func:`summary` — key figures for ``summary_06_plan.json`` (``key_figures``).
- :mod:`ntmplan.tasks.plan.docx` — the Word draft (:func:`docx_file_name`).

Summary keys (``summary_06_plan.json``)
---------------------------------------
``sections`` (list of dict)
    ``key``, ``title``, ``available`` of every section, in order.
``sections_available`` / ``sections_total`` (int)
``missing_notebooks`` (list of str)
    Notebooks (01–05) whose summary was not found.
``docx`` (str or None)
    File name of the Word draft (added by the notebook).
``deadline_plan`` (str)
    Deadline of task 1 as ``YYYYQn`` ("" if none).
"""

from __future__ import annotations

from ntmplan.tasks.plan.agencies import agency_names, plan_recipients, responsibilities
from ntmplan.tasks.plan.assumptions import assumptions_table, params_layers
from ntmplan.tasks.plan.charts import timeline_chart
from ntmplan.tasks.plan.docx import docx_file_name
from ntmplan.tasks.plan.formatting import fmt_number, fmt_percent
from ntmplan.tasks.plan.key_figures import summary
from ntmplan.tasks.plan.labels import (
    EXPORTS,
    ILLUSTRATIVE_TEXT,
    LABELS,
    NOT_AVAILABLE,
    SOURCE_NOTEBOOKS,
    TASKS,
)
from ntmplan.tasks.plan.markdown import md_escape, section_markdown
from ntmplan.tasks.plan.purpose import plan_title
from ntmplan.tasks.plan.reading import availability, collect
from ntmplan.tasks.plan.schedule import quarter_label, timeline
from ntmplan.tasks.plan.section import Section
from ntmplan.tasks.plan.sections import plan_sections

__all__ = [
    "agency_names",
    "plan_recipients",
    "EXPORTS",
    "ILLUSTRATIVE_TEXT",
    "LABELS",
    "NOT_AVAILABLE",
    "SOURCE_NOTEBOOKS",
    "TASKS",
    "Section",
    "assumptions_table",
    "availability",
    "collect",
    "docx_file_name",
    "fmt_number",
    "fmt_percent",
    "md_escape",
    "params_layers",
    "plan_sections",
    "plan_title",
    "quarter_label",
    "responsibilities",
    "section_markdown",
    "summary",
    "timeline",
    "timeline_chart",
]
