"""The demo data: a registry of steps that `selaras demo-data` runs in order.

Each app that has something to show puts a `demo.py` module next to its
models and registers its steps:

    @demo_step(order=100)
    def users(ctx: DemoContext) -> int:
        ...
        return created_count

Steps must be deterministic and idempotent (a second run changes nothing):
look records up by their natural key, create only what is missing, never
overwrite what a person may have edited since. Reference data (regions,
agencies) comes from `selaras load-reference`; a step that needs a record
that is not there calls `agency`/`region` from `selaras.registry.demo`,
which fail with a message saying so.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules


class DemoDataMissing(Exception):
    """Reference data the demo needs is not loaded."""


@dataclass
class DemoContext:
    """Shared by the steps of one run: a seeded random generator (so "random"
    demo data is the same on every machine) and a place for steps to leave
    records for later steps."""

    seed: int = 2024
    rng: random.Random = field(init=False)
    shared: dict[str, object] = field(default_factory=dict)
    log: Callable[[str], None] = print

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)


@dataclass(frozen=True)
class DemoStep:
    order: int
    name: str
    func: Callable[[DemoContext], int | None]


_STEPS: dict[str, DemoStep] = {}


def demo_step(*, order: int, name: str | None = None):
    """Register a function as a demo step; lower `order` runs first."""

    def register(func: Callable[[DemoContext], int | None]):
        step_name = name or f"{func.__module__}.{func.__name__}"
        _STEPS[step_name] = DemoStep(order=order, name=step_name, func=func)
        return func

    return register


def demo_steps() -> list[DemoStep]:
    autodiscover_modules("demo")
    return sorted(_STEPS.values(), key=lambda s: (s.order, s.name))
