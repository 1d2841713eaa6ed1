"""Leak-matrix rows for regional flags and development partners' access, in
the world of tests/permissions/conftest.py (see test_leaks.py for the rest).

Flags: officer_jateng flags ministry B's activity in Jawa Tengah (RI–UNICEF,
coordinated by SUPD IV) and ministry B answers; officer_papua flags ministry
A's activity in Kab. Jayapura (co-administration, coordinated by
Kemendagri). A flag is read by its region's officers, the owning agency's
planners and the plan's coordinators, never by another region or ministry.

Partners: a UNICEF planner reads the submitted RI–UNICEF plans (b_jateng),
never a draft of that programme (a_draft, pemprov) nor another programme's
plan (a_papua).
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from selaras.accounts.models import Membership, Role, User
from selaras.core.access import READ, WRITE, can, restrict
from selaras.flags.models import Flag, FlagMessage
from selaras.flags.policies import COORDINATE, RESPOND
from selaras.plans.models import Activity, Plan
from tests.conftest import PASSWORD
from tests.permissions.test_leaks import MEMBERS

pytestmark = pytest.mark.django_db

B, PAPUA = "flag_b_jateng", "flag_a_papua"
BOTH = {B, PAPUA}


def row(**seen: set[str]) -> dict[str, set[str]]:
    return {m: set(seen.get(m, set())) for m in MEMBERS}


# Members not named see nothing: the viewer, the Jawa Tengah administrator
# (who administers accounts, not plans) and the anonymous visitor.
EXPECTED: dict[tuple[str, str], dict[str, set[str]]] = {
    ("flags.flag", READ): row(
        admin=BOTH,
        coordinator={B},
        planner_a={PAPUA},
        planner_b={B},
        officer_jateng={B},
        officer_papua={PAPUA},
    ),
    ("flags.flag", WRITE): row(admin=BOTH, officer_jateng={B}, officer_papua={PAPUA}),
    ("flags.flag", RESPOND): row(admin=BOTH, coordinator={B}, planner_a={PAPUA}, planner_b={B}),
    ("flags.flag", COORDINATE): row(admin=BOTH, coordinator={B}),
    ("flags.flagmessage", READ): row(
        admin={"answer_b_jateng"},
        coordinator={"answer_b_jateng"},
        planner_b={"answer_b_jateng"},
        officer_jateng={"answer_b_jateng"},
    ),
    ("flags.flagmessage", WRITE): row(),
}


@pytest.fixture
def flags(world) -> dict[str, dict[str, object]]:
    from selaras.flags import services

    users = world.users
    activities = world.records["plans.activity"]
    flag_b = services.flag_raise(
        activity=activities["activity_b_jateng"], by=users["officer_jateng"], reason="funded", comment="APBD 2025."
    )
    flag_papua = services.flag_raise(
        activity=activities["activity_a_papua"], by=users["officer_papua"], reason="not_needed", comment="Tidak perlu."
    )
    answer = services.flag_answer(flag=flag_b, by=users["planner_b"], text="Kami tinjau.")
    return {"flags.flag": {B: flag_b, PAPUA: flag_papua}, "flags.flagmessage": {"answer_b_jateng": answer}}


def _names(records: dict[str, object], pks) -> set[str]:
    return {name for name, r in records.items() if r.pk in set(pks)}


@pytest.mark.parametrize("label,action", sorted(EXPECTED))
def test_restrict_and_can_give_each_member_exactly_the_expected_flags(world, flags, label, action):
    model = Flag if label == "flags.flag" else FlagMessage
    records = flags[label]
    wrong = {}
    for member in MEMBERS:
        user = world.users.get(member)
        seen = _names(records, restrict(model.objects.all(), user, action).values_list("pk", flat=True))
        one_by_one = {name for name, r in records.items() if can(user, action, r)}
        if seen != EXPECTED[(label, action)][member] or one_by_one != seen:
            wrong[member] = (seen, one_by_one)
    assert wrong == {}


def test_a_flags_history_is_read_by_its_readers_only(world, flags):
    from selaras.audit.models import AuditEntry

    flag = flags["flags.flag"][B]
    entries = AuditEntry.objects.filter(content_type__model="flag", object_pk=flag.pk)
    assert restrict(entries, world.users["planner_b"]).exists()
    assert not restrict(entries, world.users["planner_a"]).exists()
    assert not restrict(entries, world.users["officer_papua"]).exists()


def test_the_flags_api_gives_each_member_the_flags_they_read(world, flags):
    for member in MEMBERS:
        client = APIClient()
        if world.users.get(member) is not None:
            client.force_authenticate(world.users[member])
        response = client.get("/api/flags/")
        seen = (
            set()
            if response.status_code in (401, 403)
            else _names(flags["flags.flag"], [f["id"] for f in response.json()["results"]])
        )
        assert seen == EXPECTED[("flags.flag", READ)][member], member


# --- development partners ---------------------------------------------------
PARTNER_PLANS = {"plan_b_jateng"}


@pytest.fixture
def partner(world, reference):
    user = User.objects.create_user(username="mitra_unicef", email="mitra@selaras.test", password=PASSWORD)
    Membership.objects.create(user=user, role=Role.PLANNER, agency=reference.unicef)
    return user


def test_the_partner_reads_the_submitted_plans_of_its_programmes_only(world, partner):
    plans = world.records["plans.plan"]
    assert _names(plans, restrict(Plan.objects.all(), partner, READ).values_list("pk", flat=True)) == PARTNER_PLANS
    assert {n for n, p in plans.items() if can(partner, READ, p)} == PARTNER_PLANS


def test_the_partner_reads_the_activities_of_those_plans_only(world, partner):
    activities = world.records["plans.activity"]
    seen = _names(activities, restrict(Activity.objects.all(), partner, READ).values_list("pk", flat=True))
    assert seen == {"activity_b_jateng"}


def test_the_partner_writes_no_plan(world, partner):
    assert not restrict(Plan.objects.all(), partner, WRITE).exists()


def test_the_partner_never_reads_a_draft_of_its_programme(world, partner):
    draft = world.records["plans.plan"]["plan_a_draft"]
    assert draft.cycle.programme.partner.code == "mitra.unicef" and draft.status == "draft"
    assert not can(partner, READ, draft)


def test_the_plans_api_gives_the_partner_its_programmes_submitted_plans(world, partner):
    client = APIClient()
    client.force_authenticate(partner)
    ids = [p["id"] for p in client.get("/api/plans/").json()["results"]]
    assert _names(world.records["plans.plan"], ids) == PARTNER_PLANS
