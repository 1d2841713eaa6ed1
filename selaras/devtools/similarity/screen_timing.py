"""The national screening of `selaras.sync.similarity.index.screen`, step by
step with wall and CPU time per step, for the benchmark's stage figures."""

from __future__ import annotations

import resource
import time
from collections.abc import Sequence

import numpy as np

from selaras.sync.similarity.scorer import DEFAULT_THRESHOLD
from selaras.sync.similarity.screening import screen

STAGES = ("regional_items", "central_items", "vectors", "core_pairs", "join")


def cpu_seconds() -> float:
    """This process and its reaped workers (user + system): wall time on a
    shared machine also counts other people's work."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class _Laps:
    def __init__(self):
        self.wall = [time.perf_counter()]
        self.cpu = [cpu_seconds()]

    def lap(self) -> None:
        self.wall.append(time.perf_counter())
        self.cpu.append(cpu_seconds())

    def seconds(self) -> tuple[np.ndarray, np.ndarray]:
        return np.diff(self.wall), np.diff(self.cpu)


def timed_screen(
    central_titles: Sequence[str],
    central_blocks: Sequence[Sequence[int]],
    regional_titles: Sequence[str],
    regional_blocks: Sequence[int],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    workers: int = 2,
    keep: dict | None = None,
) -> dict[str, np.ndarray]:
    """What `screen` returns, plus ``seconds`` and ``cpu_seconds`` per stage
    (see `STAGES`) and the number of cores on each side."""
    laps, kept = _Laps(), {} if keep is None else keep
    out = screen(
        central_titles,
        central_blocks,
        regional_titles,
        regional_blocks,
        threshold=threshold,
        workers=workers,
        keep=kept,
        lap=laps.lap,
    )
    wall, cpu = laps.seconds()
    return {
        **out,
        "seconds": wall,
        "cpu_seconds": cpu,
        "n_regional_cores": np.array(len(kept["regional"].prepared)),
        "n_central_cores": np.array(len(kept["central"].prepared)),
    }
