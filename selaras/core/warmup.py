"""Work a long-lived process does once when it starts, so that its first job
does not pay it: each app registers its hooks in `AppConfig.ready`, and the
workers (`db-worker`, the Redis worker) call `warm_up` before they take a
task. A shard of a national run would otherwise spend its first seconds
importing and loading what every later shard finds ready."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.db import close_old_connections

logger = logging.getLogger("selaras.jobs")

_HOOKS: dict[str, Callable[[], None]] = {}


def register(name: str, hook: Callable[[], None]) -> None:
    """Add `hook` under `name` (registering a name again replaces it)."""
    _HOOKS[name] = hook


def hooks() -> dict[str, Callable[[], None]]:
    return dict(_HOOKS)


def warm_up() -> dict[str, float]:
    """Run every hook once; seconds each took. A failing hook is logged and
    skipped: a cold worker is slower, a worker that does not start is down."""
    took: dict[str, float] = {}
    for name, hook in list(_HOOKS.items()):
        started = time.perf_counter()
        try:
            hook()
        except Exception:
            logger.exception("Warm-up %s failed", name)
            continue
        finally:
            close_old_connections()
        took[name] = time.perf_counter() - started
    if took:
        logger.info(
            "Warmed up in %.1f s (%s)", sum(took.values()), ", ".join(f"{k} {v:.1f} s" for k, v in took.items())
        )
    return took
