"""'Tugas saya': each role's selector finds its work, overdue first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from selaras.home import selectors
from selaras.home.selectors import Task, order_tasks, tasks_for
from selaras.home.services import district_key, mark_seen
from selaras.plans import services as plan_services

pytestmark = pytest.mark.django_db


def kinds(user) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for task in tasks_for(user).tasks:
        found.setdefault(task.kind, []).append(task.label)
    return found


def test_a_coordinator_sees_a_submitted_plan_to_review(world):
    plan = world.records["plans.plan"]["plan_b_jateng"]
    tasks = [t for t in tasks_for(world.users["coordinator"]).tasks if t.kind == "plan_review"]
    assert [t.url for t in tasks] == [f"/sinkronisasi/rencana/{plan.pk}/"]


def test_a_coordinator_is_asked_to_run_a_check_on_a_revision_no_check_has_seen(world, cast):
    plan = world.records["plans.plan"]["plan_b_jateng"]
    coordinator = world.users["coordinator"]
    # The world's check runs were made before nothing was frozen again: re-freeze.
    plan_services.plan_transition(plan=plan, action="start_review", by=coordinator)
    plan = plan_services.plan_transition(plan=plan, action="return", by=coordinator, comment="Rinci lokasi.")
    plan_services.plan_transition(plan=plan, action="submit", by=cast.planner_b)
    checks = [t for t in tasks_for(coordinator).tasks if t.kind == "check_run"]
    assert [t.url for t in checks] == [f"/sinkronisasi/rencana/{plan.pk}/"]


def test_a_coordinator_has_a_draft_letter_to_issue(world):
    letter = world.records["sync.recommendation"]["letter_draft"]
    urls = [t.url for t in tasks_for(world.users["coordinator"]).tasks if t.kind == "letter_issue"]
    assert urls == [f"/sinkronisasi/surat/{letter.pk}/"]


def test_a_coordinator_hears_of_answers_received(world, cast):
    point = world.records["sync.recommendationpoint"]["point_issued"]
    point.response, point.responded_by, point.responded_at = "Sudah dirinci.", cast.planner_b, timezone.now()
    point.save()
    assert "letter_answered" in kinds(world.users["coordinator"])


def test_a_planner_sees_its_returned_plan_with_the_reason(world, cast):
    plan = world.records["plans.plan"]["plan_b_jateng"]
    plan_services.plan_transition(plan=plan, action="start_review", by=cast.coordinator)
    plan_services.plan_transition(plan=plan, action="return", by=cast.coordinator, comment="Lokasi belum rinci.")
    returned = [t for t in tasks_for(cast.planner_b).tasks if t.kind == "plan_returned"]
    assert len(returned) == 1
    assert returned[0].url == f"/rencana/{plan.pk}/"
    assert "Lokasi belum rinci." in returned[0].detail


def test_a_planner_sees_open_findings_and_a_letter_to_answer(world, cast):
    found = kinds(cast.planner_b)
    assert "findings_open" in found
    assert "letter_answer" in found
    assert "findings_open" not in kinds(cast.planner_a) or all(
        "plan_b" not in label for label in kinds(cast.planner_a)["findings_open"]
    )


def test_a_planner_sees_the_submission_deadline_of_its_draft(world, cast):
    plan = world.records["plans.plan"]["plan_a_draft"]
    plan.cycle.submission_deadline = dt.date(2025, 3, 31)
    plan.cycle.save()
    deadlines = [t for t in tasks_for(cast.planner_a).tasks if t.kind == "plan_deadline"]
    assert [t.deadline for t in deadlines] == [dt.date(2025, 3, 31)]


def test_an_officer_sees_new_central_activities_until_visiting(world, cast):
    officer = cast.officer_jateng
    assert "district_new" in kinds(officer)
    mark_seen(user=officer, key=district_key("33"))
    assert "district_new" not in kinds(officer)


def test_visiting_wilayah_saya_clears_the_news(world, cast, client):
    client.force_login(cast.officer_jateng)
    assert client.get("/wilayah-saya/33/").status_code == 200
    assert "district_new" not in kinds(cast.officer_jateng)


def test_overdue_tasks_come_first():
    today = dt.date(2025, 6, 1)
    later = Task(kind="a", label="later", url="/", deadline=dt.date(2025, 7, 1))
    none = Task(kind="b", label="none", url="/")
    overdue = Task(kind="c", label="overdue", url="/", deadline=dt.date(2025, 5, 1))
    assert [t.label for t in order_tasks([none, later, overdue], today)] == ["overdue", "later", "none"]


def test_a_later_app_plugs_its_tasks_in(world, cast):
    @selectors.task_provider("test_meetings")
    def meeting_tasks(user):
        return [Task(kind="meeting", label="Rapat", url="/rapat/")]

    try:
        assert "meeting" in kinds(cast.viewer)
    finally:
        selectors._PROVIDERS.pop("test_meetings")


def test_the_home_page_lists_my_tasks(world, cast, client):
    client.force_login(cast.coordinator)
    html = client.get("/").content.decode()
    assert "Tugas saya" in html
    plan = world.records["plans.plan"]["plan_b_jateng"]
    assert f"/sinkronisasi/rencana/{plan.pk}/" in html
