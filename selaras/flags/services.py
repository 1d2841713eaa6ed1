"""Everything that writes flags: raising one, the thread of answers and
replies, closing, withdrawing, and noting that it became a finding. Each
save is audited (both models are `AuditedModel`s); notifications hear of
new flags and answers through the core event hub (`flag.raised`,
`flag.answered`), delivered once the write commits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from selaras.core import access
from selaras.core.access import WRITE
from selaras.core.events import emit
from selaras.flags.models import Flag, FlagMessage, FlagStatus
from selaras.flags.policies import COORDINATE, RESPOND, speaking_region
from selaras.plans.models import Activity
from selaras.registry.models import Region

if TYPE_CHECKING:
    from selaras.accounts.models import User


def _announce(kind: str, flag: Flag, by: User, **ids: int) -> None:
    # The hub delivers after commit; payloads are ids (see core/events.py).
    emit(kind, flag_id=flag.pk, plan_id=flag.activity.plan_id, by_id=by.pk, **ids)


def _locked(flag: Flag, user: User, action: str, refusal: str) -> Flag:
    flag = Flag.objects.select_for_update().get(pk=flag.pk)
    if not access.can(user, action, flag):
        raise PermissionDenied(refusal)
    return flag


def _message(flag: Flag, by: User, text: str) -> FlagMessage:
    message = FlagMessage(flag=flag, author=by, text=(text or "").strip())
    message.full_clean()
    message.save()
    return message


@transaction.atomic
def flag_raise(*, activity: Activity, by: User, reason: str, comment: str) -> Flag:
    """A regional officer flags a submitted central activity in their region."""
    if not access.can_create(by, Flag, activity=activity):
        raise PermissionDenied(_("Anda hanya dapat menandai kegiatan pusat yang berlokasi di wilayah Anda."))
    code = speaking_region(access.grants_for(by), activity)
    flag = Flag(
        activity=activity,
        region=Region.objects.get(code=code),
        author=by,
        reason=reason,
        comment=(comment or "").strip(),
    )
    flag.full_clean()
    flag.save()
    _announce("flag.raised", flag, by)
    return flag


@transaction.atomic
def flag_answer(*, flag: Flag, by: User, text: str) -> FlagMessage:
    """The owning agency or a coordinator answers: the flag is answered."""
    flag = _locked(flag, by, RESPOND, _("Anda tidak berwenang menjawab tanda ini."))
    message = _message(flag, by, text)
    _set_status(flag, FlagStatus.ANSWERED)
    _announce("flag.answered", flag, by, message_id=message.pk)
    return message


@transaction.atomic
def flag_reply(*, flag: Flag, by: User, text: str) -> FlagMessage:
    """The author replies to an answer: the flag is open again."""
    flag = _locked(flag, by, WRITE, _("Hanya penanda yang dapat membalas tanda ini."))
    message = _message(flag, by, text)
    if flag.status != FlagStatus.OPEN:
        _set_status(flag, FlagStatus.OPEN)
    return message


@transaction.atomic
def flag_close(*, flag: Flag, by: User) -> Flag:
    """The author (satisfied) or a coordinator (settled) closes the flag."""
    flag = Flag.objects.select_for_update().get(pk=flag.pk)
    if not (access.can(by, WRITE, flag) or access.can(by, COORDINATE, flag)):
        raise PermissionDenied(_("Hanya penanda atau koordinator yang dapat menutup tanda ini."))
    return _set_status(flag, FlagStatus.CLOSED)


@transaction.atomic
def flag_withdraw(*, flag: Flag, by: User) -> Flag:
    flag = _locked(flag, by, WRITE, _("Hanya penanda yang dapat menarik tanda ini."))
    return _set_status(flag, FlagStatus.WITHDRAWN)


def _set_status(flag: Flag, status: str) -> Flag:
    flag.status = status
    flag.version += 1
    flag.save()
    return flag


@transaction.atomic
def flag_mark_finding(*, flag: Flag, by: User) -> Flag:
    """Note that a coordinator made the flag a finding of the review (the
    finding itself is written by `selaras.sync.services.finding_from_flag`)."""
    flag = _locked(flag, by, COORDINATE, _("Hanya koordinator yang dapat menjadikan tanda ini temuan."))
    if flag.finding_raised_at is not None:
        raise ValidationError(_("Tanda ini sudah dijadikan temuan."))
    flag.finding_raised_at = timezone.now()
    flag.version += 1
    flag.save()
    return flag
