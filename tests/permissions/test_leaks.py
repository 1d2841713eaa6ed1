"""Permission-leak matrix: for every member of the cast, every kind of record
the permission layer knows, and both actions, exactly which records
`restrict` (and the API) hand out.

The EXPECTED table is written out by hand from the rules in DESIGN.md, not
derived from `selaras/core/access.py`: loosening or dropping a scope filter
there makes a row here fail. A new kind of record adds its rows to EXPECTED
(and its records to `tests/permissions/conftest.py`); a kind registered in
access without rows fails `test_every_registered_kind_has_rows`.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import transaction
from rest_framework.test import APIClient

from selaras.accounts import services as account_services
from selaras.accounts.models import Membership, Role, User
from selaras.audit.models import AuditEntry
from selaras.core import access
from selaras.core.access import READ, WRITE, can, forget_grants, restrict

MEMBERS = (
    "admin",
    "coordinator",
    "planner_a",
    "planner_b",
    "officer_jateng",
    "officer_papua",
    "viewer",
    "admin_jateng",  # an administrator scoped to region 33 (Jawa Tengah)
    "anonymous",
)


def everyone(records: set[str]) -> dict[str, set[str]]:
    return {m: set(records) for m in MEMBERS}


def only(**seen: set[str]) -> dict[str, set[str]]:
    """Members not named see nothing."""
    assert set(seen) <= set(MEMBERS), set(seen) - set(MEMBERS)
    return {m: set(seen.get(m, set())) for m in MEMBERS}


def signed_in(records: set[str]) -> dict[str, set[str]]:
    return {m: (set() if m == "anonymous" else set(records)) for m in MEMBERS}


REGIONS = {"jateng", "cilacap", "banyumas", "banyumas_kec", "papua", "jayapura"}
BOUNDARIES = {"jateng_boundary"}
AGENCIES = {
    "kemendagri",
    "bangda",
    "supd4",
    "ministry_a",
    "ministry_a_unit",
    "ministry_b",
    "pemprov_jateng",
    "unicef",
    "pemkab_jayapura",
}
AFFAIRS = {"pendidikan", "manajemen_pendidikan"}
RULES = {"rule_pusat"}
FRAMEWORKS = {"sdg"}
TARGETS = {"sdg4"}
USERS = set(MEMBERS) - {"anonymous"} | {"staff_banyumas"}
JOBS = {"job_planner_a", "job_officer_papua"}

# Audit entries named "<model>:<record>" by the record they are about.
REFERENCE_HISTORY = (
    {f"region:{n}" for n in REGIONS}
    | {f"agency:{n}" for n in AGENCIES}
    | {f"affair:{n}" for n in AFFAIRS}
    | {f"authorityrule:{n}" for n in RULES}
    | {f"targetframework:{n}" for n in FRAMEWORKS}
    | {f"developmenttarget:{n}" for n in TARGETS}
)


def own_history(*names: str) -> set[str]:
    return {f"user:{n}" for n in names} | {f"membership:{n}" for n in names}


PROGRAMMES = {"prog_coop", "prog_tp"}
CYCLES = {"cycle_coop", "cycle_tp"}
REGIONAL_PLANS = {"rp_banyumas", "rp_jayapura"}
SUB_ACTIVITIES = {"sub_banyumas", "sub_jayapura"}
# Duplication findings: dup_a_draft (plan_a_draft against activity_b_jateng),
# dup_b_jateng (plan_b_jateng against activity_a_papua), dup_regional
# (plan_b_jateng against sub_banyumas).
DUPLICATION_B_JATENG = {"finding_dup_b_jateng", "finding_dup_regional"}
FINDINGS = {
    "finding_a_draft",
    "finding_a_papua",
    "finding_b_jateng",
    "finding_cycle_coop",
    "finding_cycle_tp",
    "finding_dup_a_draft",
} | DUPLICATION_B_JATENG
DRAFT_FINDINGS = {"finding_a_draft", "finding_dup_a_draft"}
RUNS = {"run_cycle_coop", "run_national", "run_plan_b_jateng", "run_plan_a_draft"}
NOTES = {"note_b_jateng", "note_a_papua"}
LETTERS = {"letter_issued", "letter_draft"}
POINTS = {"point_issued", "point_draft"}
RULE_SETTINGS = {"rule_duplication", "rule_matching_funds"}

# Plans by their suffix (plan_a_draft, activity_a_draft, location_a_draft ...):
# a_draft     ministry A, cooperation (SUPD IV), draft, in Banyumas 33.02
# a_papua     ministry A, co-administration (Kemendagri), submitted, in 91.03
# b_jateng    ministry B, cooperation (SUPD IV), submitted, in Jawa Tengah 33
# b_draft     ministry B, co-administration (Kemendagri), draft, in 91.03
# pemprov     Pemprov Jawa Tengah (region 33), cooperation, draft, in Cilacap 33.01
PLANS = {"a_draft", "a_papua", "b_jateng", "b_draft", "pemprov"}
SUBMITTED = {"a_papua", "b_jateng"}
PLAN_READERS = {
    "admin": PLANS,
    "coordinator": {"b_jateng"},
    "planner_a": {"a_draft", "a_papua"},
    "planner_b": {"b_jateng", "b_draft"},
    "officer_jateng": {"pemprov", "b_jateng"},
    "officer_papua": {"a_papua"},
    "viewer": SUBMITTED,
}
PLAN_WRITERS = {
    "admin": PLANS - SUBMITTED,
    "planner_a": {"a_draft"},
    "planner_b": {"b_draft"},
    "officer_jateng": {"pemprov"},
}
PLAN_PARTS = {
    "plans.plan": "plan",
    "plans.activity": "activity",
    "plans.activitylocation": "location",
    "plans.indicatortarget": "indicator",
}
PLAN_HISTORY = {"plans.planrevision": "revision", "plans.plantransition": "transition"}


def plan_part_row(label: str, by_member: dict[str, set[str]]) -> dict[str, set[str]]:
    """A row over one record per plan, e.g. `location_b_jateng` for plan_b_jateng."""
    prefix = {**PLAN_PARTS, **PLAN_HISTORY}[label]
    exists = SUBMITTED if label in PLAN_HISTORY else PLANS
    return only(**{m: {f"{prefix}_{p}" for p in plans & exists} for m, plans in by_member.items()})


EXPECTED: dict[tuple[str, str], dict[str, set[str]]] = {
    # Reference data: open data, read by anyone; changed by national admins only.
    ("registry.region", READ): everyone(REGIONS),
    ("registry.region", WRITE): only(admin=REGIONS),
    ("registry.regionboundary", READ): everyone(BOUNDARIES),
    ("registry.regionboundary", WRITE): only(admin=BOUNDARIES),
    ("registry.agency", READ): everyone(AGENCIES),
    ("registry.agency", WRITE): only(admin=AGENCIES),
    ("registry.affair", READ): everyone(AFFAIRS),
    ("registry.affair", WRITE): only(admin=AFFAIRS),
    ("registry.authorityrule", READ): everyone(RULES),
    ("registry.authorityrule", WRITE): only(admin=RULES),
    ("registry.targetframework", READ): everyone(FRAMEWORKS),
    ("registry.targetframework", WRITE): only(admin=FRAMEWORKS),
    ("registry.developmenttarget", READ): everyone(TARGETS),
    ("registry.developmenttarget", WRITE): only(admin=TARGETS),
    # Accounts: one's own; a regional admin also sees who holds roles in the region.
    ("accounts.user", READ): only(
        admin=USERS,
        coordinator={"coordinator"},
        planner_a={"planner_a"},
        planner_b={"planner_b"},
        officer_jateng={"officer_jateng"},
        officer_papua={"officer_papua"},
        viewer={"viewer"},
        admin_jateng={"admin_jateng", "officer_jateng", "staff_banyumas"},
    ),
    ("accounts.user", WRITE): only(
        admin=USERS,
        coordinator={"coordinator"},
        planner_a={"planner_a"},
        planner_b={"planner_b"},
        officer_jateng={"officer_jateng"},
        officer_papua={"officer_papua"},
        viewer={"viewer"},
        admin_jateng={"admin_jateng"},
    ),
    ("accounts.membership", READ): only(
        admin=USERS,
        coordinator={"coordinator"},
        planner_a={"planner_a"},
        planner_b={"planner_b"},
        officer_jateng={"officer_jateng"},
        officer_papua={"officer_papua"},
        viewer={"viewer"},
        admin_jateng={"admin_jateng", "officer_jateng", "staff_banyumas"},
    ),
    ("accounts.membership", WRITE): only(admin=USERS),
    # Audit: the history of what one may read (the audited plans and sync
    # records are added below, from their READ rows); nobody writes it
    # through the layer.
    ("audit.auditentry", READ): only(
        admin=REFERENCE_HISTORY | own_history(*USERS),
        coordinator=REFERENCE_HISTORY | own_history("coordinator"),
        planner_a=REFERENCE_HISTORY | own_history("planner_a"),
        planner_b=REFERENCE_HISTORY | own_history("planner_b"),
        officer_jateng=REFERENCE_HISTORY | own_history("officer_jateng"),
        officer_papua=REFERENCE_HISTORY | own_history("officer_papua"),
        viewer=REFERENCE_HISTORY | own_history("viewer"),
        admin_jateng=REFERENCE_HISTORY | own_history("admin_jateng", "officer_jateng", "staff_banyumas"),
    ),
    ("audit.auditentry", WRITE): only(),
    # Background jobs: the person who started one, and national admins.
    ("core.job", READ): only(admin=JOBS, planner_a={"job_planner_a"}, officer_papua={"job_officer_papua"}),
    ("core.job", WRITE): only(),
    # Programmes, cycles and regional plans are shared working records: every
    # signed-in member reads them; the programme's coordinators (national
    # admins) change a programme and its cycles, a region's officers its own
    # regional plans.
    ("plans.programme", READ): signed_in(PROGRAMMES),
    ("plans.programme", WRITE): only(admin=PROGRAMMES, coordinator={"prog_coop"}),
    ("plans.cycle", READ): signed_in(CYCLES),
    ("plans.cycle", WRITE): only(admin=CYCLES, coordinator={"cycle_coop"}),
    ("plans.regionalplan", READ): signed_in(REGIONAL_PLANS),
    ("plans.regionalplan", WRITE): only(
        admin=REGIONAL_PLANS, officer_jateng={"rp_banyumas"}, officer_papua={"rp_jayapura"}
    ),
    ("plans.regionalsubactivity", READ): signed_in(SUB_ACTIVITIES),
    ("plans.regionalsubactivity", WRITE): only(
        admin=SUB_ACTIVITIES, officer_jateng={"sub_banyumas"}, officer_papua={"sub_jayapura"}
    ),
    # Plans and their parts: the owner in any status, others once submitted
    # (coordinators of the programme, officers where an activity lands,
    # national viewers); a draft never leaves its owner. Content is written by
    # the owner while the plan is a draft (or returned).
    **{(label, READ): plan_part_row(label, PLAN_READERS) for label in PLAN_PARTS},
    **{(label, WRITE): plan_part_row(label, PLAN_WRITERS) for label in PLAN_PARTS},
    # Frozen history of the submitted plans: read with the plan, never written.
    **{(label, READ): plan_part_row(label, PLAN_READERS) for label in PLAN_HISTORY},
    **{(label, WRITE): only() for label in PLAN_HISTORY},
    # Findings follow their plan; findings about a whole cycle go to the
    # programme's coordinators (and to national admins and viewers, who read
    # everything in scope). The programme's coordinators review them, but
    # not those of a draft they cannot see.
    ("sync.finding", READ): only(
        admin=FINDINGS,
        coordinator={"finding_b_jateng", "finding_cycle_coop"} | DUPLICATION_B_JATENG,
        planner_a={"finding_a_draft", "finding_a_papua", "finding_dup_a_draft"},
        planner_b={"finding_b_jateng"} | DUPLICATION_B_JATENG,
        officer_jateng={"finding_b_jateng"} | DUPLICATION_B_JATENG,
        officer_papua={"finding_a_papua"},
        viewer={"finding_a_papua", "finding_b_jateng", "finding_cycle_coop", "finding_cycle_tp"} | DUPLICATION_B_JATENG,
    ),
    ("sync.finding", WRITE): only(
        admin=FINDINGS, coordinator={"finding_b_jateng", "finding_cycle_coop"} | DUPLICATION_B_JATENG
    ),
    # Check runs: national admins, coordinators and viewers; whoever started
    # one; the programme's coordinators; readers of the run's plan. A
    # planner's run over its own draft stays with the planner.
    ("sync.checkrun", READ): only(
        admin=RUNS,
        coordinator={"run_cycle_coop", "run_plan_b_jateng"},
        planner_a={"run_plan_a_draft"},
        planner_b={"run_plan_b_jateng"},
        officer_jateng={"run_plan_b_jateng"},
        viewer={"run_cycle_coop", "run_national", "run_plan_b_jateng"},
    ),
    ("sync.checkrun", WRITE): only(),
    # Review notes: read with the plan, written by the plan's coordinators.
    ("sync.reviewnote", READ): only(
        admin=NOTES,
        coordinator={"note_b_jateng"},
        planner_a={"note_a_papua"},
        planner_b={"note_b_jateng"},
        officer_jateng={"note_b_jateng"},
        officer_papua={"note_a_papua"},
        viewer=NOTES,
    ),
    ("sync.reviewnote", WRITE): only(admin=NOTES, coordinator={"note_b_jateng"}),
    # Letters (both about plan_b_jateng): a draft stays with the coordinators;
    # an issued letter is read by whoever reads the plan and written by nobody.
    ("sync.recommendation", READ): only(
        admin=LETTERS,
        coordinator=LETTERS,
        planner_b={"letter_issued"},
        officer_jateng={"letter_issued"},
        viewer={"letter_issued"},
    ),
    ("sync.recommendation", WRITE): only(admin={"letter_draft"}, coordinator={"letter_draft"}),
    ("sync.recommendationpoint", READ): only(
        admin=POINTS,
        coordinator=POINTS,
        planner_b={"point_issued"},
        officer_jateng={"point_issued"},
        viewer={"point_issued"},
    ),
    ("sync.recommendationpoint", WRITE): only(admin={"point_draft"}, coordinator={"point_draft"}),
    # Rule settings: read by signed-in members, switched by national admins.
    ("sync.rulesetting", READ): signed_in(RULE_SETTINGS),
    ("sync.rulesetting", WRITE): only(admin=RULE_SETTINGS),
}

# Kinds whose every change is audited (AuditedModel); transitions, revisions,
# sub-activities, findings and runs are not. Their history is visible to
# exactly the members who may read the record itself.
AUDITED_KINDS = (
    "plans.programme",
    "plans.cycle",
    "plans.plan",
    "plans.activity",
    "plans.activitylocation",
    "plans.indicatortarget",
    "plans.regionalplan",
    "sync.reviewnote",
    "sync.recommendation",
    "sync.recommendationpoint",
    "sync.rulesetting",
)
for _member in MEMBERS:
    for _label in AUDITED_KINDS:
        EXPECTED[("audit.auditentry", READ)][_member] |= {
            f"{_label.split('.')[1]}:{name}" for name in EXPECTED[(_label, READ)][_member]
        }


def visible_names(world, label: str, user, action: str) -> set[str]:
    model = apps.get_model(label)
    qs = restrict(model._default_manager.all(), user, action)
    if label == "audit.auditentry":
        return {world.audit_subject(e) for e in qs.select_related("content_type")}
    return {world.name_of(label, pk) for pk in qs.values_list("pk", flat=True)}


def test_every_registered_kind_has_rows():
    # Later apps keep their rows in their own modules of this matrix.
    from tests.permissions.test_leaks_flags_partners import EXPECTED as FLAG_ROWS
    from tests.permissions.test_leaks_meetings import EXPECTED as MEETING_ROWS
    from tests.permissions.test_leaks_notifications import EXPECTED_NOTIFICATIONS

    covered = {**EXPECTED, **FLAG_ROWS, **MEETING_ROWS, **EXPECTED_NOTIFICATIONS}
    missing = [
        (label, action)
        for label in access.registered_models()
        for action in (READ, WRITE)
        if (label, action) not in covered
    ]
    assert missing == [], "add these kinds to EXPECTED in tests/permissions/test_leaks.py"


def test_every_row_names_every_member():
    incomplete = [key for key, row in EXPECTED.items() if set(row) != set(MEMBERS)]
    assert incomplete == []


# One test per kind and action, checking every member and reporting every
# mismatch at once (building the world is the slow part).
@pytest.mark.parametrize("label,action", sorted(EXPECTED))
def test_restrict_gives_each_member_exactly_the_expected_records(world, label, action):
    if label not in access.registered_models():
        pytest.fail(f"{label} has rows in EXPECTED but no policy in access")
    mismatches, repeated = {}, {}
    model = apps.get_model(label)
    for member in MEMBERS:
        seen = visible_names(world, label, world.users[member], action)
        expected = EXPECTED[(label, action)][member]
        if seen != expected:
            mismatches[member] = {"leaked": seen - expected, "missing": expected - seen}
        # a policy joining a to-many relation must not list a record twice (pages, counts, exports)
        pks = list(restrict(model._default_manager.all(), world.users[member], action).values_list("pk", flat=True))
        if len(pks) != len(set(pks)):
            repeated[member] = len(pks) - len(set(pks))
    assert mismatches == {}
    assert repeated == {}


@pytest.mark.parametrize("label,action", sorted(k for k in EXPECTED if k[0] != "audit.auditentry"))
def test_can_agrees_with_the_matrix_record_by_record(world, label, action):
    mismatches = {}
    for member in MEMBERS:
        user = world.users[member]
        allowed = {name for name, record in world.records[label].items() if can(user, action, record)}
        if allowed != EXPECTED[(label, action)][member]:
            mismatches[member] = allowed ^ EXPECTED[(label, action)][member]
    assert mismatches == {}


# ---------------------------------------------------------------------------
# Scopes that change at runtime
# ---------------------------------------------------------------------------


def _membership_holders(user) -> set[str]:
    return set(restrict(Membership.objects.all(), user, READ).values_list("user__username", flat=True))


def test_a_region_scope_granted_at_runtime_covers_the_regions_below_it_and_no_other(world):
    officer = world.users["officer_jateng"]
    assert _membership_holders(officer) == {"daerah_jateng"}

    account_services.membership_grant(
        user=officer, role=Role.ADMIN, region=world.records["registry.region"]["jateng"], by=world.users["admin"]
    )
    forget_grants(officer)

    holders = _membership_holders(officer)
    assert "staf_banyumas" in holders  # 33.02 lies inside 33
    assert "daerah_papua" not in holders  # 91 does not
    assert "admin_jateng" in holders  # same region 33
    staff_membership = world.records["accounts.membership"]["staff_banyumas"]
    papua_membership = world.records["accounts.membership"]["officer_papua"]
    assert can(officer, READ, staff_membership)
    assert not can(officer, READ, papua_membership)
    # The history follows the record: 33.02's membership entries yes, 91's no.
    entries = restrict(AuditEntry.objects.filter(content_type__model="membership"), officer, READ)
    pks = set(entries.values_list("object_pk", flat=True))
    assert staff_membership.pk in pks
    assert papua_membership.pk not in pks


def test_an_agency_scope_covers_its_units_and_no_other_agency(world):
    planner_b = world.users["planner_b"]
    ref = world.records["registry.agency"]
    unit_staff = User.objects.create_user(username="staf_kesmas", password="x-unused-123")
    Membership.objects.create(user=unit_staff, role=Role.PLANNER, agency=ref["ministry_a_unit"])
    Membership.objects.create(user=planner_b, role=Role.ADMIN, agency=ref["ministry_a"])
    forget_grants(planner_b)

    holders = _membership_holders(planner_b)
    assert {"staf_kesmas", "perencana_a", "perencana_b"} <= holders
    assert "koordinator" not in holders  # SUPD IV belongs to Kemendagri
    assert "daerah_jateng" not in holders


def test_a_revoked_membership_stops_granting(world):
    admin_jateng = world.users["admin_jateng"]
    assert "staf_banyumas" in _membership_holders(admin_jateng)
    account_services.membership_revoke(membership=admin_jateng.memberships.get(), by=world.users["admin"])
    forget_grants(admin_jateng)
    assert _membership_holders(admin_jateng) == {"admin_jateng"}


def test_a_deactivated_user_sees_nothing_scoped(world):
    admin = world.users["admin"]
    admin.is_active = False
    admin.save()
    forget_grants(admin)
    assert not restrict(Membership.objects.all(), admin, READ).exists()
    assert not restrict(apps.get_model("registry.region").objects.all(), admin, WRITE).exists()


def test_a_scoped_administrator_cannot_write_reference_data_or_grant_roles(world):
    admin_jateng = world.users["admin_jateng"]
    jateng = world.records["registry.region"]["jateng"]
    assert not can(admin_jateng, WRITE, jateng)
    assert not access.can_create(admin_jateng, Membership)
    assert access.can_create(world.users["admin"], Membership)


def test_a_national_coordinator_sees_every_submitted_plan_and_every_letter_but_no_draft(world):
    national = User.objects.create_user(username="koordinator_nasional", password="x-unused-123")
    Membership.objects.create(user=national, role=Role.COORDINATOR)

    def names(label, action):
        return visible_names(world, label, national, action)

    assert names("plans.plan", READ) == {"plan_a_papua", "plan_b_jateng"}
    assert names("plans.plan", WRITE) == set()
    # Drafts of letters are the coordinators' own working copies.
    assert names("sync.recommendation", READ) == LETTERS
    assert names("sync.recommendationpoint", READ) == POINTS
    assert names("sync.finding", READ) == FINDINGS - DRAFT_FINDINGS
    assert names("sync.finding", WRITE) == FINDINGS - DRAFT_FINDINGS
    assert names("sync.checkrun", READ) == RUNS - {"run_plan_a_draft"}


# ---------------------------------------------------------------------------
# The same matrix over the API list endpoints
# ---------------------------------------------------------------------------

API_LISTS = {
    "registry.region": "/api/regions/",
    "registry.agency": "/api/agencies/",
    "registry.affair": "/api/affairs/",
    "registry.authorityrule": "/api/authority-rules/",
    "registry.targetframework": "/api/target-frameworks/",
    "registry.developmenttarget": "/api/development-targets/",
    "accounts.membership": "/api/memberships/",
    "audit.auditentry": "/api/audit/",
    "core.job": "/api/jobs/",
    "plans.programme": "/api/programmes/",
    "plans.cycle": "/api/cycles/",
    "plans.plan": "/api/plans/",
    "plans.activity": "/api/activities/",
    "plans.activitylocation": "/api/activity-locations/",
    "plans.planrevision": "/api/plan-revisions/",
    "plans.plantransition": "/api/plan-transitions/",
    "plans.regionalplan": "/api/regional-plans/",
    "plans.regionalsubactivity": "/api/regional-sub-activities/",
    "sync.checkrun": "/api/check-runs/",
    "sync.finding": "/api/findings/",
    "sync.reviewnote": "/api/review-notes/",
    "sync.recommendation": "/api/letters/",
}

# Public kinds answer anonymous visitors with data; scoped kinds refuse them.
PUBLIC_KINDS = {label for label in API_LISTS if label.startswith("registry.")}


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def fetch_all(client, url) -> list[dict]:
    rows, next_url = [], f"{url}?limit=7"
    while next_url:
        response = client.get(next_url)
        assert response.status_code == 200, response.content
        rows += response.json()["results"]
        next_url = response.json()["next"]
    return rows


def _api_list_mismatch(world, label: str, member: str):
    user = world.users[member]
    client = client_for(user)
    expected = EXPECTED[(label, READ)][member]
    if user is None and label not in PUBLIC_KINDS:
        status = client.get(API_LISTS[label]).status_code
        return None if status in (401, 403) and expected == set() else f"status {status}"
    rows = fetch_all(client, API_LISTS[label])
    if len(rows) != len({row["id"] for row in rows}):
        return "a record was listed twice"
    if label == "audit.auditentry":
        by_pk = {e.pk: e for e in AuditEntry.objects.select_related("content_type")}
        seen = {world.audit_subject(by_pk[row["id"]]) for row in rows}
    else:
        seen = {world.name_of(label, row["id"]) for row in rows}
    return None if seen == expected else {"leaked": seen - expected, "missing": expected - seen}


@pytest.mark.parametrize("label", sorted(API_LISTS))
def test_api_lists_give_each_member_exactly_the_expected_records(world, label):
    mismatches = {m: problem for m in MEMBERS if (problem := _api_list_mismatch(world, label, m)) is not None}
    assert mismatches == {}


def _write_refusal_problem(world, label: str, member: str):
    user = world.users[member]
    model = apps.get_model(label)
    before = model._default_manager.count()
    status = client_for(user).post(API_LISTS[label], {}, format="json").status_code
    if user is None:
        allowed = {401, 403}
    elif member == "admin":
        # Administrators may write: reference data is read-only over the API
        # (405), memberships need a valid body (400), audit never (405).
        allowed = {400, 405}
    else:
        allowed = {403}
    if status not in allowed:
        return f"status {status}"
    if model._default_manager.count() != before:
        return "a record was created"
    return None


# Kinds the plans API creates through its services: a body of `{}` is
# refused as invalid before permission is judged, so these are tried with
# valid bodies below instead.
SERVICE_CREATED = {"plans.programme", "plans.cycle", "plans.plan", "plans.activity"}


# Sync endpoints write through their services too (starting a run, a
# review note); findings and letters are not created over the list endpoint.
SERVICE_WRITTEN = SERVICE_CREATED | {label for label in API_LISTS if label.startswith("sync.")}


@pytest.mark.parametrize("label", sorted(SERVICE_WRITTEN))
def test_api_empty_posts_to_service_endpoints_create_nothing(world, label):
    problems = {}
    for member in MEMBERS:
        status, created = _attempt_post(world, API_LISTS[label], {}, label, member)
        allowed = {401, 403} if member == "anonymous" else {400, 403, 405}
        if status not in allowed or created:
            problems[member] = (status, created)
    assert problems == {}


@pytest.mark.parametrize("label", sorted(set(API_LISTS) - SERVICE_WRITTEN))
def test_api_refuses_writes_outside_write_scope(world, label):
    problems = {m: p for m in MEMBERS if (p := _write_refusal_problem(world, label, m)) is not None}
    assert problems == {}


def test_api_member_cannot_revoke_even_their_own_membership(world):
    for member in ("coordinator", "planner_a", "officer_jateng", "viewer", "admin_jateng"):
        own = world.records["accounts.membership"][member]
        response = client_for(world.users[member]).delete(f"/api/memberships/{own.pk}/")
        assert response.status_code == 403, member
        own.refresh_from_db()
        assert own.is_active, member


def test_api_hides_other_peoples_memberships_as_not_found(world):
    papua = world.records["accounts.membership"]["officer_papua"]
    response = client_for(world.users["planner_a"]).delete(f"/api/memberships/{papua.pk}/")
    assert response.status_code == 404
    response = client_for(world.users["planner_a"]).get(f"/api/memberships/{papua.pk}/")
    assert response.status_code == 404


# Valid bodies for the kinds the plans API creates, and who may create them
# by the rules: programmes by coordinators of the coordinating unit (SUPD IV),
# cycles by the programme's coordinators, plans by the owner's planners
# (Kesmas is a unit of ministry A), activities by the plan's owner while it
# is a draft (Pemprov Jawa Tengah's plan: its regional officers).
def _create_cases(world) -> dict[str, tuple[str, dict, set[str], set[str]]]:
    """label -> (url, body, creators, members who can read the parent)."""
    plans = world.records["plans.plan"]
    readers = EXPECTED[("plans.plan", READ)]
    return {
        "plans.programme": (
            "/api/programmes/",
            {
                "code": "RI-UNICEF-2",
                "name": "Program Baru",
                "kind": "cooperation",
                "coordinator": "010.bangda.supd4",
                "start_year": 2026,
                "end_year": 2030,
            },
            {"admin", "coordinator"},
            set(MEMBERS) - {"anonymous"},
        ),
        "plans.cycle": (
            "/api/cycles/",
            {"programme": "RI-UNICEF", "year": 2024},
            {"admin", "coordinator"},
            set(MEMBERS) - {"anonymous"},
        ),
        "plans.plan": (
            "/api/plans/",
            {"cycle": world.records["plans.cycle"]["cycle_coop"].pk, "owner": "024.kesmas", "title": "RKT Kesmas"},
            {"admin", "planner_a"},
            set(MEMBERS) - {"anonymous"},
        ),
        "plans.activity": (
            "/api/activities/",
            {"plan": plans["plan_pemprov"].pk, "title": "Pelatihan kader posyandu", "funding_source": "apbd"},
            {"admin", "officer_jateng"},
            {m for m in MEMBERS if "plan_pemprov" in readers[m]},
        ),
    }


def _attempt_create(world, label: str, member: str) -> tuple[int, int]:
    url, body, _, _ = _create_cases(world)[label]
    return _attempt_post(world, url, body, label, member)


def _attempt_post(world, url: str, body: dict, label: str, member: str) -> tuple[int, int]:
    """(status, records created) of one member's attempt, rolled back so
    every member tries against the same world."""
    model = apps.get_model(label)
    with transaction.atomic():
        before = model._default_manager.count()
        status = client_for(world.users[member]).post(url, body, format="json").status_code
        created = model._default_manager.count() - before
        transaction.set_rollback(True)
    return status, created


@pytest.mark.parametrize("label", sorted(SERVICE_CREATED))
def test_api_creates_plans_records_only_for_those_the_rules_allow(world, label):
    _, _, creators, parent_readers = _create_cases(world)[label]
    problems = {}
    for member in MEMBERS:
        status, created = _attempt_create(world, label, member)
        if member in creators:
            expected = {201}
        elif member == "anonymous":
            expected = {401, 403}
        elif member in parent_readers:
            expected = {403}
        else:
            # The plan is hidden from them: it "does not exist", as for a wrong id.
            expected = {400}
        if status not in expected or created != (1 if member in creators else 0):
            problems[member] = (status, created)
    assert problems == {}


def test_api_refuses_content_changes_to_a_submitted_plan_even_for_its_owner_and_admins(world):
    plan = world.records["plans.plan"]["plan_b_jateng"]
    body = {"plan": plan.pk, "title": "Kegiatan tambahan", "funding_source": "apbn"}
    for member in ("admin", "planner_b"):
        with transaction.atomic():
            before = plan.activities.count()
            response = client_for(world.users[member]).post("/api/activities/", body, format="json")
            assert (response.status_code, plan.activities.count()) == (409, before), member
            transaction.set_rollback(True)


# ---------------------------------------------------------------------------
# What a finding shows of its other side
# ---------------------------------------------------------------------------
# A finding is read with its plan; its other side (another agency's activity,
# a region's sub-activity) only by whoever may read that record. The others
# get a description without its title, owner or places. Written out by hand:
# for each duplication finding, the members who see its other side (of those
# who read the finding at all).
OTHER_SIDE = {
    "finding_dup_a_draft": ("plans.activity", "activity_b_jateng"),
    "finding_dup_b_jateng": ("plans.activity", "activity_a_papua"),
    "finding_dup_regional": ("plans.regionalsubactivity", "sub_banyumas"),
}
OTHER_SIDE_SEEN = {
    # Planner A's check of its draft must not open ministry B's activity.
    "finding_dup_a_draft": {"admin"},
    # Ministry A's activity in Papua: not for SUPD IV, ministry B or Jawa Tengah.
    "finding_dup_b_jateng": {"admin", "viewer"},
    # Regional plans are shared working records of every signed-in member.
    "finding_dup_regional": {"admin", "coordinator", "planner_b", "officer_jateng", "viewer"},
}


def _markers(world, finding_name: str) -> list[str]:
    """Texts only the other side's readers may see: its title, its owner
    (or region) and, for Papua's activity, its place."""
    label, name = OTHER_SIDE[finding_name]
    record = world.records[label][name]
    if label == "plans.activity":
        markers = [record.title, record.plan.owner.name]
        markers += [loc.region.name for loc in record.locations.all() if loc.region.code.startswith("91")]
        return markers
    return [record.name]


def _evidence_rows(world):
    for finding_name in OTHER_SIDE:
        for member in MEMBERS:
            if finding_name in EXPECTED[("sync.finding", READ)][member]:
                yield finding_name, member, member in OTHER_SIDE_SEEN[finding_name]


def test_the_other_side_rows_name_only_readers_of_the_finding():
    for finding_name, seen_by in OTHER_SIDE_SEEN.items():
        label, name = OTHER_SIDE[finding_name]
        # The hand-written row agrees with who reads the record itself.
        readers = {m for m in MEMBERS if name in EXPECTED[(label, READ)][m]}
        assert seen_by == readers & {m for m in MEMBERS if finding_name in EXPECTED[("sync.finding", READ)][m]}


def test_the_selector_shows_the_other_side_only_to_its_readers(world):
    from selaras.sync.selectors import finding_evidence_for

    problems = {}
    for finding_name, member, sees in _evidence_rows(world):
        finding = world.records["sync.finding"][finding_name]
        shown = finding_evidence_for(world.users[member], finding)
        record = shown.other_activity or shown.regional_sub_activity
        text = " ".join([shown.message_id, shown.message_en, repr(shown.evidence), shown.hidden_other])
        leaked = [m for m in _markers(world, finding_name) if m in text]
        if sees != (record is not None) or (not sees and (leaked or not shown.hidden_other)):
            problems[(finding_name, member)] = {"record": record, "leaked": leaked}
    assert problems == {}


def test_review_pages_show_the_other_side_only_to_its_readers(world, client):
    from django.urls import reverse

    problems = {}
    for finding_name, member, sees in _evidence_rows(world):
        finding = world.records["sync.finding"][finding_name]
        client.force_login(world.users[member])
        markers = _markers(world, finding_name)
        # The review page's detail pane and the finding's page show the
        # record; a run's page only the message (title and owner).
        pages = {
            reverse("sync:plan_review", args=[finding.plan_id]) + f"?temuan={finding.pk}": markers,
            reverse("sync:finding_detail", args=[finding.pk]): markers,
        }
        if can(world.users[member], READ, finding.last_run):
            pages[reverse("sync:run_detail", args=[finding.last_run_id])] = markers[:2]
        for url, expected in pages.items():
            response = client.get(url)
            html = response.content.decode()
            shown = [m for m in markers if m in html]
            if response.status_code != 200 or (sees and shown != expected) or (not sees and shown):
                problems[(finding_name, member, url)] = (response.status_code, shown)
    assert problems == {}


def test_the_api_shows_the_other_side_only_to_its_readers(world):
    import json

    problems = {}
    for finding_name, member, sees in _evidence_rows(world):
        finding = world.records["sync.finding"][finding_name]
        client = client_for(world.users[member])
        detail = client.get(f"/api/findings/{finding.pk}/")
        listed = [r for r in fetch_all(client, "/api/findings/") if r["id"] == finding.pk]
        for row in (detail.json(), *listed):
            text = json.dumps(row, ensure_ascii=False)
            leaked = [m for m in _markers(world, finding_name) if m in text]
            record_id = row["other_activity"] or row["regional_sub_activity"]
            if sees != (record_id is not None) or (not sees and (leaked or not row["other_hidden"])):
                problems[(finding_name, member)] = {"record": record_id, "leaked": leaked}
    assert problems == {}


def test_a_composed_letter_names_no_other_side(world, settings, tmp_path):
    """The letter goes to ministry B, which may not read ministry A's
    activity: its automatic text names neither, in the draft or the Word file."""
    import io
    import zipfile

    from selaras.sync.letters import services as letters
    from selaras.sync.letters.docx import render_docx
    from selaras.sync.services import finding_accept

    settings.MEDIA_ROOT = tmp_path
    coordinator = world.users["coordinator"]
    world.records["sync.recommendation"]["letter_draft"].delete()
    for name in ("finding_dup_b_jateng", "finding_dup_regional"):
        finding_accept(finding=world.records["sync.finding"][name], by=coordinator)
    letter = letters.letter_compose(plan=world.records["plans.plan"]["plan_b_jateng"], by=coordinator)
    points = " ".join(letter.points.values_list("text", flat=True))
    with zipfile.ZipFile(io.BytesIO(render_docx(letter))) as docx:
        document = docx.read("word/document.xml").decode()
    for finding_name in ("finding_dup_b_jateng", "finding_dup_regional"):
        for marker in _markers(world, finding_name):
            assert marker not in points and marker not in document, (finding_name, marker)
    assert "tumpang tindih dengan kegiatan instansi lain" in points
    assert "tumpang tindih dengan sub kegiatan pemerintah daerah" in points
