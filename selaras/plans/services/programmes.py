"""Programmes: creating one and changing its header, loci and participants."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from selaras.core import access
from selaras.core.access import WRITE
from selaras.core.versioning import check_version
from selaras.plans.models import Programme
from selaras.plans.services.common import bump, require
from selaras.registry.models import Region

if TYPE_CHECKING:
    from selaras.accounts.models import User

PROGRAMME_FIELDS = frozenset(
    {
        "code",
        "name",
        "kind",
        "description",
        "coordinator",
        "partner",
        "assigner",
        "start_year",
        "end_year",
        "partner_currency",
    }
)


def check_programme_fields(fields: Iterable[str]) -> None:
    """A caller passing a field the programme pages do not edit is a bug,
    not a user error: say so loudly instead of saving it silently."""
    unknown = set(fields) - PROGRAMME_FIELDS
    if unknown:
        raise ValueError(f"Unknown programme fields: {sorted(unknown)}")


@transaction.atomic
def programme_create(*, by: User, loci: Iterable[Region] = (), participants: Iterable = (), **fields) -> Programme:
    check_programme_fields(fields)
    programme = Programme(**fields)
    if not access.can_create(by, Programme, coordinator=programme.coordinator if programme.coordinator_id else None):
        raise PermissionDenied(_("Hanya koordinator yang dapat membuat program."))
    programme.full_clean()
    programme.save()
    programme.loci.set(loci)
    programme.participants.set(participants)
    return programme


@transaction.atomic
def programme_update(
    *,
    programme: Programme,
    by: User,
    expected_version: int | None,
    loci: Iterable[Region] | None = None,
    participants: Iterable | None = None,
    **fields,
) -> Programme:
    """Change a programme's header, loci and participants. Its cycles must
    stay inside the period, and its kind is fixed once a cycle is open (the
    deadlines and checks of the cycles depend on it)."""
    check_programme_fields(fields)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    check_version(programme, expected_version)
    require(by, WRITE, programme)
    years = list(programme.cycles.order_by("year").values_list("year", flat=True))
    if years and "kind" in fields and fields["kind"] != programme.kind:
        raise ValidationError({"kind": _("Jenis program tidak dapat diubah setelah siklus dibuka.")})
    for name, value in fields.items():
        setattr(programme, name, value)
    if not access.can_create(by, Programme, coordinator=programme.coordinator):
        raise PermissionDenied(_("Anda hanya dapat menyerahkan program kepada unit yang Anda koordinasikan."))
    outside = [y for y in years if not programme.start_year <= y <= programme.end_year]
    if outside:
        raise ValidationError(
            {
                "start_year": _("Periode baru tidak mencakup siklus yang sudah dibuka: %(years)s.")
                % {"years": ", ".join(str(y) for y in outside)}
            }
        )
    programme.full_clean()
    bump(programme)
    programme.save()
    if loci is not None:
        programme.loci.set(loci)
    if participants is not None:
        programme.participants.set(participants)
    return programme
