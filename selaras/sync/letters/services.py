"""Everything that writes recommendation letters. A letter is a draft the
plan's coordinators compose and edit; issuing numbers and dates it, renders
the Word and PDF files and freezes it. After that only the addressee's
answers to its points are written."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from selaras.audit.recorder import record_event
from selaras.core import access, events
from selaras.core.text import clean_text_fields
from selaras.core.validators import nip_field_clean
from selaras.core.versioning import check_version
from selaras.plans.models import Plan
from selaras.plans.policies import COORDINATE
from selaras.sync.letters import compose
from selaras.sync.models import LetterStatus, Recommendation, RecommendationPoint
from selaras.sync.policies import RESPOND

if TYPE_CHECKING:
    from selaras.accounts.models import User

EDITABLE_FIELDS = (
    "number",
    "date",
    "place",
    "subject",
    "opening",
    "closing",
    "signatory_name",
    "signatory_title",
    "signatory_nip",
    "copies_to",
)
DEFAULT_NUMBER_FORMAT = "{seq:03d}/REKOM-SINK/{unit}/{year}"


class LetterIssued(ValidationError):
    """The letter is issued: nothing in it may change any more."""


def _draft_for_write(user, letter: Recommendation) -> Recommendation:
    letter = Recommendation.objects.select_for_update().get(pk=letter.pk)
    if letter.status == LetterStatus.ISSUED:
        raise LetterIssued(_("Surat %(number)s sudah diterbitkan dan tidak dapat diubah.") % {"number": letter.number})
    if not access.can(user, access.WRITE, letter):
        raise PermissionDenied(_("Anda tidak berwenang mengubah surat ini."))
    return letter


@transaction.atomic
def letter_compose(*, plan: Plan, by: User) -> Recommendation:
    """A draft letter to the plan's owner from its accepted findings and the
    notes marked for the letter, one numbered point each."""
    if not access.can(by, COORDINATE, plan):
        raise PermissionDenied(_("Hanya koordinator program yang dapat menyusun surat rekomendasi."))
    refusal = compose.letter_refusal(plan)
    if refusal:
        raise ValidationError(refusal)
    existing = Recommendation.objects.filter(plan=plan, status=LetterStatus.DRAFT).first()
    if existing is not None:
        raise ValidationError(
            _("Rencana ini sudah memiliki draf surat (%(subject)s); ubah draf itu atau terbitkan dahulu.")
            % {"subject": existing.subject}
        )
    points = compose.draft_points(plan)
    if not points:
        raise ValidationError(
            _("Belum ada temuan yang diterima atau catatan untuk surat; telaah temuan rencana ini dahulu.")
        )
    letter = Recommendation.objects.create(
        plan=plan,
        addressee=plan.owner,
        issuer=plan.cycle.programme.coordinator,
        subject=compose.default_subject(plan)[:300],
        opening=compose.default_opening(plan),
        closing=compose.DEFAULT_CLOSING,
        plan_revision=plan.revision,
    )
    RecommendationPoint.objects.bulk_create(
        [
            RecommendationPoint(
                recommendation=letter, position=i, finding=p.finding, text=p.text, citation=p.citation[:300]
            )
            for i, p in enumerate(points, start=1)
        ]
    )
    record_event(plan, f"recommendation {letter.pk} composed with {len(points)} points")
    return letter


@transaction.atomic
def letter_update(*, letter: Recommendation, by: User, expected_version: int | None, **fields) -> Recommendation:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Kolom tidak dapat diubah: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    letter = _draft_for_write(by, letter)
    check_version(letter, expected_version)
    for name, value in fields.items():
        setattr(letter, name, value.strip() if isinstance(value, str) else value)
    nip_field_clean(letter, "signatory_nip")
    letter.full_clean()
    letter.version += 1
    letter.save()
    return letter


@transaction.atomic
def letter_point_update(
    *, point: RecommendationPoint, by: User, text: str, citation: str | None = None, expected_version: int | None = None
) -> RecommendationPoint:
    _draft_for_write(by, point.recommendation)
    point = RecommendationPoint.objects.select_for_update().get(pk=point.pk)
    check_version(point, expected_version)
    if not (text or "").strip():
        raise ValidationError({"text": _("Isi butir rekomendasi wajib diisi.")})
    point.text = text.strip()
    if citation is not None:
        point.citation = citation.strip()
    point.full_clean()
    point.version += 1
    point.save()
    return point


@transaction.atomic
def letter_points_reorder(*, letter: Recommendation, by: User, order: Sequence[int]) -> list[RecommendationPoint]:
    """Renumber the points in the order of `order` (point ids, every point once)."""
    letter = _draft_for_write(by, letter)
    points = {p.pk: p for p in letter.points.select_for_update()}
    if sorted(order) != sorted(points):
        raise ValidationError(_("Urutan butir harus memuat setiap butir surat tepat satu kali."))
    # Two passes keep the (letter, position) uniqueness true at every step.
    offset = len(points) + 1000
    for position, pk in enumerate(order, start=1):
        RecommendationPoint.objects.filter(pk=pk).update(position=offset + position)
    for position, pk in enumerate(order, start=1):
        point = points[pk]
        point.position = position
        point.version += 1
        point.save(update_fields=["position", "version", "updated_at"])
    return [points[pk] for pk in order]


def letter_point_move(*, point: RecommendationPoint, by: User, step: int) -> list[RecommendationPoint]:
    """Move a point one place up (step -1) or down (+1)."""
    ids = list(point.recommendation.points.order_by("position", "id").values_list("pk", flat=True))
    index = ids.index(point.pk)
    target = max(0, min(len(ids) - 1, index + step))
    ids.insert(target, ids.pop(index))
    return letter_points_reorder(letter=point.recommendation, by=by, order=ids)


@transaction.atomic
def letter_point_delete(*, point: RecommendationPoint, by: User) -> None:
    letter = _draft_for_write(by, point.recommendation)
    point.delete()
    remaining = list(letter.points.order_by("position", "id").values_list("pk", flat=True))
    if remaining:
        letter_points_reorder(letter=letter, by=by, order=remaining)


def next_number(letter: Recommendation, date: dt.date) -> str:
    fmt = getattr(settings, "SELARAS_LETTER_NUMBER_FORMAT", "") or DEFAULT_NUMBER_FORMAT
    issued = Recommendation.objects.filter(
        issuer=letter.issuer, status=LetterStatus.ISSUED, date__year=date.year
    ).count()
    unit = letter.issuer.short_name or letter.issuer.code
    unit = re.sub(r"\s+", "", unit)
    return fmt.format(seq=issued + 1, unit=unit, year=date.year, month=date.month)


@transaction.atomic
def letter_issue(*, letter: Recommendation, by: User) -> Recommendation:
    """Number and date the letter, render Word and PDF, and freeze it."""
    from selaras.sync.letters.docx import render_docx
    from selaras.sync.letters.pdf import render_pdf

    letter = _draft_for_write(by, letter)
    refusal = compose.letter_refusal(letter.plan)
    if refusal:
        raise ValidationError(refusal)
    errors: dict[str, list[str]] = {}
    if not letter.points.exists():
        errors.setdefault("__all__", []).append(_("Surat tanpa butir rekomendasi tidak dapat diterbitkan."))
    for name in ("subject", "signatory_name", "signatory_title"):
        if not getattr(letter, name).strip():
            label = Recommendation._meta.get_field(name).verbose_name
            errors.setdefault(name, []).append(_("%(field)s wajib diisi sebelum surat diterbitkan.") % {"field": label})
    today = timezone.localdate()
    date = letter.date or today
    if date > today:
        errors.setdefault("date", []).append(_("Tanggal surat tidak boleh setelah hari ini."))
    if errors:
        raise ValidationError(errors)
    number = letter.number.strip() or next_number(letter, date)
    clash = Recommendation.objects.filter(issuer=letter.issuer, status=LetterStatus.ISSUED, number=number)
    if clash.exists():
        raise ValidationError({"number": _("Nomor surat %(number)s sudah dipakai surat lain.") % {"number": number}})
    letter.number, letter.date = number, date
    letter.status, letter.issued_at, letter.issued_by = LetterStatus.ISSUED, timezone.now(), by
    letter.plan_revision = letter.plan.revision
    stem = f"rekomendasi-{letter.pk}-{slug(number)}"
    letter.docx.save(f"{stem}.docx", ContentFile(render_docx(letter)), save=False)
    letter.pdf.save(f"{stem}.pdf", ContentFile(render_pdf(letter)), save=False)
    letter.version += 1
    letter.save()
    record_event(letter.plan, f"recommendation {letter.pk} issued as {number}")
    events.emit("letter.issued", letter_id=letter.pk)
    return letter


def slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-").lower()[:60] or "surat"


@transaction.atomic
def letter_respond(*, point: RecommendationPoint, by: User, response: str) -> RecommendationPoint:
    """The addressee's answer to one point of an issued letter."""
    point = RecommendationPoint.objects.select_for_update().select_related("recommendation__plan").get(pk=point.pk)
    letter = point.recommendation
    if letter.status != LetterStatus.ISSUED:
        raise ValidationError(_("Tanggapan hanya dapat diberikan pada surat yang sudah diterbitkan."))
    if not access.can(by, RESPOND, point):
        raise PermissionDenied(_("Hanya perencana instansi penerima surat yang dapat menanggapi."))
    if not (response or "").strip():
        raise ValidationError({"response": _("Tanggapan wajib diisi.")})
    point.response = response.strip()
    point.responded_by, point.responded_at = by, timezone.now()
    point.version += 1
    clean_text_fields(point)  # saved without full_clean, where text is cleaned elsewhere
    point.save()
    events.emit("letter.answered", point_id=point.pk, version=point.version, by_id=by.pk)
    return point
