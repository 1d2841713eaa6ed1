"""Process pools that a background worker can always shut down.

A forked child inherits the signal handlers of the worker that forked it.
The database worker's SIGTERM handler only sets "stop after this task", so
a child that received SIGTERM from `Pool.terminate()` kept waiting on the
pool's task lock and the worker waited for it forever. Children made here
die on SIGTERM (the default) and ignore SIGINT: Ctrl-C in a terminal reaches
the whole process group, and it is the worker that decides what to do with
it; the children are then terminated by the pool.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.pool import Pool

# What each child does on each signal, whatever its parent installed.
CHILD_SIGNALS: dict[int, signal.Handlers] = {
    signal.SIGTERM: signal.SIG_DFL,
    signal.SIGINT: signal.SIG_IGN,
}
if hasattr(signal, "SIGQUIT"):
    CHILD_SIGNALS[signal.SIGQUIT] = signal.SIG_DFL


def reset_child_signals() -> None:
    """Pool initializer: drop the inherited handlers, then let the signals
    blocked around the fork through."""
    for signum, handler in CHILD_SIGNALS.items():
        signal.signal(signum, handler)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, set(CHILD_SIGNALS))


@contextmanager
def worker_pool(processes: int, *, method: str = "fork") -> Iterator[Pool]:
    """A pool owned by the caller: closed and joined when the block ends,
    terminated if it ends with any exception (including SystemExit).

    The signals are blocked while the children are forked, so none arrives
    in a child between the fork and `reset_child_signals`.
    """
    blocked = set(CHILD_SIGNALS)
    # pthread_sigmask only concerns the calling thread, which is the one that forks.
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        pool = mp.get_context(method).Pool(processes, initializer=reset_child_signals)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    try:
        yield pool
    except BaseException:
        pool.terminate()
        raise
    else:
        pool.close()
    finally:
        pool.join()
