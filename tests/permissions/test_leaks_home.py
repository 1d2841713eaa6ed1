"""Leak rows for 'Tugas saya' and 'Wilayah saya': a task or a district page
never names a record its user may not read."""

from __future__ import annotations

import pytest

from selaras.core.access import READ, restrict
from selaras.home.selectors import tasks_for
from selaras.plans.models import Plan
from selaras.sync.models import Recommendation

pytestmark = pytest.mark.django_db

MEMBERS = (
    "admin",
    "coordinator",
    "planner_a",
    "planner_b",
    "officer_jateng",
    "officer_papua",
    "viewer",
    "admin_jateng",
)


def _linked_ids(user, prefix: str) -> set[int]:
    ids = set()
    for task in tasks_for(user).tasks:
        if task.url.startswith(prefix):
            ids.add(int(task.url[len(prefix) :].split("/")[0]))
    return ids


@pytest.mark.parametrize("member", MEMBERS)
def test_tasks_link_only_plans_the_user_may_read(world, member):
    user = world.users[member]
    readable = set(restrict(Plan.objects.all(), user, READ).values_list("pk", flat=True))
    linked = _linked_ids(user, "/sinkronisasi/rencana/") | _linked_ids(user, "/rencana/")
    assert linked <= readable, [world.name_of("plans.plan", pk) for pk in linked - readable]


@pytest.mark.parametrize("member", MEMBERS)
def test_tasks_link_only_letters_the_user_may_read(world, member):
    user = world.users[member]
    readable = set(restrict(Recommendation.objects.all(), user, READ).values_list("pk", flat=True))
    linked = _linked_ids(user, "/sinkronisasi/surat/")
    assert linked <= readable


def test_the_coordinator_is_not_asked_to_review_another_units_plan(world):
    # plan_a_papua is submitted in Kemendagri's programme, above SUPD IV.
    plan = world.records["plans.plan"]["plan_a_papua"]
    assert plan.pk not in _linked_ids(world.users["coordinator"], "/sinkronisasi/rencana/")


def test_a_draft_letter_is_no_task_of_its_addressee(world):
    letter = world.records["sync.recommendation"]["letter_draft"]
    assert letter.pk not in _linked_ids(world.users["planner_b"], "/sinkronisasi/surat/")


def test_an_anonymous_visitor_has_no_tasks(world, client):
    assert tasks_for(None).tasks == []
    assert "Tugas saya" not in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("member", "code", "status"),
    [
        ("officer_jateng", "33", 200),
        ("officer_jateng", "33.02", 200),
        ("officer_jateng", "91", 404),
        ("officer_papua", "33", 404),
        ("staff_banyumas", "33", 404),
        ("staff_banyumas", "33.02", 200),
        ("planner_a", "33", 404),
        ("coordinator", "33", 404),
        ("viewer", "33", 404),
    ],
)
def test_wilayah_saya_opens_only_inside_the_officers_region(world, client, member, code, status):
    user = world.users.get(member) or world.records["accounts.user"][member]
    client.force_login(user)
    assert client.get(f"/wilayah-saya/{code}/?tahun=2025").status_code == status


def test_banyumas_staff_see_no_activity_outside_banyumas(world, client):
    client.force_login(world.records["accounts.user"]["staff_banyumas"])
    html = client.get("/wilayah-saya/33.02/?tahun=2025").content.decode()
    assert "Kegiatan plan_b_jateng" not in html  # located in the province (33), not in Banyumas
    assert "Kegiatan plan_a_papua" not in html


def test_a_finding_about_an_unreadable_activity_is_redacted(world, client):
    client.force_login(world.users["officer_jateng"])
    html = client.get("/wilayah-saya/33/?tahun=2025").content.decode()
    assert "Kegiatan plan_a_papua" not in html
    assert "Kegiatan plan_b_jateng" in html
