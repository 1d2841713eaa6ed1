"""Worker pools whose children never keep the worker's signal handlers."""

from __future__ import annotations

import signal

import pytest

from selaras.core.pools import worker_pool


def _child_handlers(_: int) -> tuple[int, int]:
    return int(signal.getsignal(signal.SIGTERM)), int(signal.getsignal(signal.SIGINT))


def _graceful_stop(signum, frame) -> None:  # what db_worker installs
    pass


@pytest.fixture
def worker_handlers():
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    signal.signal(signal.SIGTERM, _graceful_stop)
    signal.signal(signal.SIGINT, _graceful_stop)
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def test_pool_children_die_on_sigterm_and_ignore_sigint_whatever_the_worker_installed(worker_handlers):
    with worker_pool(2) as pool:
        handlers = set(pool.map(_child_handlers, range(4)))
    assert handlers == {(int(signal.SIG_DFL), int(signal.SIG_IGN))}
    # the worker itself keeps its own
    assert signal.getsignal(signal.SIGTERM) is _graceful_stop


def test_a_pool_interrupted_by_system_exit_is_terminated_and_joined(worker_handlers):
    with pytest.raises(SystemExit), worker_pool(2) as pool:
        pool.map(_child_handlers, range(2))
        raise SystemExit(1)
    children = pool._pool
    assert children and all(not p.is_alive() for p in children)
    assert signal.pthread_sigmask(signal.SIG_BLOCK, set()) & {signal.SIGTERM, signal.SIGINT} == set()
