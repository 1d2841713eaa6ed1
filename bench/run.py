"""Run every `bench/bench_*.py` against a fresh SQLite database of its own,
print a table, and write bench-results.json.

    python -m bench.run                 # all benchmarks
    python -m bench.run reference jobs  # only bench_reference.py and bench_jobs.py

A figure is `{"value": float, "unit": str, "target": float | None, "ok": bool}`;
`figure()` builds one (lower is better unless `higher_is_better`). The exit
status is non-zero when a benchmark raised, not when a figure misses its
target: misses are for people to read, on a machine that may be busy.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "bench-results.json"


def figure(value: float, unit: str, target: float | None = None, *, higher_is_better: bool = False) -> dict:
    if target is None:
        ok = True
    else:
        ok = value >= target if higher_is_better else value <= target
    return {"value": round(value, 4), "unit": unit, "target": target, "ok": ok}


def _setup_django(workdir: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selaras.settings")
    # Never touch the demo database: the benchmarks get their own.
    os.environ["SELARAS_VAR_DIR"] = str(workdir)
    os.environ["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("TASKS_REDIS_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def discover(names: list[str]) -> list[str]:
    import bench

    found = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))
    if names:
        wanted = {f"bench_{n.removeprefix('bench_')}" for n in names}
        unknown = wanted - set(found)
        if unknown:
            raise SystemExit(f"Unknown benchmark(s): {', '.join(sorted(unknown))}; have {', '.join(found)}")
        found = [m for m in found if m in wanted]
    # load-reference measures a first load: it must meet an empty database,
    # before other benchmarks load reference data for themselves.
    return sorted(found, key=lambda m: (m != "bench_reference", m))


def _verdict(ok: bool | None) -> str:
    # A figure without a target is information, neither met nor missed.
    return "—" if ok is None else "yes" if ok else "NO"


def print_table(results: dict[str, dict]) -> None:
    width = max([len(n) for n in results] + [10])
    print(f"{'figure':<{width}}  {'value':>12}  {'unit':<8}  {'target':>10}  ok")
    for name, f in results.items():
        target = f["target"]
        target = "" if target is None else f"{target:g}" if isinstance(target, int | float) else str(target)
        value = f["value"]
        if isinstance(value, int | float):
            shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:.4g}"
        else:
            shown = str(value)
        print(f"{name:<{width}}  {shown:>12}  {f['unit']:<8}  {target:>10}  {_verdict(f['ok'])}")


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    modules = discover(argv)
    failed = []
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="selaras-bench-") as tmp:
        _setup_django(Path(tmp))
        for name in modules:
            started = time.monotonic()
            print(f"== {name}", flush=True)
            try:
                importlib.import_module(f"bench.{name}").run(results)
            except Exception:
                traceback.print_exc()
                failed.append(name)
            print(f"   ({time.monotonic() - started:.1f} s)", flush=True)
    print()
    print_table(results)
    OUTPUT.write_text(
        json.dumps(
            {
                "machine": {
                    "python": platform.python_version(),
                    "cpus": os.cpu_count(),
                    "platform": platform.platform(),
                },
                "failed": failed,
                "results": results,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nWritten {OUTPUT.relative_to(ROOT)}")
    if failed:
        print(f"Benchmarks that raised: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
