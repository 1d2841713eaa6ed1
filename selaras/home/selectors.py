""" "Tugas saya": what waits for one user, gathered from every app.

Each role has a provider (a function of the user returning `Task`s),
registered with `@task_provider`; later apps (meetings, monitoring) register
theirs the same way. Every provider reads through the permission layer
(`restrict` with the action the work needs), so a task never names a record
the user may not act on. `tasks_for(user)` runs them all and puts overdue
work first, then by deadline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.apps import apps
from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from selaras.core.access import READ, WRITE, RoleName, grants_for, restrict
from selaras.plans.models import Activity, Plan, PlanRevision, PlanStatus, PlanTransition
from selaras.plans.policies import COORDINATE, OWN
from selaras.registry.models import AgencyKind, Region
from selaras.sync.models import CheckRun, Finding, FindingStatus, LetterStatus, Recommendation, RecommendationPoint
from selaras.sync.policies import RESPOND

# Items listed per kind of task; the count says how many there are in all.
ITEMS_PER_KIND = 10
ANSWERS_WINDOW_DAYS = 30
_IN_REVIEW = (PlanStatus.SUBMITTED, PlanStatus.IN_REVIEW)


@dataclass(frozen=True)
class Task:
    """One thing waiting for the user, linking to where it is done."""

    kind: str  # a stable name, e.g. "plan_review"
    label: str
    url: str
    detail: str = ""
    deadline: date | None = None
    count: int = 1

    def overdue_on(self, today: date) -> bool:
        return self.deadline is not None and self.deadline < today


@dataclass(frozen=True)
class TaskList:
    tasks: list[Task]
    today: date

    @property
    def overdue(self) -> list[Task]:
        return [t for t in self.tasks if t.overdue_on(self.today)]

    def counts(self) -> dict[str, int]:
        """How many items of each kind wait (not just the ones listed)."""
        counts: dict[str, int] = {}
        for task in self.tasks:
            counts[task.kind] = counts.get(task.kind, 0) + task.count
        return counts


TaskProvider = Callable[[object], list[Task]]
_PROVIDERS: dict[str, TaskProvider] = {}


def task_provider(name: str) -> Callable[[TaskProvider], TaskProvider]:
    """Register `func(user) -> list[Task]` under `name` (one per role or app)."""

    def register(func: TaskProvider) -> TaskProvider:
        _PROVIDERS[name] = func
        return func

    return register


def providers() -> dict[str, TaskProvider]:
    return dict(_PROVIDERS)


def order_tasks(tasks: list[Task], today: date) -> list[Task]:
    """Overdue first (the oldest deadline first), then by deadline, then
    the tasks without one, each group in the order the providers gave."""
    far = date.max

    def key(task: Task) -> tuple[int, date]:
        if task.overdue_on(today):
            return (0, task.deadline)
        return (1, task.deadline or far)

    return sorted(tasks, key=key)


def tasks_for(user, today: date | None = None) -> TaskList:
    today = today or timezone.localdate()
    if not getattr(user, "is_authenticated", False):
        return TaskList(tasks=[], today=today)
    found: list[Task] = []
    for provider in _PROVIDERS.values():
        found.extend(provider(user))
    return TaskList(tasks=order_tasks(found, today), today=today)


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _plan_name(plan: Plan) -> str:
    return str(plan)


# --- the coordinator ------------------------------------------------------------
def _coordinated(user):
    return restrict(Plan.objects.all(), user, COORDINATE)


@task_provider("coordinator")
def coordinator_tasks(user) -> list[Task]:
    """Plans to review, checks to run, letters to issue, answers received."""
    tasks: list[Task] = []
    to_review = _coordinated(user).filter(status__in=_IN_REVIEW).select_related("owner", "cycle__programme")
    for plan in to_review.order_by("cycle__review_deadline", "pk")[:ITEMS_PER_KIND]:
        tasks.append(
            Task(
                kind="plan_review",
                label=_("Telaah %(plan)s") % {"plan": _plan_name(plan)},
                url=_url("sync:plan_review", plan.pk),
                detail=str(plan.get_status_display()),
                deadline=plan.cycle.review_deadline,
            )
        )
    tasks += _checks_to_run(user)
    drafts = restrict(Recommendation.objects.filter(status=LetterStatus.DRAFT), user, WRITE).select_related("plan")
    for letter in drafts.order_by("created_at", "pk")[:ITEMS_PER_KIND]:
        tasks.append(
            Task(
                kind="letter_issue",
                label=_("Terbitkan surat rekomendasi: %(subject)s") % {"subject": letter.subject},
                url=_url("sync:letter_detail", letter.pk),
                detail=_plan_name(letter.plan),
            )
        )
    tasks += _answers_received(user)
    return tasks


def _checks_to_run(user) -> list[Task]:
    """Plans under review whose latest revision no check has looked at yet
    (a run of the plan or of its cycle started after it was frozen)."""
    frozen_at = Subquery(PlanRevision.objects.filter(plan=OuterRef("pk")).order_by("-number").values("created_at")[:1])
    checked = CheckRun.objects.filter(
        Q(plan=OuterRef("pk")) | Q(cycle=OuterRef("cycle")), created_at__gte=OuterRef("frozen_at")
    )
    plans = (
        restrict(_coordinated(user).filter(status__in=_IN_REVIEW), user, "run_check")
        .annotate(frozen_at=frozen_at)
        .filter(frozen_at__isnull=False)
        .exclude(Exists(checked))
        .select_related("owner", "cycle__programme")
        .order_by("cycle__review_deadline", "pk")
    )
    return [
        Task(
            kind="check_run",
            label=_("Jalankan pemeriksaan atas %(plan)s") % {"plan": _plan_name(plan)},
            url=_url("sync:plan_review", plan.pk),
            detail=_("Revisi %(number)s belum diperiksa.") % {"number": plan.revision},
            deadline=plan.cycle.review_deadline,
        )
        for plan in plans[:ITEMS_PER_KIND]
    ]


def _answers_received(user) -> list[Task]:
    since = timezone.now() - timedelta(days=ANSWERS_WINDOW_DAYS)
    letters = (
        restrict(Recommendation.objects.filter(status=LetterStatus.ISSUED), user, READ)
        .filter(plan__in=_coordinated(user))
        .annotate(
            answered=Count("points", filter=Q(points__responded_at__gte=since)),
            last_answer=Max("points__responded_at"),
        )
        .filter(answered__gt=0)
        .select_related("plan")
        .order_by("-last_answer", "pk")
    )
    return [
        Task(
            kind="letter_answered",
            label=_("Tanggapan diterima: %(subject)s") % {"subject": letter.subject},
            url=_url("sync:letter_detail", letter.pk),
            detail=ngettext("%(count)s butir ditanggapi", "%(count)s butir ditanggapi", letter.answered)
            % {"count": letter.answered},
            count=letter.answered,
        )
        for letter in letters[:ITEMS_PER_KIND]
    ]


# --- the planner ------------------------------------------------------------------
def _owned(user):
    return restrict(Plan.objects.all(), user, OWN)


def return_reasons(plan_ids: list[int]) -> dict[int, str]:
    """The comment of each plan's latest return, in one query."""
    reasons: dict[int, str] = {}
    rows = (
        PlanTransition.objects.filter(plan_id__in=plan_ids, to_status=PlanStatus.RETURNED)
        .order_by("plan_id", "-at", "-id")
        .values_list("plan_id", "comment")
    )
    for plan_id, comment in rows:
        reasons.setdefault(plan_id, comment)
    return reasons


@task_provider("planner")
def planner_tasks(user) -> list[Task]:
    """Returned plans (with why), plans to submit before their deadline,
    open findings on their plans, letters to answer."""
    tasks: list[Task] = []
    editable = list(
        _owned(user)
        .filter(status__in=(PlanStatus.RETURNED, PlanStatus.DRAFT))
        .select_related("owner", "cycle__programme")
        .order_by("-status", "cycle__submission_deadline", "pk")[: ITEMS_PER_KIND * 2]
    )
    reasons = return_reasons([p.pk for p in editable if p.status == PlanStatus.RETURNED])
    for plan in editable:
        if plan.status == PlanStatus.RETURNED:
            reason = reasons.get(plan.pk) or _("Tanpa alasan tertulis.")
            tasks.append(
                Task(
                    kind="plan_returned",
                    label=_("Perbaiki %(plan)s") % {"plan": _plan_name(plan)},
                    url=_url("plans:plan_detail", plan.pk),
                    detail=_("Dikembalikan: %(reason)s") % {"reason": reason},
                    deadline=plan.cycle.submission_deadline,
                )
            )
        elif plan.cycle.submission_deadline:
            tasks.append(
                Task(
                    kind="plan_deadline",
                    label=_("Ajukan %(plan)s") % {"plan": _plan_name(plan)},
                    url=_url("plans:plan_detail", plan.pk),
                    detail=_("Batas pengajuan siklus %(cycle)s") % {"cycle": plan.cycle},
                    deadline=plan.cycle.submission_deadline,
                )
            )
    tasks += _open_findings(user)
    tasks += _letters_to_answer(user)
    return tasks


def _open_findings(user) -> list[Task]:
    plans = (
        _owned(user)
        .exclude(status=PlanStatus.DRAFT)
        .annotate(
            open_findings=Count(
                "findings",
                filter=Q(
                    findings__status=FindingStatus.OPEN, findings__pk__in=restrict(Finding.objects.all(), user, READ)
                ),
            )
        )
        .filter(open_findings__gt=0)
        .select_related("owner", "cycle__programme")
        .order_by("-open_findings", "pk")
    )
    return [
        Task(
            kind="findings_open",
            label=_("Temuan terbuka pada %(plan)s") % {"plan": _plan_name(plan)},
            url=_url("sync:plan_review", plan.pk),
            detail=ngettext("%(count)s temuan terbuka", "%(count)s temuan terbuka", plan.open_findings)
            % {"count": plan.open_findings},
            count=plan.open_findings,
        )
        for plan in plans[:ITEMS_PER_KIND]
    ]


def _letters_to_answer(user) -> list[Task]:
    unanswered = RecommendationPoint.objects.filter(recommendation=OuterRef("pk"), response="")
    letters = (
        restrict(Recommendation.objects.all(), user, RESPOND)
        .filter(Exists(unanswered))
        .annotate(waiting=Count("points", filter=Q(points__response="")))
        .select_related("plan")
        .order_by("issued_at", "pk")
    )
    return [
        Task(
            kind="letter_answer",
            label=_("Tanggapi surat rekomendasi: %(subject)s") % {"subject": letter.subject},
            url=_url("sync:letter_detail", letter.pk),
            detail=ngettext("%(count)s butir belum ditanggapi", "%(count)s butir belum ditanggapi", letter.waiting)
            % {"count": letter.waiting},
            count=letter.waiting,
        )
        for letter in letters[:ITEMS_PER_KIND]
    ]


# --- the regional officer -----------------------------------------------------------
def officer_regions(user) -> list[Region]:
    """The regions the user works for as a regional officer, by code."""
    codes = grants_for(user).region_codes(RoleName.REGIONAL)
    return list(restrict(Region.objects.filter(code__in=codes), user, READ).order_by("code")) if codes else []


def within(lookup: str, code: str) -> Q:
    return Q(**{lookup: code}) | Q(**{f"{lookup}__startswith": f"{code}."})


def central_activities(user, region: Region):
    """Submitted activities of central agencies (not a regional government's
    own plan) located in `region` or below, that `user` may read."""
    return (
        restrict(Activity.objects.all(), user, READ)
        .exclude(plan__status=PlanStatus.DRAFT)
        .exclude(plan__owner__kind=AgencyKind.REGIONAL_GOVERNMENT)
        .filter(pk__in=Activity.objects.filter(within("locations__region__code", region.code)).values("pk"))
    )


def new_central_activities(user, region: Region, since: datetime | None):
    """Central activities in `region` frozen (submitted) after `since`."""
    activities = central_activities(user, region)
    if since is None:
        return activities
    fresh = PlanRevision.objects.filter(created_at__gt=since).values("plan_id")
    return activities.filter(plan_id__in=fresh)


@task_provider("regional_officer")
def regional_officer_tasks(user) -> list[Task]:
    """New central activities in my region since my last visit; flags."""
    from selaras.home.services import district_key, last_seen

    tasks: list[Task] = []
    for region in officer_regions(user):
        since = last_seen(user=user, key=district_key(region.code))
        count = new_central_activities(user, region, since).count()
        if count:
            tasks.append(
                Task(
                    kind="district_new",
                    label=_("Kegiatan pusat baru di %(region)s") % {"region": region.name},
                    url=_url("home:district", region.code),
                    detail=ngettext(
                        "%(count)s kegiatan sejak kunjungan terakhir",
                        "%(count)s kegiatan sejak kunjungan terakhir",
                        count,
                    )
                    % {"count": count},
                    count=count,
                )
            )
        tasks += _region_flags(user, region)
    return tasks


def region_flags(user, region: Region):
    """The flags raised by `region` (or below) that `user` may read; None
    while the flags app is not installed."""
    if not apps.is_installed("selaras.flags"):
        return None
    Flag = apps.get_model("flags", "Flag")
    return restrict(Flag.objects.filter(within("region__code", region.code)), user, READ)


def _region_flags(user, region: Region) -> list[Task]:
    flags = region_flags(user, region)
    if flags is None:
        return []
    counts = dict(flags.values_list("status").annotate(n=Count("pk")).order_by())
    url = _url("home:district", region.code) + "#tanda"
    tasks = []
    waiting, answered = counts.get("open", 0), counts.get("answered", 0)
    if waiting:
        tasks.append(
            Task(
                kind="flags_waiting",
                label=_("Tanda %(region)s menunggu jawaban") % {"region": region.name},
                url=url,
                detail=ngettext("%(count)s tanda terbuka", "%(count)s tanda terbuka", waiting) % {"count": waiting},
                count=waiting,
            )
        )
    if answered:
        tasks.append(
            Task(
                kind="flags_answered",
                label=_("Tanda %(region)s sudah dijawab") % {"region": region.name},
                url=url,
                detail=ngettext("%(count)s tanda dijawab", "%(count)s tanda dijawab", answered) % {"count": answered},
                count=answered,
            )
        )
    return tasks
