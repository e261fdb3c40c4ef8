"""The package ntmplan.tasks.budget re-exports the public names of its modules, and holds no logic."""

from __future__ import annotations

import types

from ntmplan.tasks import budget


def test_every_public_name_is_re_exported_and_none_is_a_module():
    for name in budget.__all__:
        value = getattr(budget, name)
        assert not isinstance(value, types.ModuleType), name
        if callable(value):
            assert value.__module__.startswith(("ntmplan.tasks.budget.", "ntmplan.core.")), name


def test_init_defines_nothing():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(budget.__file__).read_text(encoding="utf-8"))
    defined = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert defined == []
