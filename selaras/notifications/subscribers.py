"""What each domain event tells whom. Subscribed to the hub in
`selaras.core.events` when the app is ready; the earlier apps only emit.

Events and their payloads (plain ids, read back here after commit):
- `plan.transition`: plan_id, transition_id, action (submit, return, endorse…)
- `letter.issued`: letter_id
- `letter.answered`: point_id, version, by_id
- `finding.decided`: finding_ids
- `job.finished`: job_id, run (the job's attempt number)
- `flag.raised`: flag_id — the flags app emits it when a regional officer
  flags an activity; the activity's owner planners are told.
- `flag.answered`: flag_id, message_id, by_id — the flag's author is told.
- `followup.reminder`: followup_id, reminder_id, recipient_ids — the
  meetings app's reminder sweep names the owners; each is told once, and
  only if they may still read the meeting.
- `followup.assigned`: followup_id, meeting_id, by_id — the owners (owner
  agency's planners or owner region's officers) who may read the meeting.
- `followup.done`: same payload — the meeting's coordinators, to verify it.
- `followup.verified`: same payload — the owners.
"""

from __future__ import annotations

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from selaras.core.events import subscriber
from selaras.notifications import selectors
from selaras.notifications.models import NotificationKind as K
from selaras.notifications.services import notify

PLAN_ACTIONS = {"submit": K.PLAN_SUBMITTED, "return": K.PLAN_RETURNED, "endorse": K.PLAN_ENDORSED}


def _model(label: str):
    return apps.get_model(label)


def _without(users, by_id) -> list:
    # Nobody is told about what they did themselves.
    return [u for u in users if u.pk != by_id]


@subscriber("plan.transition")
def on_plan_transition(*, plan_id: int, transition_id: int, action: str, **_ignored) -> None:
    kind = PLAN_ACTIONS.get(action)
    if kind is None:
        return
    transition = _model("plans.PlanTransition").objects.select_related("plan__owner", "by").get(pk=transition_id)
    plan = transition.plan
    params = {"plan": str(plan), "actor": str(transition.by or ""), "comment": transition.comment}
    if kind == K.PLAN_SUBMITTED:
        people, url = selectors.plan_coordinators(plan), reverse("sync:plan_review", args=[plan.pk])
    else:
        people, url = selectors.plan_owners(plan), reverse("plans:plan_detail", args=[plan.pk])
    notify(
        kind=kind,
        key=f"transition:{transition.pk}",
        recipients=_without(people, transition.by_id),
        params=params,
        url=url,
    )


@subscriber("letter.issued")
def on_letter_issued(*, letter_id: int, **_ignored) -> None:
    letter = _model("sync.Recommendation").objects.select_related("plan__owner").get(pk=letter_id)
    people = selectors.readers(selectors.plan_owners(letter.plan), letter)
    notify(
        kind=K.LETTER_ISSUED,
        key=f"letter:{letter.pk}",
        recipients=_without(people, letter.issued_by_id),
        params={"plan": str(letter.plan), "number": letter.number},
        url=reverse("sync:letter_detail", args=[letter.pk]),
    )


@subscriber("letter.answered")
def on_letter_answered(*, point_id: int, version: int, by_id: int | None = None, **_ignored) -> None:
    point = (
        _model("sync.RecommendationPoint")
        .objects.select_related("recommendation__plan", "responded_by")
        .get(pk=point_id)
    )
    letter = point.recommendation
    people = selectors.readers(selectors.plan_coordinators(letter.plan), letter)
    notify(
        kind=K.LETTER_ANSWERED,
        key=f"point:{point.pk}:{version}",
        recipients=_without(people, by_id),
        params={
            "plan": str(letter.plan),
            "number": letter.number,
            "point": point.position,
            "actor": str(point.responded_by or ""),
        },
        url=reverse("sync:letter_detail", args=[letter.pk]),
    )


@subscriber("finding.decided")
def on_findings_decided(*, finding_ids: list[int], **_ignored) -> None:
    Finding = _model("sync.Finding")
    findings = Finding.objects.filter(pk__in=finding_ids, plan__isnull=False).select_related("plan__owner")
    by_plan: dict[int, list] = {}
    for finding in findings:
        by_plan.setdefault(finding.plan_id, []).append(finding)
    for group in by_plan.values():
        plan = group[0].plan
        # One notice per plan and decision moment: a bulk decision of 300
        # findings is one line in the bell, not 300.
        stamps = [f.reviewed_at for f in group if f.reviewed_at]
        stamp = max(stamps).isoformat() if stamps else ""
        people = selectors.readers(selectors.plan_owners(plan), group[0])
        by_ids = {f.reviewed_by_id for f in group}
        notify(
            kind=K.FINDING_DECIDED,
            key=f"findings:{plan.pk}:{stamp}",
            recipients=[u for u in people if u.pk not in by_ids],
            params={"plan": str(plan), "count": len(group)},
            url=reverse("plans:plan_detail", args=[plan.pk]),
        )


@subscriber("job.finished")
def on_job_finished(*, job_id: int, run: int = 1, **_ignored) -> None:
    job = _model("core.Job").objects.select_related("started_by").get(pk=job_id)
    kind = {"succeeded": K.JOB_SUCCEEDED, "failed": K.JOB_FAILED}.get(job.status)
    if kind is None or job.started_by is None:
        return
    notify(
        kind=kind,
        key=f"job:{job.pk}:{run}",
        recipients=selectors.readers([job.started_by], job),
        params={"job": job.label, "error": job.error},
        url=reverse("core:job_detail", args=[job.pk]),
    )


def _activity_url(activity) -> str:
    return reverse("plans:plan_detail", args=[activity.plan_id])


@subscriber("flag.raised")
def on_flag_raised(*, flag_id: int, **_ignored) -> None:
    flag = _model("flags.Flag").objects.select_related("activity__plan__owner", "author").get(pk=flag_id)
    activity = flag.activity
    people = selectors.plan_owners(activity.plan)
    notify(
        kind=K.FLAG_RAISED,
        key=f"flag:{flag.pk}",
        recipients=_without(_readers_of_flag(people, flag), flag.author_id),
        params={"actor": str(flag.author), "activity": str(activity), "comment": flag.comment},
        url=_activity_url(activity),
    )


@subscriber("flag.answered")
def on_flag_answered(*, flag_id: int, message_id: int, by_id: int | None = None, **_ignored) -> None:
    flag = _model("flags.Flag").objects.select_related("activity", "author").get(pk=flag_id)
    by = _model("accounts.User").objects.filter(pk=by_id).first()
    notify(
        kind=K.FLAG_ANSWERED,
        key=f"flag:{flag.pk}:message:{message_id}",
        recipients=_without(_readers_of_flag([flag.author], flag), by_id),
        params={"actor": str(by or ""), "activity": str(flag.activity)},
        url=_activity_url(flag.activity),
    )


def _readers_of_flag(users, flag) -> list:
    # Until the flags app registers its own read policy, the activity decides.
    from selaras.core.access import NoPolicy

    try:
        return selectors.readers(users, flag)
    except NoPolicy:
        return selectors.readers(users, flag.activity)


def _followup_url(followup) -> str:
    for name, args in (("meetings:followup_detail", [followup.pk]), ("meetings:meeting_detail", [followup.meeting_id])):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return ""


@subscriber("followup.reminder")
def on_followup_reminder(*, reminder_id: int, recipient_ids: list[int], **_ignored) -> None:
    reminder = _model("meetings.SentReminder").objects.select_related("followup__meeting").get(pk=reminder_id)
    followup = reminder.followup
    people = _model("accounts.User").objects.filter(pk__in=recipient_ids).order_by("pk")
    notify(
        kind=K.FOLLOWUP_OVERDUE if reminder.kind == "overdue" else K.FOLLOWUP_REMINDER,
        key=f"reminder:{reminder.pk}",
        recipients=selectors.readers(people, followup.meeting),
        params={
            "meeting": str(followup.meeting),
            "followup": followup.text[:200],
            "due": followup.due_date.strftime("%d-%m-%Y") if followup.due_date else "",
            "days": reminder.offset,
        },
        url=_followup_url(followup),
    )


def _followup_notice(kind: str, followup, people, by_id, stamp: str) -> None:
    by = _model("accounts.User").objects.filter(pk=by_id).first()
    notify(
        kind=kind,
        # The stamp tells a second assignment (new owner) or a second round
        # (done again after a reopen) from a repeat of the same event.
        key=f"followup:{followup.pk}:{stamp}",
        recipients=_without(people, by_id),
        params={"meeting": str(followup.meeting), "followup": followup.text[:200], "actor": str(by or "")},
        url=_followup_url(followup),
    )


def _followup(followup_id: int):
    return (
        _model("meetings.FollowUp")
        .objects.select_related(
            "meeting__programme__coordinator", "meeting__organiser", "owner_agency__parent", "owner_region"
        )
        .filter(pk=followup_id)
        .first()
    )


def _followup_owners(followup) -> list:
    from selaras.meetings.reminders import reminder_recipients

    return reminder_recipients(followup)


@subscriber("followup.assigned")
def on_followup_assigned(*, followup_id: int, by_id: int | None = None, **_ignored) -> None:
    followup = _followup(followup_id)
    if followup is None:
        return
    owner = f"agency:{followup.owner_agency_id}" if followup.owner_agency_id else f"region:{followup.owner_region_id}"
    _followup_notice(K.FOLLOWUP_ASSIGNED, followup, _followup_owners(followup), by_id, f"assigned:{owner}")


@subscriber("followup.done")
def on_followup_done(*, followup_id: int, by_id: int | None = None, **_ignored) -> None:
    followup = _followup(followup_id)
    if followup is None or followup.done_at is None:
        return
    people = selectors.meeting_coordinators(followup.meeting)
    _followup_notice(K.FOLLOWUP_DONE, followup, people, by_id, f"done:{followup.done_at.isoformat()}")


@subscriber("followup.verified")
def on_followup_verified(*, followup_id: int, by_id: int | None = None, **_ignored) -> None:
    followup = _followup(followup_id)
    if followup is None or followup.verified_at is None:
        return
    stamp = f"verified:{followup.verified_at.isoformat()}"
    _followup_notice(K.FOLLOWUP_VERIFIED, followup, _followup_owners(followup), by_id, stamp)
