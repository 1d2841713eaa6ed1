"""The national check as a coordinator runs it, on PostgreSQL (SQLite when
none answers): bench data → national check with every rule through the job
queue and real `selaras db-worker` processes → a re-run after some decisions
(every decision kept, asserted) → the review page of the plan with the most
findings → a province's coordination matrix → a bare page (a job's page) in
the same run → the re-run with one worker against two.

The first look-up after a restart is measured by `bench_similarity`
(`similarity.lookup.first_after_restart.p95`, target ≤ 50 ms).

    .venv/bin/python -m bench.run national                  # BENCH_SCALE=national by default
    BENCH_SCALE=province .venv/bin/python -m bench.run national
    .venv/bin/python -m bench.bench_national --scale small   # alone, figures printed

Everything runs in a child process on a scratch database of its own
(`selaras_bench_<pid>`, dropped afterwards): the harness's SQLite database
stays untouched. `BENCH_PG_URL` names the PostgreSQL server's maintenance
database (default postgres://postgres@127.0.0.1:5432/postgres);
`BENCH_KEEP_DB=1` keeps the PostgreSQL scratch database for profiling.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REQUESTS = 20
DECISIONS = 300
RUN_TIMEOUT = float(os.environ.get("BENCH_NATIONAL_TIMEOUT", 1800))


def _figure(value, unit, target=None, *, higher_is_better=False):
    from bench.run import figure

    return figure(value, unit, target, higher_is_better=higher_is_better)


# --- the scratch database -------------------------------------------------------
def _pg_admin():
    import psycopg

    return psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)


def scratch_database(workdir: Path) -> tuple[str, str]:
    """(DATABASE_URL or "" for SQLite, engine name)."""
    name = f"selaras_bench_{os.getpid()}"
    try:
        with _pg_admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:
        print(f"   PostgreSQL not answering ({type(exc).__name__}); SQLite instead", flush=True)
        return "", "sqlite"
    return PG_URL.rsplit("/", 1)[0] + f"/{name}", "postgresql"


def drop_database(url: str) -> None:
    if not url:
        return
    with _pg_admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


# --- in the child ----------------------------------------------------------------
def _scale(name: str):
    from selaras.devtools.benchdata import SCALES, Scale

    if name == "province":
        # about a tenth of the country: what a smaller machine runs in minutes
        return Scale("province", agencies=30, central_locations=5_000, regional_rows=100_000)
    return SCALES[name]


class Workers:
    def __init__(self, n: int):
        command = [sys.executable, "-m", "selaras", "db-worker", "--queue-name", "*", "--no-startup-delay", "-v", "0"]
        self.procs = [subprocess.Popen(command, env=os.environ.copy(), stdout=sys.stderr) for _ in range(n)]

    def wait_ready(self, timeout: float = 60) -> None:
        """Until the workers idle (under 5 % of a core each for 1 s): booted,
        warmed up (`selaras.core.warmup`) and polling the queue."""
        deadline = time.monotonic() + timeout
        time.sleep(2)
        last = [_cpu_ticks(p.pid) for p in self.procs]
        while time.monotonic() < deadline:
            time.sleep(1)
            now = [_cpu_ticks(p.pid) for p in self.procs]
            if all(b - a <= 5 for a, b in zip(last, now, strict=True)):
                return
            last = now

    def stop(self) -> None:
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return -1


def _resident_kb(pid: int) -> int:
    """What `pid` holds now: its proportional share (Pss) of each resident
    page, so pages a forked child still shares with its parent count once
    across the two; RSS where smaps_rollup is not readable."""
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
                if line.startswith(key):
                    return int(line.split()[1])
        except OSError:
            continue
    return 0


def _trees_kb(roots: list[int]) -> int:
    """The resident memory of the process trees under `roots`, together, now."""
    total, stack, seen = 0, list(roots), set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _resident_kb(pid)
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return total


def national_check(admin, year: int, workers: int) -> tuple[float, float, object]:
    """(seconds, peak MB of the workers together, run) of one national check.
    The peak is the largest sum, at one moment, of what the workers and their
    forked children hold (summing each process's own peak would add moments
    that never met, and count the pages a fork shares with its parent twice)."""
    from selaras.sync.models import CheckRun, RunStatus
    from selaras.sync.services import check_run_start

    pool = Workers(workers)
    peak_kb = 0
    try:
        pool.wait_ready()  # the workers boot and warm up before the clock starts
        started = time.perf_counter()
        run = check_run_start(by=admin, scope="national", year=year)
        while time.perf_counter() - started < RUN_TIMEOUT:
            for _ in range(2):  # memory every 100 ms, the run's status every 200 ms
                peak_kb = max(peak_kb, _trees_kb([p.pid for p in pool.procs]))
                time.sleep(0.1)
            status = CheckRun.objects.values_list("status", flat=True).get(pk=run.pk)
            if status in (RunStatus.SUCCEEDED, RunStatus.FAILED):
                break
        seconds = time.perf_counter() - started
    finally:
        pool.stop()
    run.refresh_from_db()
    if run.status != RunStatus.SUCCEEDED:
        raise RuntimeError(f"national check ended {run.status}: {run.error}")
    return seconds, peak_kb / 1024, run


def p95_ms(client, url: str, n: int = REQUESTS) -> float:
    response = client.get(url)  # warm: templates, the first connection
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(n):
        t = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200
    return statistics.quantiles(times, n=20)[-1]


def child(scale_name: str, engine: str) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from selaras.accounts.models import Membership, Role, User
    from selaras.core.models import Job
    from selaras.devtools.benchdata import generate_bench_data
    from selaras.plans.models import ActivityLocation
    from selaras.sync.models import Finding, FindingStatus, RuleSetting
    from selaras.sync.rules.base import all_rules
    from selaras.sync.services import findings_bulk

    out: dict[str, dict] = {}
    prefix = f"national.{scale_name}"
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_reference", with_villages=True, verbosity=0)
    scale = _scale(scale_name)
    t = time.perf_counter()
    report = generate_bench_data(scale=scale)
    print(f"   bench data {scale_name}: {report.activity_locations} locations, {report.sub_activities} sub-activities "
          f"({time.perf_counter() - t:.0f} s)", file=sys.stderr, flush=True)  # fmt: skip
    out[f"{prefix}.database"] = {"value": engine, "unit": "", "target": None, "ok": None}
    for code in all_rules():  # every rule, the unverified ones too
        RuleSetting.objects.update_or_create(code=code, defaults={"enabled": True})
    admin = User.objects.create_user(username="bench-admin", password="x" * 12, full_name="Bench")
    Membership.objects.create(user=admin, role=Role.ADMIN)
    year = min(scale.years)

    seconds, peak_mb, run = national_check(admin, year, workers=2)
    print(f"   national check: {seconds:.1f} s, {peak_mb:.0f} MB, {run.counts}", file=sys.stderr, flush=True)
    out[f"{prefix}.check.2_workers.seconds"] = _figure(seconds, "s", 45)
    out[f"{prefix}.check.2_workers.peak_mb"] = _figure(peak_mb, "MB", 4096)
    out[f"{prefix}.check.findings"] = _figure(run.counts.get("total", 0), "")

    # some decisions, then the re-run: every one kept
    open_ids = list(Finding.objects.filter(status=FindingStatus.OPEN).order_by("pk").values_list("pk", flat=True))
    dismissed = open_ids[: DECISIONS // 2]
    accepted = open_ids[DECISIONS // 2 : DECISIONS]
    findings_bulk(findings=Finding.objects.filter(pk__in=dismissed), by=admin, action="dismiss", reason="Bench")
    findings_bulk(findings=Finding.objects.filter(pk__in=accepted), by=admin, action="accept")
    seconds2, peak2, rerun = national_check(admin, year, workers=2)
    kept = Finding.objects.filter(pk__in=dismissed, status=FindingStatus.DISMISSED, reason="Bench").count()
    kept += Finding.objects.filter(pk__in=accepted, status=FindingStatus.ACCEPTED).count()
    assert kept == len(dismissed) + len(accepted), f"{kept} of {len(dismissed) + len(accepted)} decisions kept"
    print(f"   re-run: {seconds2:.1f} s, {peak2:.0f} MB, {rerun.counts}", file=sys.stderr, flush=True)
    out[f"{prefix}.rerun.2_workers.seconds"] = _figure(seconds2, "s", 45)
    out[f"{prefix}.rerun.2_workers.peak_mb"] = _figure(peak2, "MB", 4096)
    out[f"{prefix}.rerun.decisions_kept"] = _figure(kept, "", len(dismissed) + len(accepted), higher_is_better=True)

    client = Client()
    client.force_login(admin)
    top = Finding.objects.exclude(plan=None).values("plan_id").annotate(n=Count("pk")).order_by("-n", "plan_id").first()
    if top:
        out[f"{prefix}.review_page.findings"] = _figure(top["n"], "")
        out[f"{prefix}.review_page.p95_ms"] = _figure(
            p95_ms(client, f"/sinkronisasi/rencana/{top['plan_id']}/"), "ms", 300
        )
    provinces: dict[str, int] = {}
    for code in ActivityLocation.objects.values_list("region__code", flat=True).iterator(chunk_size=20000):
        provinces[code.split(".")[0]] = provinces.get(code.split(".")[0], 0) + 1
    province = max(provinces, key=lambda c: (provinces[c], c))
    out[f"{prefix}.matrix_page.p95_ms"] = _figure(
        p95_ms(client, f"/rencana/wilayah/{province}/?tahun={year}"), "ms", 500
    )
    out[f"{prefix}.bare_page.p95_ms"] = _figure(p95_ms(client, f"/jobs/{Job.objects.latest('pk').pk}/"), "ms")

    # the same re-run with one worker: what a second worker buys
    seconds1, peak1, _run = national_check(admin, year, workers=1)
    print(f"   re-run, 1 worker: {seconds1:.1f} s, {peak1:.0f} MB", file=sys.stderr, flush=True)
    out[f"{prefix}.rerun.1_worker.seconds"] = _figure(seconds1, "s")
    out[f"{prefix}.rerun.1_worker.peak_mb"] = _figure(peak1, "MB", 4096)
    out[f"{prefix}.rerun.speedup_2_over_1"] = _figure(seconds1 / seconds2, "x", 1.7, higher_is_better=True)
    return out


# --- in the harness --------------------------------------------------------------
def measure(scale: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="selaras-bench-national-") as tmp:
        url, engine = scratch_database(Path(tmp))
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "selaras.settings", "SELARAS_VAR_DIR": tmp}
        env.pop("TASKS_REDIS_URL", None)
        if url:
            env["DATABASE_URL"] = url
        else:
            env.pop("DATABASE_URL", None)
            env["SQLITE_PATH"] = str(Path(tmp) / "national.sqlite3")
        try:
            done = subprocess.run(
                [sys.executable, "-m", "bench.bench_national", "--child", "--scale", scale, "--engine", engine],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                text=True,
                check=True,
            )
        finally:
            if url and os.environ.get("BENCH_KEEP_DB"):
                print(f"   database kept for a closer look: {url}", flush=True)
            else:
                drop_database(url)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(results: dict) -> None:
    results.update(measure(os.environ.get("BENCH_SCALE", "national")))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default=os.environ.get("BENCH_SCALE", "national"))
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--engine", default="")
    args = parser.parse_args()
    if args.child:
        figures = child(args.scale, args.engine)
        print(json.dumps(figures), flush=True)
        return
    sys.path.insert(0, str(ROOT))
    from bench.run import print_table

    print_table(measure(args.scale))


if __name__ == "__main__":
    main()
