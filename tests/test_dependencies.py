"""Every module the product imports is a runtime dependency.

A module that only the test extras bring in makes `make demo` fail on a fresh
machine (rapidfuzz did). This reads every import in `selaras/` and checks that
the distribution providing it is named in `[project] dependencies`, directly
or as a dependency of one that is."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(spec: str) -> str:
    return _normal(re.split(r"[\s<>=!~;\[(]", spec.strip(), maxsplit=1)[0])


def _runtime_closure() -> set[str]:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    todo = [_requirement_name(spec) for spec in declared]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        # Only unconditional requirements: an extra's dependencies are not installed by `pip install .`.
        todo.extend(_requirement_name(r) for r in requires if "extra ==" not in r)
    return seen


def _imported_top_level_modules() -> set[str]:
    modules: set[str] = set()
    for path in (ROOT / "selaras").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module.split(".")[0])
    return {m for m in modules if m not in sys.stdlib_module_names and m != "selaras"}


def test_every_imported_module_comes_from_a_runtime_dependency():
    providers = metadata.packages_distributions()
    runtime = _runtime_closure()
    missing = {}
    for module in sorted(_imported_top_level_modules()):
        distributions = {_normal(d) for d in providers.get(module, [])}
        if not distributions & runtime:
            missing[module] = sorted(distributions) or ["(not installed)"]
    assert not missing, f"imported by selaras but not a runtime dependency: {missing}"


def test_the_check_sees_a_test_only_module():
    # The check must be able to fail: pytest is installed here, but only as a test extra.
    providers = metadata.packages_distributions()
    assert not {_normal(d) for d in providers["pytest"]} & _runtime_closure()
