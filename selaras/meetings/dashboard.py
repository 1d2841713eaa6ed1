"""Reads behind the meeting list and the follow-up dashboard: filters and
counts, each computed by the database over what the permission layer lets
the user read (`selectors.meetings_for` / `selectors.followups_for`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from selaras.core.access import READ, grants_for, restrict
from selaras.meetings import selectors
from selaras.meetings.models import FollowUp, FollowUpStatus, Meeting
from selaras.meetings.policies import followup_owner_q


@dataclass(frozen=True)
class MeetingFilters:
    kind: str = ""
    programme_id: int | None = None
    year: int | None = None
    status: str = ""


def filtered_meetings(user, filters: MeetingFilters) -> QuerySet[Meeting]:
    meetings = selectors.meetings_for(user)
    if filters.kind:
        meetings = meetings.filter(kind=filters.kind)
    if filters.programme_id:
        meetings = meetings.filter(programme_id=filters.programme_id)
    if filters.year:
        # A meeting's year is its cycle's, or its start date's without one.
        meetings = meetings.filter(Q(cycle__year=filters.year) | Q(cycle__isnull=True, starts_at__year=filters.year))
    if filters.status:
        meetings = meetings.filter(status=filters.status)
    return meetings.annotate(followup_count=Count("followups", distinct=True)).order_by("-starts_at", "-pk")


def owned_by_me(user) -> QuerySet[FollowUp]:
    """Every follow-up (whatever its status) the user's agency or region
    owns, of meetings the user may read."""
    owned = followup_owner_q(grants_for(user))
    return selectors.followups_for(user).filter(owned)


@dataclass(frozen=True)
class Dashboard:
    total: int
    done: int  # verified, or done awaiting verification
    by_status: list[dict]
    by_agency: list[dict]
    by_region: list[dict]
    by_meeting: list[dict]
    by_programme: list[dict]
    overdue: QuerySet[FollowUp]
    mine: QuerySet[FollowUp]

    @property
    def completion_rate(self) -> int | None:
        """Done or verified, in percent of those not dropped."""
        return round(100 * self.done / self.total) if self.total else None


def _counted(followups: QuerySet[FollowUp], *fields: str) -> list[dict]:
    return list(followups.order_by().values(*fields).annotate(n=Count("pk")).order_by("-n", *fields))


def _status_rows(followups: QuerySet[FollowUp]) -> list[dict]:
    counts = {row["status"]: row["n"] for row in _counted(followups, "status")}
    return [{"status": value, "label": label, "n": counts.get(value, 0)} for value, label in FollowUpStatus.choices]


def followup_dashboard(user, *, today: datetime.date, agency_id: int | None = None, region_id: int | None = None):
    """The dashboard over the follow-ups the user may read, optionally of one
    owner agency or owner region."""
    followups = restrict(FollowUp.objects.all(), user, READ)
    if agency_id:
        followups = followups.filter(owner_agency_id=agency_id)
    if region_id:
        followups = followups.filter(owner_region_id=region_id)
    owed = followups.exclude(status=FollowUpStatus.DROPPED)
    totals = owed.order_by().aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status__in=(FollowUpStatus.DONE, FollowUpStatus.VERIFIED)))
    )
    overdue = (
        followups.filter(selectors.overdue_q(today))
        .select_related("meeting", "owner_agency", "owner_region")
        .order_by("due_date", "pk")
    )
    return Dashboard(
        total=totals["total"],
        done=totals["done"],
        by_status=_status_rows(followups),
        by_agency=_counted(
            followups.filter(owner_agency__isnull=False),
            "owner_agency_id",
            "owner_agency__short_name",
            "owner_agency__name",
        ),
        by_region=_counted(followups.filter(owner_region__isnull=False), "owner_region_id", "owner_region__name"),
        by_meeting=_counted(followups, "meeting_id", "meeting__title"),
        by_programme=_counted(
            followups.filter(meeting__programme__isnull=False), "meeting__programme_id", "meeting__programme__name"
        ),
        overdue=overdue,
        mine=owned_by_me(user).select_related("owner_agency", "owner_region"),
    )
