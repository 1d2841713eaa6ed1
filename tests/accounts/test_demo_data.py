from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from selaras.accounts.demo import DEMO_CAST, demo_password
from selaras.accounts.models import Membership, Role, User
from selaras.audit.models import AuditEntry
from selaras.registry.models import Agency, AgencyKind, Region, RegionLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_reference(reference):
    """What `load-reference` would add beyond the shared test slice."""
    kemendikdasmen = Agency.objects.create(
        code="138",
        name="Kementerian Pendidikan Dasar dan Menengah",
        short_name="Kemendikdasmen",
        kind=AgencyKind.MINISTRY,
        budget_code="138",
    )
    Agency.objects.create(
        code="047",
        name="Kementerian Pemberdayaan Perempuan dan Perlindungan Anak",
        short_name="KemenPPPA",
        kind=AgencyKind.MINISTRY,
        budget_code="047",
    )
    Agency.objects.create(
        code="055", name="Bappenas", short_name="Bappenas", kind=AgencyKind.MINISTRY, budget_code="055"
    )
    adwil = Agency.objects.create(
        code="010.adwil", name="Ditjen Bina Administrasi Kewilayahan", kind=AgencyKind.UNIT, parent=reference.kemendagri
    )
    Agency.objects.create(
        code="010.adwil.dtpks",
        name="Direktorat Dekonsentrasi, Tugas Pembantuan dan Kerja Sama",
        kind=AgencyKind.UNIT,
        parent=adwil,
    )
    Region.objects.create(code="53", name="Nusa Tenggara Timur", level=RegionLevel.PROVINCE)
    return kemendikdasmen


def test_it_creates_a_user_for_every_role(demo_reference, capsys):
    call_command("demo_data", only=["accounts.users"])
    roles = set(Membership.objects.filter(user__username__startswith="demo.").values_list("role", flat=True))
    assert roles == set(Role.values)
    assert User.objects.filter(username__startswith="demo.").count() == len(DEMO_CAST)

    admin = User.objects.get(username="demo.admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(demo_password(Role.ADMIN))
    assert admin.memberships.get().scope_kind == "national"

    banyumas = User.objects.get(username="demo.daerah.banyumas").memberships.get()
    assert banyumas.role == Role.REGIONAL and banyumas.region.code == "33.02"
    kemenkes = User.objects.get(username="demo.perencana.kemenkes").memberships.get()
    assert kemenkes.agency.code == "024"
    assert User.objects.get(username="demo.koordinator.supd4").memberships.get().agency.code == "010.bangda.supd4"


def test_a_second_run_changes_nothing(demo_reference):
    call_command("demo_data", only=["accounts.users"])
    changed = User.objects.get(username="demo.perencana.kemenkes")
    changed.set_password("diganti-sendiri-123")
    changed.save()
    users = {u.username: (u.password, u.email, u.full_name) for u in User.objects.all()}
    memberships = sorted(
        Membership.objects.values_list("user__username", "role", "agency_id", "region_id", "is_active", "version")
    )
    audit_count = AuditEntry.objects.count()

    call_command("demo_data", only=["accounts.users"])

    assert {u.username: (u.password, u.email, u.full_name) for u in User.objects.all()} == users
    assert (
        sorted(
            Membership.objects.values_list("user__username", "role", "agency_id", "region_id", "is_active", "version")
        )
        == memberships
    )
    assert AuditEntry.objects.count() == audit_count


def test_it_fails_clearly_when_reference_data_is_missing(reference):
    with pytest.raises(CommandError, match="load-reference"):
        call_command("demo_data", only=["accounts.users"])
    assert not User.objects.filter(username__startswith="demo.").exists()


def test_demo_logins_prints_the_cast_with_passwords(demo_reference, capsys):
    call_command("demo_data", only=["accounts.users"])
    capsys.readouterr()
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert "demo.daerah.papua" in out
    assert demo_password(Role.REGIONAL) in out
    assert "91 Papua" in out
    # Only demo accounts are listed.
    User.objects.create_user(username="orang.sungguhan", password="x")
    call_command("demo_logins")
    assert "orang.sungguhan" not in capsys.readouterr().out


def test_demo_steps_run_in_their_order(monkeypatch):
    from selaras.core import demo

    monkeypatch.setattr(demo, "_STEPS", {})
    ran = []
    demo.demo_step(order=20, name="kedua")(lambda ctx: ran.append("kedua"))
    demo.demo_step(order=10, name="pertama")(lambda ctx: ran.append("pertama"))
    monkeypatch.setattr(demo, "autodiscover_modules", lambda name: None)
    call_command("demo_data")
    assert ran == ["pertama", "kedua"]
