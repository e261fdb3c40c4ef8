"""Tests for ntmplan.tasks.budget.panel, directly and through ntmplan.tasks.budget.charts.interactive_panel."""

from __future__ import annotations

import pytest

from tests.tasks.budget.helpers import simple_params


class TestInteractivePanel:
    """Smoke test of the notebook 03 panel (widgets are built, nothing shown)."""

    def test_interactive_panel_builds(self, survey):
        pytest.importorskip("ipywidgets")
        from ntmplan.tasks.budget import charts as bc

        panel = bc.interactive_panel({"survey": survey}, simple_params())
        assert len(panel.children) == 2

    def test_make_panel_without_a_chart(self, survey):
        pytest.importorskip("ipywidgets")
        from ntmplan.tasks.budget.panel import make_panel

        panel = make_panel({"survey": survey}, simple_params())
        assert len(panel.children) == 2
