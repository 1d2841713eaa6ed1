"""`selaras db-worker`: django-tasks-db's worker, made to last.

The third-party worker exits on the first database error that is not a
lock, and knows nothing of our jobs' leases. This one

- waits out a dropped database connection (closing the old connections,
  pausing 1, 2, 4 ... up to `MAX_BACKOFF` seconds) and goes on;
- requeues the jobs of lost workers (`selaras.core.jobs.jobs_reap`) when it
  starts and every `REAP_SECONDS` from a background thread;
- runs the apps' warm-up hooks (`selaras.core.warmup`) once before its first
  task, unless it only drains the queue (`--batch`).

It replaces django-tasks-db's command of the same name (`selaras.core`
comes before `django_tasks_db` in INSTALLED_APPS), with the same options.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.db import close_old_connections, connections
from django.db.utils import InterfaceError, OperationalError
from django_tasks_db.management.commands import db_worker as base

from selaras.core.jobs import jobs_reap
from selaras.core.warmup import warm_up

logger = logging.getLogger("selaras.jobs")

REAP_SECONDS = 30.0
MAX_BACKOFF = 30.0
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


def reap_once() -> None:
    try:
        close_old_connections()
        jobs_reap()
    except Exception:
        logger.exception("Reaping lost jobs failed")


class _Reaper(threading.Thread):
    def __init__(self, every: float) -> None:
        super().__init__(name="job-reaper", daemon=True)
        self.every = every
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                reap_once()
        finally:
            connections.close_all()  # this thread's connections only


class Worker(base.Worker):
    def __init__(
        self,
        *,
        reap_every: float = REAP_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
        **options,
    ) -> None:
        super().__init__(**options)
        self.reap_every = reap_every
        self.sleep = sleep
        self.connection_errors = 0

    def run(self) -> None:
        if not self.batch:
            warm_up()
        reap_once()
        reaper = None
        if not self.batch and self.reap_every:
            reaper = _Reaper(self.reap_every)
            reaper.start()
        try:
            self._run_until_done()
        finally:
            if reaper is not None:
                reaper.stopped.set()

    def _run_until_done(self) -> None:
        backoff = 1.0
        while self.running:
            try:
                super().run()
                return
            except TRANSIENT_ERRORS as exc:
                self.connection_errors += 1
                logger.warning("Worker %s lost the database (%s); retrying in %.0f s", self.worker_id, exc, backoff)
                close_old_connections()
                self.startup_delay = False
                self.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)


class Command(base.Command):
    help = "Menjalankan pekerja latar dari antrean basis data; bertahan saat koneksi basis data terputus."

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options,
    ) -> None:
        # The same as django-tasks-db's `handle`, with our Worker.
        self.configure_logging(verbosity)
        if reload and batch:
            base.logger.warning("Warning: --reload and --batch cannot be specified together. Disabling autoreload.")
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise base.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        if reload:
            if base.os.environ.get(base.DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            base.run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
