"""`selaras redis-worker`: run background tasks from the Redis queue."""

from __future__ import annotations

import signal

from django.core.management.base import BaseCommand, CommandError
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.utils.crypto import get_random_string

from selaras.core.tasks_redis import RedisBackend, RedisWorker


class Command(BaseCommand):
    help = "Menjalankan pekerja latar dari antrean Redis (TASKS_REDIS_URL)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--backend", default=DEFAULT_TASK_BACKEND_ALIAS, help="Alias in settings.TASKS")
        parser.add_argument("--queue-name", default="", help="Queues, comma-separated (default: all of the backend's)")
        parser.add_argument("--batch", action="store_true", help="Run what is queued now, then exit")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--timeout", type=int, default=5, help="Seconds each wait for a task blocks")
        parser.add_argument("--worker-id", default="")

    def handle(self, *, backend: str, queue_name: str, batch: bool, max_tasks, timeout: int, worker_id: str, **options):
        chosen = task_backends[backend]
        if not isinstance(chosen, RedisBackend):
            raise CommandError(f"Task backend {backend!r} is not a Redis backend: set TASKS_REDIS_URL")
        queues = [q for q in queue_name.split(",") if q] or sorted(chosen.queues)
        worker = RedisWorker(
            chosen,
            queue_names=queues,
            worker_id=worker_id or get_random_string(32),
            timeout=timeout,
            batch=batch,
            max_tasks=max_tasks,
        )

        def stop(signum, frame):
            # Finish the task at hand, then leave.
            worker.running = False

        if not batch:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
        worker.run()
