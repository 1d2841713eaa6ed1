"""The demo cast: one or more users for every role and kind of scope, so a
demo can show what each of them sees. Usernames start with `demo.`; the
passwords are readable and printed by `selaras demo-logins`."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from selaras.accounts import services
from selaras.accounts.models import Membership, Role, User
from selaras.core.demo import DemoContext, demo_step
from selaras.registry.demo import agency, region

DEMO_PREFIX = "demo."
DEMO_EMAIL_DOMAIN = "demo.selaras.test"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    position: str
    role: str
    agency_code: str | None = None
    region_code: str | None = None
    superuser: bool = False

    @property
    def password(self) -> str:
        return demo_password(self.role)

    @property
    def email(self) -> str:
        return f"{self.username.removeprefix(DEMO_PREFIX)}@{DEMO_EMAIL_DOMAIN}"


def demo_password(role: str) -> str:
    return f"Selaras-{role}-2024!"


DEMO_CAST: tuple[DemoUser, ...] = (
    DemoUser("demo.admin", "Admin Selaras", "Administrator sistem", Role.ADMIN, superuser=True),
    DemoUser(
        "demo.koordinator.supd4",
        "Rina Wulandari",
        "Analis Kebijakan, Direktorat SUPD IV",
        Role.COORDINATOR,
        agency_code="010.bangda.supd4",
    ),
    DemoUser(
        "demo.koordinator.dtpks",
        "Agus Setiawan",
        "Analis Kebijakan, Direktorat Dekonsentrasi, Tugas Pembantuan dan Kerja Sama",
        Role.COORDINATOR,
        agency_code="010.adwil.dtpks",
    ),
    DemoUser(
        "demo.perencana.kemenkes",
        "dr. Siti Rahmawati",
        "Perencana, Kementerian Kesehatan",
        Role.PLANNER,
        agency_code="024",
    ),
    DemoUser(
        "demo.perencana.kemendikdasmen",
        "Budi Santoso",
        "Perencana, Kementerian Pendidikan Dasar dan Menengah",
        Role.PLANNER,
        agency_code="138",
    ),
    DemoUser(
        "demo.perencana.kemenpppa",
        "Dewi Lestari",
        "Perencana, Kementerian Pemberdayaan Perempuan dan Perlindungan Anak",
        Role.PLANNER,
        agency_code="047",
    ),
    DemoUser(
        "demo.mitra.unicef",
        "Maria Gunawan",
        "Programme Officer, UNICEF Indonesia",
        Role.PLANNER,
        agency_code="mitra.unicef",
    ),
    DemoUser("demo.pemantau.bappenas", "Hendra Wijaya", "Perencana Ahli, Bappenas", Role.VIEWER),
    DemoUser(
        "demo.daerah.jateng", "Sri Mulyani Hartono", "Bappeda Provinsi Jawa Tengah", Role.REGIONAL, region_code="33"
    ),
    DemoUser(
        "demo.daerah.banyumas",
        "Yuliana Pratiwi",
        "Bappedalitbang Kabupaten Banyumas",
        Role.REGIONAL,
        region_code="33.02",
    ),
    DemoUser("demo.daerah.papua", "Yohanes Wenda", "Bappeda Provinsi Papua", Role.REGIONAL, region_code="91"),
    DemoUser(
        "demo.daerah.ntt",
        "Maria Fernandez",
        "Bappelitbangda Provinsi Nusa Tenggara Timur",
        Role.REGIONAL,
        region_code="53",
    ),
    DemoUser("demo.pemantau", "Andi Prasetyo", "Pemantau nasional", Role.VIEWER),
)


def _scope(spec: DemoUser) -> dict:
    return {
        "agency": agency(spec.agency_code) if spec.agency_code else None,
        "region": region(spec.region_code) if spec.region_code else None,
    }


@demo_step(order=100, name="accounts.users")
@transaction.atomic
def create_demo_users(ctx: DemoContext) -> int:
    """Create the cast's accounts and memberships that are missing. An
    existing account is left as it is (its password may have been changed)."""
    # Look everything up first: a missing region fails before anything is written.
    scopes = {spec.username: _scope(spec) for spec in DEMO_CAST}
    created = 0
    for spec in DEMO_CAST:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User(
                username=spec.username,
                email=spec.email,
                full_name=spec.full_name,
                position=spec.position,
                is_staff=spec.superuser,
                is_superuser=spec.superuser,
            )
            user.set_password(spec.password)
            user.save()
            created += 1
        scope = scopes[spec.username]
        if not Membership.objects.filter(user=user, role=spec.role, **scope).exists():
            services.membership_grant(user=user, role=spec.role, by=None, **scope)
            created += 1
    ctx.shared["demo_users"] = {spec.username: User.objects.get(username=spec.username) for spec in DEMO_CAST}
    return created
