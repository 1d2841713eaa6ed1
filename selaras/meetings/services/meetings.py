"""Writes on a meeting and its parts: creating and editing it, its status
(draft → scheduled → held → closed), participants and attendance, the
agenda, documents and conclusions, and carrying open follow-ups of earlier
meetings of the programme onto its agenda."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from selaras.core import access
from selaras.core.access import WRITE
from selaras.core.uploads import UploadRefused
from selaras.core.versioning import check_version
from selaras.meetings.files import accept_upload
from selaras.meetings.models import (
    AgendaItem,
    Attendance,
    Conclusion,
    Document,
    FollowUp,
    FollowUpStatus,
    Meeting,
    MeetingStatus,
    Participant,
)
from selaras.meetings.services._common import lock, readable_or_refuse, require, save

if TYPE_CHECKING:
    from selaras.accounts.models import User

_REFUSED = _("Anda tidak berwenang mengubah rapat ini.")
# Allowed status moves: action -> (from, to).
MEETING_TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "schedule": ((MeetingStatus.DRAFT,), MeetingStatus.SCHEDULED),
    "hold": ((MeetingStatus.SCHEDULED,), MeetingStatus.HELD),
    "close": ((MeetingStatus.HELD,), MeetingStatus.CLOSED),
}
MEETING_FIELDS = ("kind", "title", "starts_at", "ends_at", "venue", "online_url", "minutes", "cycle")


def _check_cycle(meeting: Meeting) -> None:
    if meeting.cycle_id and meeting.cycle.programme_id != meeting.programme_id:
        raise ValidationError({"cycle": _("Siklus harus milik program rapat ini.")})
    if meeting.ends_at and meeting.ends_at < meeting.starts_at:
        raise ValidationError({"ends_at": _("Waktu selesai tidak boleh sebelum waktu mulai.")})


@transaction.atomic
def meeting_create(
    *,
    by: User,
    kind: str,
    title: str,
    organiser,
    starts_at: datetime.datetime,
    programme=None,
    cycle=None,
    ends_at: datetime.datetime | None = None,
    venue: str = "",
    online_url: str = "",
    minutes: str = "",
) -> Meeting:
    """A new meeting (a draft). A meeting of a programme gets the open
    follow-ups of the programme's earlier years on its agenda at once."""
    if programme is None and cycle is not None:
        programme = cycle.programme
    if not access.can_create(by, Meeting, programme=programme, organiser=organiser):
        raise PermissionDenied(_("Anda hanya dapat membuat rapat untuk program atau unit yang Anda koordinasikan."))
    meeting = Meeting(
        kind=kind,
        title=(title or "").strip(),
        organiser=organiser,
        programme=programme,
        cycle=cycle,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue,
        online_url=online_url,
        minutes=minutes,
    )
    _check_cycle(meeting)
    save(meeting)
    if programme is not None:
        carry_over(meeting=meeting, by=by)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by: User, version: int | None = None, **changes) -> Meeting:
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationError(
            _("Kolom berikut tidak dapat diubah: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    meeting = lock(meeting)
    require(by, WRITE, meeting, _REFUSED)
    check_version(meeting, version)
    for name, value in changes.items():
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    _check_cycle(meeting)
    return save(meeting)


def _move(meeting: Meeting, by: User, action: str, version: int | None) -> Meeting:
    sources, target = MEETING_TRANSITIONS[action]
    meeting = lock(meeting)
    require(by, WRITE, meeting, _REFUSED)
    check_version(meeting, version)
    if meeting.status not in sources:
        raise ValidationError(
            _("Rapat berstatus %(status)s tidak dapat diubah dengan cara ini.")
            % {"status": meeting.get_status_display()}
        )
    meeting.status = target
    return save(meeting)


@transaction.atomic
def meeting_schedule(*, meeting: Meeting, by: User, version: int | None = None) -> Meeting:
    """Announce the meeting: its invited parties now see it."""
    return _move(meeting, by, "schedule", version)


@transaction.atomic
def meeting_hold(*, meeting: Meeting, by: User, version: int | None = None) -> Meeting:
    return _move(meeting, by, "hold", version)


@transaction.atomic
def meeting_close(*, meeting: Meeting, by: User, version: int | None = None) -> Meeting:
    """Close the record: agenda, attendance and conclusions are final;
    follow-ups go on being worked and verified."""
    return _move(meeting, by, "close", version)


# --- participants ---------------------------------------------------------------
PARTICIPANT_FIELDS = ("agency", "region", "name", "position", "email", "role", "attended")


@transaction.atomic
def participant_add(
    *,
    meeting: Meeting,
    by: User,
    agency=None,
    region=None,
    name: str = "",
    position: str = "",
    email: str = "",
    role: str = "peserta",
    attended: str = Attendance.UNKNOWN,
) -> Participant:
    require(by, WRITE, meeting, _REFUSED)
    if agency is None and region is None:
        raise ValidationError(_("Sebutkan instansi atau wilayah yang diundang."))
    participant = Participant(
        meeting=meeting,
        agency=agency,
        region=region,
        name=name,
        position=position,
        email=email,
        role=role,
        attended=attended,
    )
    return save(participant)


@transaction.atomic
def participant_update(*, participant: Participant, by: User, version: int | None = None, **changes) -> Participant:
    unknown = set(changes) - set(PARTICIPANT_FIELDS)
    if unknown:
        raise ValidationError(
            _("Kolom berikut tidak dapat diubah: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    participant = lock(participant)
    require(by, WRITE, participant, _REFUSED)
    check_version(participant, version)
    for name, value in changes.items():
        setattr(participant, name, value.strip() if isinstance(value, str) else value)
    if participant.agency_id is None and participant.region_id is None:
        raise ValidationError(_("Sebutkan instansi atau wilayah yang diundang."))
    return save(participant)


def participant_set_attendance(*, participant: Participant, by: User, attended: str) -> Participant:
    return participant_update(participant=participant, by=by, attended=attended)


@transaction.atomic
def participant_remove(*, participant: Participant, by: User) -> None:
    participant = lock(participant)
    require(by, WRITE, participant, _REFUSED)
    participant.delete()


# --- agenda ---------------------------------------------------------------------
def _next_number(queryset) -> int:
    return (queryset.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def agenda_add(
    *,
    meeting: Meeting,
    by: User,
    title: str,
    notes: str = "",
    plans: Iterable = (),
    regions: Iterable = (),
    findings: Iterable = (),
    flags: Iterable = (),
    letters: Iterable = (),
) -> AgendaItem:
    """A new item at the end of the agenda, linked to records the user may read."""
    meeting = lock(meeting)
    require(by, WRITE, meeting, _REFUSED)
    refusal = _("Agenda hanya dapat ditautkan ke data yang dapat Anda lihat.")
    links = {
        "plans": readable_or_refuse(by, plans, refusal),
        "findings": readable_or_refuse(by, findings, refusal),
        "flags": readable_or_refuse(by, flags, refusal),
        "letters": readable_or_refuse(by, letters, refusal),
        # Regions are reference data everyone reads.
        "regions": [r for r in regions or () if r is not None],
    }
    item = AgendaItem(meeting=meeting, number=_next_number(meeting.agenda.all()), title=title, notes=notes)
    save(item)
    for name, records in links.items():
        if records:
            getattr(item, name).set(records)
    return item


@transaction.atomic
def agenda_update(*, item: AgendaItem, by: User, version: int | None = None, title=None, notes=None) -> AgendaItem:
    item = lock(item)
    require(by, WRITE, item, _REFUSED)
    check_version(item, version)
    if title is not None:
        item.title = title
    if notes is not None:
        item.notes = notes
    return save(item)


@transaction.atomic
def agenda_reorder(*, meeting: Meeting, by: User, order: list[int]) -> list[AgendaItem]:
    """Number the items 1, 2, … in the order given (every item's id, once)."""
    meeting = lock(meeting)
    require(by, WRITE, meeting, _REFUSED)
    items = {item.pk: item for item in meeting.agenda.all()}
    if sorted(order) != sorted(items) or len(set(order)) != len(order):
        raise ValidationError(_("Urutan harus memuat setiap butir agenda rapat ini tepat satu kali."))
    result = []
    for number, pk in enumerate(order, start=1):
        item = items[pk]
        if item.number != number:
            item.number = number
            save(item)
        result.append(item)
    return result


@transaction.atomic
def agenda_remove(*, item: AgendaItem, by: User) -> None:
    item = lock(item)
    require(by, WRITE, item, _REFUSED)
    item.delete()


def _earlier_open_followups(meeting: Meeting):
    earlier = FollowUp.objects.filter(
        meeting__programme_id=meeting.programme_id, status__in=FollowUpStatus.pending()
    ).exclude(meeting=meeting)
    return [
        f
        for f in earlier.select_related("meeting", "meeting__cycle").order_by("meeting__starts_at", "pk")
        if f.meeting.year < meeting.year
    ]


@transaction.atomic
def carry_over(*, meeting: Meeting, by: User) -> list[AgendaItem]:
    """Put every follow-up still open from earlier years' meetings of the
    programme on this meeting's agenda, each once however often this runs."""
    meeting = lock(meeting)
    require(by, WRITE, meeting, _REFUSED)
    if meeting.programme_id is None:
        return []
    already = set(meeting.agenda.exclude(carried_followup=None).values_list("carried_followup_id", flat=True))
    created = []
    number = _next_number(meeting.agenda.all())
    for followup in _earlier_open_followups(meeting):
        if followup.pk in already:
            continue
        item = AgendaItem(
            meeting=meeting,
            number=number,
            title=_("Tindak lanjut %(meeting)s: %(text)s")
            % {"meeting": followup.meeting.title, "text": followup.text[:300]},
            carried_followup=followup,
        )
        save(item)
        number += 1
        created.append(item)
    return created


# --- documents ------------------------------------------------------------------
@transaction.atomic
def document_add(*, meeting: Meeting, by: User, upload, title: str = "") -> Document:
    """Store an uploaded file of the meeting after the guarded checks
    (size, type by content, hostile archives); refuses with `UploadRefused`
    turned into a `ValidationError` on `file`."""
    require(by, WRITE, meeting, _REFUSED)
    try:
        accepted = accept_upload(upload)
    except UploadRefused as exc:
        raise ValidationError({"file": exc.message}) from None
    document = Document(
        meeting=meeting,
        title=title,
        original_name=accepted.original_name,
        size=accepted.size,
        content_type=accepted.content_type,
        uploaded_by=by,
    )
    document.file.save(accepted.stored_name, accepted.file, save=False)
    try:
        return save(document)
    except Exception:
        document.file.delete(save=False)
        raise


@transaction.atomic
def document_remove(*, document: Document, by: User) -> None:
    document = lock(document)
    require(by, WRITE, document, _REFUSED)
    stored = document.file.name
    storage = document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(stored))


# --- conclusions ----------------------------------------------------------------
@transaction.atomic
def conclusion_add(*, meeting: Meeting, by: User, text: str, is_public: bool = False) -> Conclusion:
    meeting = lock(meeting)
    require(by, WRITE, meeting, _REFUSED)
    conclusion = Conclusion(
        meeting=meeting, number=_next_number(meeting.conclusions.all()), text=text, is_public=is_public
    )
    return save(conclusion)


@transaction.atomic
def conclusion_update(
    *, conclusion: Conclusion, by: User, version: int | None = None, text: str | None = None, is_public=None
) -> Conclusion:
    conclusion = lock(conclusion)
    require(by, WRITE, conclusion, _REFUSED)
    check_version(conclusion, version)
    if text is not None:
        conclusion.text = text
    if is_public is not None:
        conclusion.is_public = bool(is_public)
    return save(conclusion)
