"""A Redis-backed queue for Django's tasks framework, for running background
workers on several machines.

Settings use it when TASKS_REDIS_URL is set:

    TASKS = {"default": {"BACKEND": "selaras.core.tasks_redis.RedisBackend",
                         "OPTIONS": {"url": "redis://host:6379/0"}}}

and each worker machine runs `selaras redis-worker`.

Why our own and not `django-tasks-rq`: that package is written against the
`django-tasks` backport (its backend subclasses `django_tasks`' base class
and sends the backport's signals) and pulls in django-rq, rq and
rq-scheduler; Django 6.1's built-in `django.tasks` needs none of that.

Layout in Redis (all keys under OPTIONS["prefix"], default "selaras:tasks"):

- `<prefix>:queue:<queue name>` — a list of result ids; enqueue LPUSHes,
  workers BRPOP, so each message is taken by exactly one worker;
- `<prefix>:result:<id>` — a hash with the task path, arguments, status,
  timestamps, worker ids, return value and errors, expiring after
  OPTIONS["result_ttl"] seconds (default seven days).

Delivery is at most once: a worker that dies in the middle of a task leaves
its result RUNNING. A task run through a `Job` is not lost with it: the job's
lease expires, and the reaper (`selaras.core.jobs.jobs_reap`, run by every
worker when it starts and every `REAP_SECONDS`) fails the result here
(`fail_lost`) and requeues the job once. A worker survives Redis or the
database going away for a while: it waits, with growing pauses, and goes on.
"""

from __future__ import annotations

import json
import logging
import time
import traceback
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

import redis
from django.db import close_old_connections
from django.db.utils import InterfaceError, OperationalError
from django.tasks import TaskContext, TaskResult, TaskResultStatus
from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import Task, TaskError
from django.tasks.exceptions import TaskResultDoesNotExist
from django.tasks.signals import task_enqueued, task_finished, task_started
from django.utils import timezone
from django.utils.json import normalize_json
from django.utils.module_loading import import_string

logger = logging.getLogger("selaras.tasks")

DEFAULT_PREFIX = "selaras:tasks"
DEFAULT_RESULT_TTL = 7 * 24 * 3600
# How often a worker looks for jobs whose worker was lost (seconds).
REAP_SECONDS = 30.0
# Pauses after a dropped connection: 1, 2, 4 ... up to this many seconds.
MAX_BACKOFF = 30.0
# What a worker waits out instead of exiting.
TRANSIENT_ERRORS = (redis.ConnectionError, redis.TimeoutError, OperationalError, InterfaceError)


def _dt(value: str) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class RedisBackend(BaseTaskBackend):
    supports_defer = False
    supports_async_task = True
    supports_get_result = True
    supports_priority = False

    def __init__(self, alias: str, params: dict) -> None:
        super().__init__(alias, params)
        self.url = self.options.get("url") or "redis://127.0.0.1:6379/0"
        self.prefix = self.options.get("prefix", DEFAULT_PREFIX)
        self.result_ttl = int(self.options.get("result_ttl", DEFAULT_RESULT_TTL))
        self._client: redis.Redis | None = None

    @property
    def client(self) -> redis.Redis:
        if self._client is None:
            self._client = redis.Redis.from_url(self.url, decode_responses=True, socket_timeout=30)
        return self._client

    def queue_key(self, queue_name: str) -> str:
        return f"{self.prefix}:queue:{queue_name}"

    def result_key(self, result_id: str) -> str:
        return f"{self.prefix}:result:{result_id}"

    # --- the backend API -----------------------------------------------------
    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        self.validate_task(task)
        result_id = str(uuid.uuid4())
        now = timezone.now()
        fields = {
            "task_path": task.module_path,
            "queue_name": task.queue_name,
            "args_kwargs": json.dumps(normalize_json({"args": list(args), "kwargs": dict(kwargs)})),
            "status": TaskResultStatus.READY.value,
            "enqueued_at": now.isoformat(),
            "started_at": "",
            "finished_at": "",
            "last_attempted_at": "",
            "worker_ids": "[]",
            "errors": "[]",
            "return_value": "null",
        }
        key = self.result_key(result_id)
        # The result exists before the id is on the queue, so a fast worker
        # always finds what it pops.
        with self.client.pipeline(transaction=True) as pipe:
            pipe.hset(key, mapping=fields)
            pipe.expire(key, self.result_ttl)
            pipe.lpush(self.queue_key(task.queue_name), result_id)
            pipe.execute()
        result = self._to_result(result_id, fields, task)
        task_enqueued.send(type(self), task_result=result)
        return result

    def get_result(self, result_id: str) -> TaskResult:
        fields = self.client.hgetall(self.result_key(str(result_id)))
        if not fields:
            raise TaskResultDoesNotExist(result_id)
        return self._to_result(str(result_id), fields)

    def check(self, **kwargs: Any) -> list:
        return []

    def fail_lost(self, result_id: str, reason: str) -> None:
        """Fail a result left RUNNING by a worker that died."""
        key = self.result_key(str(result_id))
        fields = self.client.hgetall(key)
        if fields.get("status") != TaskResultStatus.RUNNING.value:
            return
        errors = [
            *json.loads(fields["errors"]),
            {"exception_class_path": "selaras.core.jobs.LostWorker", "traceback": reason},
        ]
        self.client.hset(
            key,
            mapping={
                "status": TaskResultStatus.FAILED.value,
                "errors": json.dumps(errors),
                "finished_at": timezone.now().isoformat(),
            },
        )

    # --- helpers shared with the worker -------------------------------------
    def _task_for(self, fields: dict[str, str]) -> Task:
        task = import_string(fields["task_path"])
        if not isinstance(task, Task):
            raise TypeError(f"{fields['task_path']!r} is not a task")
        return task.using(backend=self.alias, queue_name=fields["queue_name"])

    def _to_result(self, result_id: str, fields: dict[str, str], task: Task | None = None) -> TaskResult:
        args_kwargs = json.loads(fields["args_kwargs"])
        result = TaskResult(
            task=task or self._task_for(fields),
            id=result_id,
            status=TaskResultStatus(fields["status"]),
            enqueued_at=_dt(fields["enqueued_at"]),
            started_at=_dt(fields["started_at"]),
            finished_at=_dt(fields["finished_at"]),
            last_attempted_at=_dt(fields["last_attempted_at"]),
            args=args_kwargs["args"],
            kwargs=args_kwargs["kwargs"],
            backend=self.alias,
            errors=[TaskError(**e) for e in json.loads(fields["errors"])],
            worker_ids=json.loads(fields["worker_ids"]),
        )
        object.__setattr__(result, "_return_value", json.loads(fields["return_value"]))
        return result


class RedisWorker:
    """Takes task ids off the queues and runs them, one at a time."""

    def __init__(
        self,
        backend: RedisBackend,
        *,
        queue_names: list[str],
        worker_id: str,
        timeout: int = 5,
        batch: bool = False,
        max_tasks: int | None = None,
        reap_every: float = REAP_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.backend = backend
        self.queue_keys = [backend.queue_key(name) for name in queue_names]
        self.worker_id = worker_id
        self.timeout = timeout
        self.batch = batch
        self.max_tasks = max_tasks
        self.running = True
        self.tasks_run = 0
        self.reap_every = reap_every
        self.clock = clock
        self.sleep = sleep
        self._last_reap = float("-inf")

    def run(self) -> None:
        logger.info("Redis worker %s on %s", self.worker_id, ", ".join(self.queue_keys))
        if not self.batch:
            from selaras.core.warmup import warm_up

            warm_up()
        backoff = 1.0
        while self.running:
            try:
                if not self.step():
                    return
                backoff = 1.0
            except TRANSIENT_ERRORS as exc:
                logger.warning("Worker %s lost a connection (%s); retrying in %.0f s", self.worker_id, exc, backoff)
                close_old_connections()
                self.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)

    def step(self) -> bool:
        """Take and run one task; False when the worker should stop."""
        if self.max_tasks is not None and self.tasks_run >= self.max_tasks:
            return False
        self.reap()
        if self.batch:
            # Whatever is waiting now, then stop (tests, cron-style runs).
            result_id = next((v for k in self.queue_keys if (v := self.backend.client.rpop(k))), None)
            if result_id is None:
                return False
        else:
            item = self.backend.client.brpop(self.queue_keys, timeout=self.timeout)
            if item is None:
                return True
            _key, result_id = item
        self.run_one(result_id)
        return True

    def reap(self) -> None:
        """Requeue the jobs of lost workers (at start, then every `reap_every` s)."""
        if self.clock() - self._last_reap < self.reap_every:
            return
        from selaras.core.jobs import jobs_reap

        close_old_connections()
        jobs_reap()
        self._last_reap = self.clock()

    def run_one(self, result_id: str) -> None:
        backend = self.backend
        key = backend.result_key(result_id)
        fields = backend.client.hgetall(key)
        if not fields:
            logger.warning("Task result %s expired before it ran", result_id)
            return
        close_old_connections()
        now = timezone.now().isoformat()
        worker_ids = [*json.loads(fields["worker_ids"]), self.worker_id]
        backend.client.hset(
            key,
            mapping={
                "status": TaskResultStatus.RUNNING.value,
                "started_at": now,
                "last_attempted_at": now,
                "worker_ids": json.dumps(worker_ids),
            },
        )
        fields = backend.client.hgetall(key)
        try:
            task = backend._task_for(fields)
            result = backend._to_result(result_id, fields, task)
            task_started.send(type(backend), task_result=result)
            if task.takes_context:
                value = task.call(TaskContext(task_result=result), *result.args, **result.kwargs)
            else:
                value = task.call(*result.args, **result.kwargs)
            # Inside the try, so a return value that is not JSON fails the task.
            encoded = json.dumps(normalize_json(value))
            backend.client.hset(
                key,
                mapping={
                    "status": TaskResultStatus.SUCCESSFUL.value,
                    "return_value": encoded,
                    "finished_at": timezone.now().isoformat(),
                },
            )
        except Exception as exc:
            error = {
                "exception_class_path": f"{type(exc).__module__}.{type(exc).__qualname__}",
                "traceback": "".join(traceback.format_exception(exc)),
            }
            errors = [*json.loads(fields["errors"]), error]
            backend.client.hset(
                key,
                mapping={
                    "status": TaskResultStatus.FAILED.value,
                    "errors": json.dumps(errors),
                    "finished_at": timezone.now().isoformat(),
                },
            )
            logger.warning("Task %s (%s) failed: %s", result_id, fields.get("task_path"), exc)
        finally:
            backend.client.expire(key, backend.result_ttl)
            self.tasks_run += 1
            close_old_connections()
        try:
            task_finished.send(type(backend), task_result=backend.get_result(result_id))
        except Exception:
            logger.exception("task_finished handlers failed for %s", result_id)
