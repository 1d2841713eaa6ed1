"""The world the permission-leak matrix runs in: the shared cast and
reference data, one named record of every other kind, and an administrator
scoped to Jawa Tengah so the region filters have something to cut."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType

from tests.conftest import PASSWORD


@dataclass
class World:
    users: dict[str, object]  # matrix member -> user (None for anonymous)
    records: dict[str, dict[str, object]]  # model label -> name -> record

    def name_of(self, label: str, pk) -> str:
        for name, record in self.records.get(label, {}).items():
            if record.pk == pk:
                return name
        return f"<unnamed {label} #{pk}>"

    def audit_subject(self, entry) -> str:
        """An audit entry named by the record it is about, e.g. `user:viewer`."""
        label = f"{entry.content_type.app_label}.{entry.content_type.model}"
        return f"{label.split('.')[1]}:{self.name_of(label, entry.object_pk)}"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The world holds ten accounts; real hashing would dominate every test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(fast_password_hashing, reference, cast) -> World:
    from selaras.accounts.models import Membership, Role, User
    from selaras.core.models import Job
    from selaras.registry.models import (
        Affair,
        AffairLevel,
        AuthorityRule,
        DevelopmentTarget,
        FrameworkKind,
        GovernmentLevel,
        RegionBoundary,
        TargetFramework,
    )

    def person(username, role, **scope):
        u = User.objects.create_user(username=username, email=f"{username}@selaras.test", password=PASSWORD)
        Membership.objects.create(user=u, role=role, **scope)
        return u

    admin_jateng = person("admin_jateng", Role.ADMIN, region=reference.jateng)
    staff_banyumas = person("staf_banyumas", Role.REGIONAL, region=reference.banyumas)

    members = dict(cast.members())
    members["admin_jateng"] = admin_jateng
    users = {name: u for name, u in members.items() if u is not None}
    users["staff_banyumas"] = staff_banyumas

    field = Affair.objects.create(code="1.01", name="Pendidikan", level=AffairLevel.FIELD)
    sub = Affair.objects.create(code="1.01.01", name="Manajemen Pendidikan", level=AffairLevel.SUB, parent=field)
    rule = AuthorityRule.objects.create(
        affair=sub, level=GovernmentLevel.CENTRE, text="Penetapan standar nasional pendidikan."
    )
    sdg = TargetFramework.objects.create(code="SDG", name="SDGs", kind=FrameworkKind.SDG)
    sdg4 = DevelopmentTarget.objects.create(framework=sdg, code="4", name="Pendidikan Berkualitas")
    sdg4.affairs.add(field)
    boundary = RegionBoundary.objects.create(region=reference.jateng, geometry={"type": "Polygon", "coordinates": []})
    job_a = Job.objects.create(kind="test", label="Impor A", started_by=cast.planner_a)
    job_papua = Job.objects.create(kind="test", label="Impor Papua", started_by=cast.officer_papua)

    ref = reference
    records = {
        "registry.region": {
            "jateng": ref.jateng,
            "cilacap": ref.cilacap,
            "banyumas": ref.banyumas,
            "banyumas_kec": ref.banyumas_kec,
            "papua": ref.papua,
            "jayapura": ref.jayapura,
        },
        "registry.regionboundary": {"jateng_boundary": boundary},
        "registry.agency": {
            "kemendagri": ref.kemendagri,
            "bangda": ref.bangda,
            "supd4": ref.supd4,
            "ministry_a": ref.ministry_a,
            "ministry_a_unit": ref.ministry_a_unit,
            "ministry_b": ref.ministry_b,
            "pemprov_jateng": ref.pemprov_jateng,
            "unicef": ref.unicef,
        },
        "registry.affair": {"pendidikan": field, "manajemen_pendidikan": sub},
        "registry.authorityrule": {"rule_pusat": rule},
        "registry.targetframework": {"sdg": sdg},
        "registry.developmenttarget": {"sdg4": sdg4},
        "accounts.user": users,
        # Every user of the world holds exactly one membership: name it by its holder.
        "accounts.membership": {name: u.memberships.get() for name, u in users.items()},
        "core.job": {"job_planner_a": job_a, "job_officer_papua": job_papua},
    }
    ContentType.objects.clear_cache()
    return World(users=members, records=records)
