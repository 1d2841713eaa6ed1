"""A tiny domain-event hub, so that later apps can react to what earlier
apps do without the earlier apps importing them (imports run one way).

A service says what happened, with plain ids and values:

    events.emit("plan.transition", plan_id=plan.pk, transition_id=t.pk, action="submit")

and a later app subscribes in its `AppConfig.ready`:

    @events.subscriber("plan.transition")
    def notify(*, plan_id, transition_id, action): ...

Subscribers run once the surrounding transaction commits (never for work
that was rolled back), each on its own: one that fails is logged and does
not stop the others nor undo the service. Payloads carry ids, not objects:
a subscriber reads the committed state itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction

logger = logging.getLogger("selaras.events")

Subscriber = Callable[..., None]
_SUBSCRIBERS: dict[str, list[Subscriber]] = {}


def subscriber(*kinds: str) -> Callable[[Subscriber], Subscriber]:
    """Register `func(**payload)` for each of these event kinds."""

    def register(func: Subscriber) -> Subscriber:
        for kind in kinds:
            handlers = _SUBSCRIBERS.setdefault(kind, [])
            if func not in handlers:
                handlers.append(func)
        return func

    return register


def subscribers(kind: str) -> list[Subscriber]:
    return list(_SUBSCRIBERS.get(kind, ()))


def emit(kind: str, **payload: Any) -> None:
    """Deliver the event to its subscribers after the current transaction
    commits (at once when there is none)."""
    transaction.on_commit(lambda: deliver(kind, **payload))


def deliver(kind: str, **payload: Any) -> None:
    for func in subscribers(kind):
        try:
            func(**payload)
        except Exception:
            # A notification that could not be made must never fail the
            # plan submission that caused it.
            logger.exception("Subscriber %s of event %s failed", getattr(func, "__qualname__", func), kind)
