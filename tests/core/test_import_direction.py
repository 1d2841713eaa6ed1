"""Imports run one way: `core` comes first and imports none of the apps
listed after it (STYLE.md, point 8). The home page, the demonstration job
and the acting-user context were moved out of or into `core` for this."""

import ast
from pathlib import Path

import selaras.core

LATER_APPS = ("registry", "audit", "accounts", "plans", "sync", "home", "devtools")


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_imports_no_later_app():
    root = Path(selaras.core.__file__).parent
    offenders = {
        f"{path.relative_to(root)}: {name}"
        for path in root.rglob("*.py")
        for name in _imported_modules(path)
        if name.split(".")[:2] in (["selaras", app] for app in LATER_APPS)
    }
    assert not offenders, sorted(offenders)


def test_the_home_page_is_served_by_its_own_app(client, reference):
    response = client.get("/")
    assert response.status_code == 200
    assert response.resolver_match.view_name == "home:home"
    assert response.resolver_match.func.__module__ == "selaras.home.views"
