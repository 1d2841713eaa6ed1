"""Raising, answering, replying, closing and withdrawing flags."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from selaras.audit.models import AuditEntry
from selaras.flags import services
from selaras.flags.models import Flag, FlagStatus

pytestmark = pytest.mark.django_db


def test_it_raises_a_flag_for_the_officers_region(stage, cast, reference):
    flag = services.flag_raise(
        activity=stage.activity_jateng, by=cast.officer_jateng, reason="conflict_rkpd", comment="Bentrok RKPD."
    )
    assert flag.region == reference.jateng
    assert flag.status == FlagStatus.OPEN
    assert AuditEntry.objects.filter(object_pk=flag.pk, content_type__model="flag").exists()


def test_it_refuses_a_flag_on_an_activity_outside_the_officers_region(stage, cast):
    with pytest.raises(PermissionDenied):
        services.flag_raise(activity=stage.activity_papua, by=cast.officer_jateng, reason="funded", comment="x")
    assert not Flag.objects.exists()


def test_it_refuses_a_flag_from_a_planner(stage, cast):
    with pytest.raises(PermissionDenied):
        services.flag_raise(activity=stage.activity_jateng, by=cast.planner_a, reason="funded", comment="x")


def test_it_refuses_a_flag_without_a_comment(stage, cast):
    with pytest.raises(ValidationError):
        services.flag_raise(activity=stage.activity_jateng, by=cast.officer_jateng, reason="funded", comment=" ")


def test_it_announces_a_raised_flag_once(stage, cast):
    with mock.patch("selaras.flags.services.emit") as emit:
        flag = services.flag_raise(
            activity=stage.activity_jateng, by=cast.officer_jateng, reason="funded", comment="Sudah didanai."
        )
    emit.assert_called_once_with("flag.raised", flag_id=flag.pk, plan_id=stage.plan_b.pk, by_id=cast.officer_jateng.pk)


def test_the_owning_planner_answers_and_the_flag_is_answered(flag, cast):
    with mock.patch("selaras.flags.services.emit") as emit:
        message = services.flag_answer(flag=flag, by=cast.planner_b, text="Akan kami pindahkan lokasinya.")
    flag.refresh_from_db()
    assert flag.status == FlagStatus.ANSWERED
    assert list(flag.messages.all()) == [message]
    assert AuditEntry.objects.filter(object_pk=message.pk, content_type__model="flagmessage").exists()
    emit.assert_called_once_with(
        "flag.answered",
        flag_id=flag.pk,
        plan_id=flag.activity.plan_id,
        by_id=cast.planner_b.pk,
        message_id=message.pk,
    )


def test_the_coordinator_answers_too(flag, cast):
    services.flag_answer(flag=flag, by=cast.coordinator, text="Dibahas pada rapat koordinasi.")
    flag.refresh_from_db()
    assert flag.status == FlagStatus.ANSWERED


def test_another_ministrys_planner_cannot_answer(flag, cast):
    with pytest.raises(PermissionDenied):
        services.flag_answer(flag=flag, by=cast.planner_a, text="Bukan urusan kami.")


def test_the_authors_reply_opens_the_flag_again(flag, cast):
    services.flag_answer(flag=flag, by=cast.planner_b, text="Sudah sesuai.")
    services.flag_reply(flag=flag, by=cast.officer_jateng, text="Belum: lokasinya masih Banyumas.")
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN
    assert flag.messages.count() == 2


def test_the_author_closes_and_nobody_answers_a_closed_flag(flag, cast):
    services.flag_close(flag=flag, by=cast.officer_jateng)
    flag.refresh_from_db()
    assert flag.status == FlagStatus.CLOSED
    with pytest.raises(PermissionDenied):
        services.flag_answer(flag=flag, by=cast.planner_b, text="Terlambat.")


def test_the_owning_planner_cannot_close_a_flag(flag, cast):
    with pytest.raises(PermissionDenied):
        services.flag_close(flag=flag, by=cast.planner_b)


def test_only_the_author_withdraws(flag, cast):
    with pytest.raises(PermissionDenied):
        services.flag_withdraw(flag=flag, by=cast.coordinator)
    services.flag_withdraw(flag=flag, by=cast.officer_jateng)
    flag.refresh_from_db()
    assert flag.status == FlagStatus.WITHDRAWN


def test_the_subscribers_accept_what_the_flag_events_carry(stage, cast, caplog, django_capture_on_commit_callbacks):
    # The events are delivered after commit to whoever subscribed (the
    # notifications); a payload they cannot take is logged, never raised.
    with django_capture_on_commit_callbacks(execute=True):
        flag = services.flag_raise(
            activity=stage.activity_jateng, by=cast.officer_jateng, reason="funded", comment="Sudah didanai."
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.flag_answer(flag=flag, by=cast.planner_b, text="Kami tinjau.")
    assert not [r for r in caplog.records if r.name == "selaras.events"]
