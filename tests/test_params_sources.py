"""Params comments cite the legal text itself (or say "giả định" / assumption), never a project file.

A source such as ``DOMAIN.md "After 2025"`` or ``issue 6`` points a planner at this project's
notes instead of the decision, letter and section; every comment of every params file is read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ntmplan.core import paths

#: Files of this project that a params comment must never cite as a source.
PROJECT_FILE = re.compile(
    r"\b(?:DOMAIN|DESIGN|README|ARCHITECTURE|RULES|CHANGELOG)(?:\.md)?\b|\bissue\s+\d+|\.ipynb\b",
)


def comments(text: str) -> list[tuple[int, str]]:
    """(line number, comment text) of every comment of a YAML text (quotes respected)."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        quote = ""
        for i, ch in enumerate(line):
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "\"'":
                quote = ch
            elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
                found.append((number, line[i + 1 :].strip()))
                break
    return found


def project_citations(text: str) -> list[tuple[int, str]]:
    """Comments that cite a project file, with their line numbers."""
    return [(n, c) for n, c in comments(text) if PROJECT_FILE.search(c)]


def params_files() -> list[Path]:
    return sorted(paths.DEFAULTS_FILE.parent.rglob("*.yaml"))


class TestProjectCitations:
    def test_a_comment_citing_only_a_project_file_is_found(self):
        text = 'a: 1  # DOMAIN.md "After 2025"\nb: 2  # QĐ 924/QĐ-TTg, mục II\n'
        assert project_citations(text) == [(1, 'DOMAIN.md "After 2025"')]

    def test_design_notes_and_issues_are_found_too(self):
        text = "# see DESIGN.md survey table\nx: 1  # issue 6\ny: 2  # README\n"
        assert [n for n, _ in project_citations(text)] == [1, 2, 3]

    def test_a_hash_inside_quotes_is_no_comment(self):
        assert project_citations('label: "Phụ lục # DOMAIN.md"\n') == []

    def test_legal_sources_and_assumptions_pass(self):
        text = (
            "a: 0.65  # NQ 257/2025/QH15: about 65% of communes\n"
            "b: 3  # giả định: a 1–5 rating scale of the survey form\n"
        )
        assert project_citations(text) == []


@pytest.mark.parametrize("path", params_files(), ids=lambda p: p.name)
def test_params_file_cites_no_project_file(path):
    found = project_citations(path.read_text(encoding="utf-8"))
    assert found == [], "\n".join(f"{path.name}:{n}: {c}" for n, c in found)
