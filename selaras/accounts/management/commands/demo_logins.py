"""`selaras demo-logins`: the demo accounts and their initial passwords."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from selaras.accounts.demo import DEMO_CAST, DEMO_PREFIX
from selaras.accounts.models import Membership, User


class Command(BaseCommand):
    help = "Menampilkan akun demo (nama pengguna, peran, lingkup, kata sandi awal)."

    def handle(self, *args, **options):
        cast = {spec.username: spec for spec in DEMO_CAST}
        users = User.objects.filter(username__startswith=DEMO_PREFIX).order_by("username")
        memberships = Membership.objects.filter(user__in=users, is_active=True).select_related("agency", "region")
        by_user: dict[int, list[Membership]] = {}
        for m in memberships:
            by_user.setdefault(m.user_id, []).append(m)
        rows = [(_("Nama pengguna"), _("Peran"), _("Lingkup"), _("Kata sandi awal"))]
        for user in users:
            spec = cast.get(user.username)
            password = spec.password if spec else "-"
            held = by_user.get(user.pk) or []
            if not held:
                rows.append((user.username, "-", "-", password))
            for m in held:
                rows.append((user.username, str(m.get_role_display()), m.scope_label, password))
        if len(rows) == 1:
            self.stdout.write(_("Belum ada akun demo. Jalankan `selaras demo-data`."))
            return
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        for n, row in enumerate(rows):
            self.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
