"""What the plan spreadsheet commands share: the acting user and finding
the plan or cycle named on the command line."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db.models import Q

from selaras.plans.models import Cycle, Plan


def add_user_argument(parser) -> None:
    parser.add_argument("--user", metavar="USERNAME", help="Bertindak sebagai pengguna ini (bawaan: admin pertama).")


def acting_user(username: str | None):
    from selaras.accounts.models import Membership, Role, User

    if username:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Pengguna {username!r} tidak ditemukan.")
        return user
    admin_ids = Membership.objects.filter(
        role=Role.ADMIN, is_active=True, agency__isnull=True, region__isnull=True
    ).values("user_id")
    user = User.objects.filter(Q(pk__in=admin_ids) | Q(is_superuser=True), is_active=True).order_by("pk").first()
    if user is None:
        raise CommandError("Belum ada administrator; sebutkan --user USERNAME.")
    return user


def find_cycle(text: str) -> Cycle:
    programme, _sep, year = (text or "").rpartition(":")
    if not programme or not year.isdigit():
        raise CommandError("--cycle ditulis PROGRAM:TAHUN, mis. RI-UNICEF-2021:2024.")
    cycle = Cycle.objects.select_related("programme").filter(programme__code=programme, year=int(year)).first()
    if cycle is None:
        raise CommandError(f"Siklus {text} tidak ditemukan.")
    return cycle


def find_plan(plan_id: int) -> Plan:
    plan = Plan.objects.select_related("cycle__programme", "owner").filter(pk=plan_id).first()
    if plan is None:
        raise CommandError(f"Rencana {plan_id} tidak ditemukan.")
    return plan
