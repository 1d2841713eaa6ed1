"""Each event tells the right people once, by the channels they chose, in
their language."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from selaras.core import events
from selaras.core.jobs import job_running
from selaras.core.models import Job
from selaras.notifications import services as notification_services
from selaras.notifications.models import Notification, NotificationKind, NotificationPreference
from selaras.plans import services

pytestmark = pytest.mark.django_db


def _told(kind):
    return sorted(n.recipient.username for n in Notification.objects.filter(kind=kind))


def test_a_submitted_plan_tells_its_coordinator_only(submit, cast):
    plan = submit()
    assert _told(NotificationKind.PLAN_SUBMITTED) == ["koordinator"]
    note = Notification.objects.get()
    assert "RKT Kemenkes 2024" in note.message
    assert note.url == reverse("sync:plan_review", args=[plan.pk])


def test_the_same_event_emitted_twice_tells_once_and_mails_once(submit, cast, committed):
    plan = submit()
    transition = plan.transitions.get()
    with committed():
        events.emit("plan.transition", plan_id=plan.pk, transition_id=transition.pk, action="submit")
    assert Notification.objects.filter(recipient=cast.coordinator).count() == 1
    assert [m.to for m in mail.outbox] == [[cast.coordinator.email]]


def test_a_returned_plan_tells_its_planners_with_the_reason_and_not_other_ministries(submit, cast, committed):
    plan = submit()
    with committed():
        services.plan_transition(plan=plan, action="return", by=cast.coordinator, comment="Lengkapi lokasi")
    assert _told(NotificationKind.PLAN_RETURNED) == ["perencana_a"]
    assert "Lengkapi lokasi" in Notification.objects.get(kind=NotificationKind.PLAN_RETURNED).message
    assert mail.outbox[-1].to == [cast.planner_a.email]


def test_an_endorsed_plan_tells_its_planners(submit, cast, committed):
    plan = submit()
    with committed():
        plan = services.plan_transition(plan=plan, action="start_review", by=cast.coordinator)
        services.plan_transition(plan=plan, action="endorse", by=cast.coordinator)
    assert _told(NotificationKind.PLAN_ENDORSED) == ["perencana_a"]


def test_a_coordinator_who_may_not_read_the_plan_is_not_told(submit, cast, reference):
    from selaras.accounts.models import Membership

    # A coordinator of another unit: not this programme's, so it may not read the plan.
    Membership.objects.filter(user=cast.coordinator).update(agency=reference.ministry_b)
    submit()
    assert _told(NotificationKind.PLAN_SUBMITTED) == []


def test_e_mail_off_keeps_the_bell_only(submit, cast):
    NotificationPreference.objects.create(user=cast.coordinator, kind=NotificationKind.PLAN_SUBMITTED, email=False)
    submit()
    assert Notification.objects.get().shown
    assert mail.outbox == []


def test_bell_off_sends_only_the_e_mail(submit, cast):
    NotificationPreference.objects.create(
        user=cast.coordinator, kind=NotificationKind.PLAN_SUBMITTED, in_app=False, email=True
    )
    submit()
    assert not Notification.objects.get().shown
    assert len(mail.outbox) == 1


def test_both_off_tells_nothing(submit, cast):
    NotificationPreference.objects.create(
        user=cast.coordinator, kind=NotificationKind.PLAN_SUBMITTED, in_app=False, email=False
    )
    submit()
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_the_e_mail_is_written_in_the_recipients_language(submit, cast, monkeypatch):
    spoken = []
    real_send = notification_services.send_mail

    def send(*args, **kwargs):
        spoken.append(translation.get_language())
        return real_send(*args, **kwargs)

    monkeypatch.setattr(notification_services, "send_mail", send)
    monkeypatch.setattr(notification_services, "recipient_language", lambda user: "en")
    submit()
    assert spoken == ["en"]
    assert translation.get_language() == "id"


def test_the_recipient_language_is_the_accounts_own_or_the_sites(cast, settings):
    assert notification_services.recipient_language(cast.planner_a) == settings.LANGUAGE_CODE
    cast.planner_a.language = "en"
    assert notification_services.recipient_language(cast.planner_a) == "en"
    cast.planner_a.language = "xx"
    assert notification_services.recipient_language(cast.planner_a) == settings.LANGUAGE_CODE


def test_an_e_mail_task_run_twice_sends_once(submit, cast):
    submit()
    note = Notification.objects.get()
    assert notification_services.notification_email_send(notification_id=note.pk) is False
    assert len(mail.outbox) == 1


def test_a_finished_and_a_failed_job_tell_their_starter(cast, committed):
    ok = Job.objects.create(kind="test", label="Impor A", started_by=cast.planner_a)
    bad = Job.objects.create(kind="test", label="Periksa A", started_by=cast.planner_a)
    with committed():
        with job_running(ok.pk, heartbeat=None):
            pass
        with pytest.raises(KeyError), job_running(bad.pk, heartbeat=None):
            raise KeyError("x")
    assert _told(NotificationKind.JOB_SUCCEEDED) == ["perencana_a"]
    assert _told(NotificationKind.JOB_FAILED) == ["perencana_a"]
    # Only the failure is important enough for an e-mail by default.
    assert len(mail.outbox) == 1


def test_a_failing_subscriber_never_fails_the_service(submit, cast, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("down")

    monkeypatch.setitem(events._SUBSCRIBERS, "plan.transition", [boom])
    plan = submit()
    assert plan.status == "submitted"
    assert Notification.objects.count() == 0
