""" "Tugas saya" for meetings: owners see what they owe, coordinators what
waits for their verification."""

from __future__ import annotations

import datetime

import pytest

from selaras.home.selectors import tasks_for
from selaras.meetings import services

pytestmark = pytest.mark.django_db


def kinds(user, today=datetime.date(2024, 7, 1)):
    return [(t.kind, t.deadline) for t in tasks_for(user, today).tasks if t.kind.startswith("followup")]


def test_owners_see_their_open_follow_ups_with_due_dates(cast, mworld):
    assert kinds(cast.planner_a) == [("followup_due", datetime.date(2024, 6, 30))]
    assert kinds(cast.officer_jateng) == [("followup_due", datetime.date(2024, 9, 30))]
    assert kinds(cast.planner_b) == []
    assert tasks_for(cast.planner_a, datetime.date(2024, 7, 1)).overdue[0].kind == "followup_due"


def test_coordinators_see_follow_ups_awaiting_verification(cast, mworld):
    assert kinds(cast.coordinator) == []
    services.followup_complete(followup=mworld.followup_a, by=cast.planner_a)
    assert kinds(cast.coordinator) == [("followup_verify", None)]
    assert kinds(cast.planner_a) == []
