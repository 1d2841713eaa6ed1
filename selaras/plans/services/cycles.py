"""Cycles: a programme's yearly rounds of plans, their deadlines and the
legal acts that close them (PP 19/2022)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from selaras.core.access import WRITE
from selaras.core.versioning import check_version
from selaras.plans.models import Cycle, Programme
from selaras.plans.services.common import bump, require

if TYPE_CHECKING:
    from selaras.accounts.models import User

CYCLE_DEADLINE_FIELDS = ("submission_deadline", "review_deadline", "regulation_deadline", "decree_deadline")


def has_default_deadlines(programme: Programme) -> bool:
    """Only the PP 19/2022 instruments (deconcentration, co-administration)
    have deadlines set by regulation; a cooperation programme has none."""
    return programme.is_delegation


def default_deadlines(programme: Programme, year: int) -> dict[str, dt.date | None]:
    """PP 19/2022 Pasal 7 and 16: the regulation by November and the regional
    decrees by December of the year before implementation."""
    if not has_default_deadlines(programme):
        return {"regulation_deadline": None, "decree_deadline": None}
    return {"regulation_deadline": dt.date(year - 1, 11, 30), "decree_deadline": dt.date(year - 1, 12, 31)}


@transaction.atomic
def cycle_open(*, programme: Programme, year: int, by: User, **deadlines) -> Cycle:
    require(by, WRITE, programme)
    if not programme.covers_year(year):
        raise ValidationError(
            {
                "year": _("Tahun %(year)s di luar periode program %(start)s–%(end)s.")
                % {"year": year, "start": programme.start_year, "end": programme.end_year}
            }
        )
    values = {**default_deadlines(programme, year), **{k: v for k, v in deadlines.items() if v is not None}}
    cycle = Cycle(programme=programme, year=year, **values)
    cycle.full_clean()
    cycle.save()
    return cycle


@transaction.atomic
def cycle_update(
    *,
    cycle: Cycle,
    by: User,
    expected_version: int | None,
    is_open: bool,
    submission_deadline: dt.date | None = None,
    review_deadline: dt.date | None = None,
    regulation_deadline: dt.date | None = None,
    decree_deadline: dt.date | None = None,
) -> Cycle:
    """Change a cycle's deadlines, or close it to (or reopen it for) new plans."""
    cycle = Cycle.objects.select_for_update().select_related("programme").get(pk=cycle.pk)
    check_version(cycle, expected_version)
    require(by, WRITE, cycle)
    cycle.submission_deadline, cycle.review_deadline = submission_deadline, review_deadline
    cycle.regulation_deadline, cycle.decree_deadline = regulation_deadline, decree_deadline
    cycle.is_open = is_open
    cycle.full_clean()
    bump(cycle)
    cycle.save()
    return cycle


@transaction.atomic
def cycle_record_legal_acts(
    *,
    cycle: Cycle,
    by: User,
    regulation_recorded_on: dt.date | None,
    decree_recorded_on: dt.date | None,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Cycle:
    """Record when the ministerial (or governor) regulation and the regional
    decrees of a delegation cycle were issued; the deadline checks compare
    these with PP 19/2022's November and December deadlines."""
    cycle = Cycle.objects.select_for_update().select_related("programme").get(pk=cycle.pk)
    check_version(cycle, expected_version)
    require(by, WRITE, cycle)
    if not cycle.programme.is_delegation:
        raise ValidationError(
            _("Tanggal penetapan hanya dicatat untuk program pelimpahan (dekonsentrasi/tugas pembantuan).")
        )
    today = today or timezone.localdate()
    future = {}
    for name, value in (("regulation_recorded_on", regulation_recorded_on), ("decree_recorded_on", decree_recorded_on)):
        if value is not None and value > today:
            future[name] = _("Tanggal penetapan tidak boleh setelah hari ini.")
    if future:
        raise ValidationError(future)
    cycle.regulation_recorded_on, cycle.decree_recorded_on = regulation_recorded_on, decree_recorded_on
    cycle.full_clean()
    bump(cycle)
    cycle.save()
    return cycle
