"""One shape per app (issue 10): background tasks live in each app's
`tasks.py`, and no form class is defined in a views module."""

import ast
from pathlib import Path

import pytest

import selaras

ROOT = Path(selaras.__file__).parent
# sync's similarity service still defines its warm-up task itself (tracked in issue 10).
CHECKED_APPS = ("core", "registry", "audit", "accounts", "plans", "home")


def _modules(app: str):
    yield from (ROOT / app).rglob("*.py")


def _decorator_names(node) -> set[str]:
    names = set()
    for d in getattr(node, "decorator_list", []):
        target = d.func if isinstance(d, ast.Call) else d
        names.add(target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", ""))
    return names


@pytest.mark.parametrize("app", CHECKED_APPS)
def test_background_tasks_live_in_the_apps_tasks_module(app):
    outside = [
        f"{path.relative_to(ROOT)}:{node.name}"
        for path in _modules(app)
        if path.name != "tasks.py"
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef) and "task" in _decorator_names(node)
    ]
    assert not outside


@pytest.mark.parametrize("app", (*CHECKED_APPS, "sync"))
def test_no_form_is_defined_in_a_views_module(app):
    views = [p for p in _modules(app) if p.name == "views.py" or p.parent.name == "views"]
    forms = [
        f"{path.relative_to(ROOT)}:{node.name}"
        for path in views
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ClassDef)
        and any(ast.unparse(base).endswith(("Form", "ModelForm")) for base in node.bases)
    ]
    assert not forms


def test_no_module_imports_another_modules_private_names():
    private = [
        f"{path.relative_to(ROOT)}: {node.module}.{alias.name}"
        for path in ROOT.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("selaras")
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]
    assert not private
