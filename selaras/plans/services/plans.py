"""Plans: an agency's (or region's) plan within a cycle, and its header."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from selaras.core import access
from selaras.core.access import WRITE
from selaras.core.versioning import check_version
from selaras.plans.models import Cycle, Plan
from selaras.plans.services.common import bump, require

if TYPE_CHECKING:
    from selaras.accounts.models import User


@transaction.atomic
def plan_create(*, cycle: Cycle, owner, by: User, title: str = "", notes: str = "") -> Plan:
    plan = Plan(cycle=cycle, owner=owner, title=title, notes=notes)
    if not access.can_create(by, Plan, owner=owner):
        raise PermissionDenied(_("Anda hanya dapat membuat rencana untuk instansi Anda sendiri."))
    if not cycle.is_open:
        raise ValidationError(_("Siklus %(cycle)s sudah ditutup untuk pengajuan.") % {"cycle": cycle})
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, by: User, expected_version: int | None, title: str, notes: str) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    check_version(plan, expected_version)
    require(by, WRITE, plan)
    plan.title, plan.notes = title, notes
    plan.full_clean()
    bump(plan)
    plan.save()
    return plan
