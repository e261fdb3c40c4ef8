"""Charts and interactive controls of the capacity workbook (notebook 04): the names callers use.

The charts and their style live in :mod:`ntmplan.tasks.capacity.plots`, the
key-figures table in :mod:`ntmplan.tasks.capacity.tables`, the ipywidgets
controls in :mod:`ntmplan.tasks.capacity.panel` (which draws the charts, so the
charts cannot live here without an import cycle); this module re-exports them for
the notebook (``from ntmplan.tasks.capacity import charts as cc``) and the widgets.
"""

from __future__ import annotations

from ntmplan.core.charts import (
    FONT,  # the house font (one for every chart)
    png_bytes,  # PNG bytes for the widgets (also used by the tests as cc.png_bytes)
)
from ntmplan.tasks.capacity.panel import CapacityControls
from ntmplan.tasks.capacity.plots import (
    COLOR_CAPACITY,
    COLOR_OVERFLOW,
    budget_chart,
    calendar_gantt,
    communication_chart,
    participants_chart,
    policy_chart,
)
from ntmplan.tasks.capacity.tables import key_figures

__all__ = [
    "COLOR_CAPACITY",
    "COLOR_OVERFLOW",
    "FONT",
    "CapacityControls",
    "budget_chart",
    "calendar_gantt",
    "communication_chart",
    "key_figures",
    "participants_chart",
    "png_bytes",
    "policy_chart",
]
