"""Who is acting right now, for the audit recorder (and anything else that
needs the actor outside a request). It lives in `core` so that `core`'s own
plumbing (API, jobs) can set it without importing `audit`.

Set by middleware for web and API requests, and by `acting_as` in commands,
background tasks and services that run outside a request.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user: object | None
    via: str


_current: ContextVar[Actor | None] = ContextVar("selaras_audit_actor", default=None)


def current_actor() -> Actor | None:
    return _current.get()


@contextmanager
def acting_as(user, via: str):
    token = _current.set(Actor(user=user, via=via))
    try:
        yield
    finally:
        _current.reset(token)
