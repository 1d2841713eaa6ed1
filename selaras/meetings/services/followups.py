"""Follow-up actions (RTL) and their state machine. The owner (an agency's
planners or a region's officers) starts and completes its own; the
meeting's coordinator verifies, reopens or drops them. Every move is logged
as a `FollowUpUpdate` with the status before and after.

    open ──start──> in_progress ──complete──> done ──verify──> verified
      └──────────────complete────────────────┘  │
    open | in_progress | done ──drop (reason)──> dropped
    done | verified | dropped ──reopen──> open

Events for notifications: `followup.assigned`, `followup.done`,
`followup.verified` (ids only, delivered after commit)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from selaras.core import access
from selaras.core.access import READ, WRITE
from selaras.core.uploads import UploadRefused
from selaras.core.versioning import check_version
from selaras.meetings.files import accept_upload
from selaras.meetings.models import FollowUp, FollowUpStatus, FollowUpUpdate, Meeting
from selaras.meetings.policies import COORDINATE, UPDATE_FOLLOWUP, VERIFY_FOLLOWUP
from selaras.meetings.services._common import emit, lock, readable_or_refuse, require, save

if TYPE_CHECKING:
    from selaras.accounts.models import User

S = FollowUpStatus
# action -> (statuses it starts from, status it leads to, the policy action it needs)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "start": ((S.OPEN,), S.IN_PROGRESS, UPDATE_FOLLOWUP),
    "complete": ((S.OPEN, S.IN_PROGRESS), S.DONE, UPDATE_FOLLOWUP),
    "verify": ((S.DONE,), S.VERIFIED, VERIFY_FOLLOWUP),
    "drop": ((S.OPEN, S.IN_PROGRESS, S.DONE), S.DROPPED, COORDINATE),
    "reopen": ((S.DONE, S.VERIFIED, S.DROPPED), S.OPEN, COORDINATE),
}
_REFUSALS = {
    UPDATE_FOLLOWUP: _("Hanya penanggung jawab tindak lanjut ini yang dapat mengubah statusnya."),
    VERIFY_FOLLOWUP: _("Hanya koordinator rapat yang dapat memverifikasi tindak lanjut ini."),
    COORDINATE: _("Hanya koordinator rapat yang dapat melakukan ini."),
}
EDITABLE_FIELDS = (
    "text",
    "owner_agency",
    "owner_region",
    "due_date",
    "conclusion",
    "region",
    "plan",
    "activity",
    "finding",
    "letter_point",
)
_LINKS = ("plan", "activity", "finding", "letter_point")


def _announce(kind: str, followup: FollowUp, by: User) -> None:
    emit(kind, followup_id=followup.pk, meeting_id=followup.meeting_id, by_id=by.pk)


def _validate_links(followup: FollowUp, by: User) -> None:
    readable_or_refuse(
        by,
        [getattr(followup, name) for name in _LINKS],
        _("Tindak lanjut hanya dapat ditautkan ke data yang dapat Anda lihat."),
    )
    if followup.conclusion_id and followup.conclusion.meeting_id != followup.meeting_id:
        raise ValidationError({"conclusion": _("Rumusan harus dari rapat yang sama.")})
    if (followup.owner_agency_id is None) == (followup.owner_region_id is None):
        raise ValidationError(_("Tindak lanjut harus memiliki tepat satu penanggung jawab: instansi atau wilayah."))


@transaction.atomic
def followup_create(
    *,
    meeting: Meeting,
    by: User,
    text: str,
    owner_agency=None,
    owner_region=None,
    due_date: datetime.date | None = None,
    conclusion=None,
    region=None,
    plan=None,
    activity=None,
    finding=None,
    letter_point=None,
) -> FollowUp:
    """A follow-up agreed at the meeting, assigned to its owner."""
    require(by, WRITE, meeting, _("Hanya koordinator rapat yang dapat menetapkan tindak lanjut."))
    followup = FollowUp(
        meeting=meeting,
        text=(text or "").strip(),
        owner_agency=owner_agency,
        owner_region=owner_region,
        due_date=due_date,
        conclusion=conclusion,
        region=region,
        plan=plan,
        activity=activity,
        finding=finding,
        letter_point=letter_point,
    )
    _validate_links(followup, by)
    save(followup)
    _announce("followup.assigned", followup, by)
    return followup


@transaction.atomic
def followup_edit(*, followup: FollowUp, by: User, version: int | None = None, **changes) -> FollowUp:
    """The coordinator corrects a follow-up's text, owner, due date or links."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Kolom berikut tidak dapat diubah: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    followup = lock(followup)
    require(by, COORDINATE, followup, _REFUSALS[COORDINATE])
    check_version(followup, version)
    owner_before = (followup.owner_agency_id, followup.owner_region_id)
    for name, value in changes.items():
        setattr(followup, name, value.strip() if isinstance(value, str) else value)
    _validate_links(followup, by)
    save(followup)
    if (followup.owner_agency_id, followup.owner_region_id) != owner_before:
        _announce("followup.assigned", followup, by)
    return followup


def _evidence(update: FollowUpUpdate, upload) -> None:
    try:
        accepted = accept_upload(upload)
    except UploadRefused as exc:
        raise ValidationError({"evidence": exc.message}) from None
    update.evidence_name = accepted.original_name
    update.evidence_size = accepted.size
    update.evidence_type = accepted.content_type
    update.evidence.save(accepted.stored_name, accepted.file, save=False)


def _log(followup: FollowUp, by: User, text: str, *, before: str = "", upload=None) -> FollowUpUpdate:
    update = FollowUpUpdate(
        followup=followup,
        by=by,
        text=(text or "").strip(),
        status_from=before,
        status_to=followup.status if before else "",
    )
    if upload is not None:
        _evidence(update, upload)
    try:
        return save(update)
    except Exception:
        if update.evidence:
            update.evidence.delete(save=False)
        raise


def _transition(action: str, followup: FollowUp, by: User, text: str, *, version=None, upload=None) -> FollowUp:
    sources, target, needed = TRANSITIONS[action]
    followup = lock(followup)
    if not access.can(by, READ, followup):
        raise PermissionDenied(_REFUSALS[needed])
    check_version(followup, version)
    if followup.status not in sources:
        raise ValidationError(
            _("Tindak lanjut berstatus %(status)s tidak dapat diubah dengan cara ini.")
            % {"status": followup.get_status_display()}
        )
    require(by, needed, followup, _REFUSALS[needed])
    before = followup.status
    followup.status = target
    now = timezone.now()
    if target == S.DONE:
        followup.done_at = now
    elif target == S.VERIFIED:
        followup.verified_at, followup.verified_by = now, by
    elif target == S.DROPPED:
        followup.drop_reason = text
    elif target == S.OPEN:
        followup.done_at = followup.verified_at = followup.verified_by = None
        followup.drop_reason = ""
    save(followup)
    default = {
        "start": _("Mulai dikerjakan."),
        "complete": _("Ditandai selesai."),
        "verify": _("Diverifikasi."),
        "drop": _("Dibatalkan."),
        "reopen": _("Dibuka kembali."),
    }[action]
    _log(followup, by, text or default, before=before, upload=upload)
    return followup


@transaction.atomic
def followup_start(*, followup: FollowUp, by: User, text: str = "", version: int | None = None) -> FollowUp:
    return _transition("start", followup, by, text, version=version)


@transaction.atomic
def followup_complete(
    *, followup: FollowUp, by: User, text: str = "", evidence=None, version: int | None = None
) -> FollowUp:
    """The owner reports it done (optionally with evidence); it awaits the
    coordinator's verification."""
    followup = _transition("complete", followup, by, text, version=version, upload=evidence)
    _announce("followup.done", followup, by)
    return followup


@transaction.atomic
def followup_verify(*, followup: FollowUp, by: User, text: str = "", version: int | None = None) -> FollowUp:
    followup = _transition("verify", followup, by, text, version=version)
    _announce("followup.verified", followup, by)
    return followup


@transaction.atomic
def followup_drop(*, followup: FollowUp, by: User, reason: str, version: int | None = None) -> FollowUp:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Sebutkan alasan pembatalan.")})
    return _transition("drop", followup, by, reason, version=version)


@transaction.atomic
def followup_reopen(*, followup: FollowUp, by: User, text: str = "", version: int | None = None) -> FollowUp:
    """The coordinator sends it back (not done after all, or no longer dropped)."""
    return _transition("reopen", followup, by, text, version=version)


@transaction.atomic
def followup_update_add(*, followup: FollowUp, by: User, text: str, evidence=None) -> FollowUpUpdate:
    """A progress note by the owner on its own follow-up while it is owed
    (or by the coordinator at any time), optionally with an evidence file."""
    followup = lock(followup)
    if not (access.can(by, UPDATE_FOLLOWUP, followup) or access.can(by, COORDINATE, followup)):
        raise PermissionDenied(_REFUSALS[UPDATE_FOLLOWUP])
    if not (text or "").strip():
        raise ValidationError({"text": _("Tuliskan perkembangannya.")})
    return _log(followup, by, text, upload=evidence)
