"""Demo flags: Bappeda Jawa Tengah flags two submitted central activities in
its province, one already funded by the province (the coordinator makes it a
finding in the sync demo) and one where support is needed, left open for the
owning ministry to answer."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from selaras.core.demo import DemoContext, DemoDataMissing, demo_step
from selaras.flags import services
from selaras.flags.models import Flag, FlagReason
from selaras.plans.models import Activity, PlanStatus
from selaras.registry.models import AgencyKind

OFFICER = "demo.daerah.jateng"
PROVINCE = "33"
FLAGS = (
    (
        FlagReason.FUNDED,
        "Kegiatan serupa sudah dianggarkan dalam RKPD Provinsi Jawa Tengah 2024 melalui Dinas Kesehatan; "
        "mohon dipindahkan ke kabupaten yang belum terjangkau.",
    ),
    (
        FlagReason.SUPPORT_NEEDED,
        "Kabupaten memerlukan pendampingan teknis untuk pelaksanaan kegiatan ini; mohon dijadwalkan bersama Bappeda.",
    ),
)


def flagged_activities() -> list[Activity]:
    """Submitted central activities in Jawa Tengah, in a fixed order."""
    located = Q(locations__region__code=PROVINCE) | Q(locations__region__code__startswith=f"{PROVINCE}.")
    return list(
        Activity.objects.filter(located)
        .exclude(plan__status=PlanStatus.DRAFT)
        .exclude(plan__owner__kind=AgencyKind.REGIONAL_GOVERNMENT)
        .select_related("plan")
        .order_by("plan__owner__code", "plan__cycle__year", "position", "id")
        .distinct()[: len(FLAGS)]
    )


@demo_step(order=270, name="flags.flags")
def load_flags_demo(ctx: DemoContext) -> int:
    from selaras.accounts.models import User

    officer = User.objects.filter(username=OFFICER).first()
    if officer is None:
        raise DemoDataMissing(
            _("Pengguna demo %(name)s belum ada. Jalankan langkah accounts.users lebih dulu.") % {"name": OFFICER}
        )
    created = 0
    for activity, (reason, comment) in zip(flagged_activities(), FLAGS, strict=False):
        if Flag.objects.filter(activity=activity, author=officer).exists():
            continue
        services.flag_raise(activity=activity, by=officer, reason=reason, comment=comment)
        created += 1
    return created
