"""Reads with rules: every one goes through the permission layer, except
the public conclusions the portal shows to anyone."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from selaras.core.access import READ, restrict
from selaras.meetings.models import Conclusion, FollowUp, FollowUpStatus, FollowUpUpdate, Meeting, MeetingStatus
from selaras.meetings.policies import UPDATE_FOLLOWUP, VERIFY_FOLLOWUP


def meetings_for(user) -> QuerySet[Meeting]:
    return restrict(Meeting.objects.select_related("programme", "cycle", "organiser"), user, READ)


def followups_for(user) -> QuerySet[FollowUp]:
    return restrict(FollowUp.objects.select_related("meeting", "owner_agency", "owner_region"), user, READ).order_by(
        "due_date", "pk"
    )


def my_followups(user) -> QuerySet[FollowUp]:
    """Follow-ups the user's agency or region owes ("Tugas saya")."""
    return restrict(FollowUp.objects.select_related("meeting"), user, UPDATE_FOLLOWUP).order_by("due_date", "pk")


def followups_to_verify(user) -> QuerySet[FollowUp]:
    """Follow-ups reported done, awaiting this coordinator's verification."""
    return restrict(FollowUp.objects.select_related("meeting"), user, VERIFY_FOLLOWUP).order_by("done_at", "pk")


def overdue_q(today: datetime.date) -> Q:
    """The queryset twin of `FollowUp.is_overdue(today)`."""
    return Q(status__in=FollowUpStatus.pending(), due_date__lt=today)


def overdue_followups(user, *, today: datetime.date) -> QuerySet[FollowUp]:
    return followups_for(user).filter(overdue_q(today))


def followup_updates(user, followup: FollowUp) -> QuerySet[FollowUpUpdate]:
    """The updates (and evidence) of a follow-up: for who may read its meeting."""
    return restrict(FollowUpUpdate.objects.filter(followup=followup).select_related("by"), user, READ)


def public_conclusions() -> QuerySet[Conclusion]:
    """Conclusions marked public, of meetings that took place: the portal's."""
    return Conclusion.objects.filter(
        is_public=True, meeting__status__in=(MeetingStatus.HELD, MeetingStatus.CLOSED)
    ).select_related("meeting")
