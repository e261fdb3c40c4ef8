"""Tests for ntmplan.tasks.plan.docx_body: section V (Tổ chức thực hiện) of the Word plan."""

from __future__ import annotations

import copy

from ntmplan.core import admin_docx as A
from ntmplan.tasks.plan.docx_body import organisation


def section_v(params: dict) -> dict[str, list[str]]:
    """Each agency heading of section V → the bullet lines under it."""
    doc = A.open_template()
    organisation(doc, params)
    out: dict[str, list[str]] = {}
    heading = None
    for para in doc.paragraphs:
        if para.style.name == "Heading 2":
            heading = para.text.split(". ", 1)[1]
            out[heading] = []
        elif heading and para.text.startswith("- "):
            out[heading].append(para.text)
    return out


class TestOrganisation:
    def test_a_co_lead_is_not_said_to_lead_the_whole_task(self, params):
        # Hand-made tasks: A leads all 7; B co-leads a named part of task 2 and joins task 1.
        p = copy.deepcopy(params)
        p["plan"]["agencies"] = {**p["plan"]["agencies"], "lead": "Cơ quan A", "ict": "Cơ quan B"}
        tasks = p["plan"]["tasks"]
        for spec in tasks.values():
            spec.update(lead="lead", lead_duty="", co_leads={}, cooperate=[])
        tasks["task_1"]["cooperate"] = ["ict"]
        tasks["task_2"]["co_leads"] = {"ict": "Chủ trì phần việc riêng"}
        got = section_v(p)
        assert "- Chủ trì nhiệm vụ 1, 2, 3, 4, 5, 6, 7 tại Mục III." in got["Cơ quan A"]
        b = got["Cơ quan B"]
        assert "- Nhiệm vụ 2: Chủ trì phần việc riêng." in b
        assert "- Phối hợp thực hiện nhiệm vụ 1 tại Mục III." in b
        assert not any(line.startswith("- Chủ trì nhiệm vụ") for line in b)
