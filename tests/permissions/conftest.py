"""The world the permission-leak matrix runs in: the shared cast and
reference data, one named record of every other kind, and an administrator
scoped to Jawa Tengah so the region filters have something to cut."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

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
        Agency,
        AgencyKind,
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
    # The government receiving the co-administration activities in Kab. Jayapura.
    pemkab_jayapura = Agency.objects.create(
        code="pemda.91.03",
        name="Pemerintah Kabupaten Jayapura",
        short_name="Pemkab Jayapura",
        kind=AgencyKind.REGIONAL_GOVERNMENT,
        region=reference.jayapura,
    )
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
            "pemkab_jayapura": pemkab_jayapura,
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
    records.update(plans_and_sync(reference, cast, affair=sub, target=sdg4, recipient=pemkab_jayapura))
    ContentType.objects.clear_cache()
    return World(users=members, records=records)


def plans_and_sync(ref, cast, *, affair, target, recipient) -> dict[str, dict[str, object]]:
    """Programmes, plans and synchronisation records named for the matrix.

    SUPD IV (the cast's coordinator) runs the UNICEF cooperation programme;
    Kemendagri itself, above SUPD IV, runs a co-administration programme, so
    a unit's coordinator sees nothing of its parent's programmes. Plans:

    - plan_a_draft      ministry A, cooperation, draft, in Banyumas (33.02)
    - plan_a_papua      ministry A, co-administration, submitted, in Kab. Jayapura (91.03)
    - plan_b_jateng     ministry B, cooperation, submitted, in Jawa Tengah (33)
    - plan_b_draft      ministry B, co-administration, draft, in Kab. Jayapura (91.03)
    - plan_pemprov      Pemprov Jawa Tengah, cooperation, draft, in Cilacap (33.01)
    """
    from selaras.plans import services as plan_services
    from selaras.plans.models import RegionalPlan, RegionalSubActivity
    from selaras.plans.services import ActivityData, IndicatorData, LocationData
    from selaras.sync import services as sync_services
    from selaras.sync.models import (
        CheckRun,
        Finding,
        LetterStatus,
        Recommendation,
        RecommendationPoint,
        RuleSetting,
        RunScope,
        Severity,
    )

    admin = cast.admin
    prog_coop = plan_services.programme_create(
        by=cast.coordinator,
        code="RI-UNICEF",
        name="Kerja Sama RI-UNICEF 2021-2025",
        kind="cooperation",
        coordinator=ref.supd4,
        partner=ref.unicef,
        start_year=2021,
        end_year=2025,
        loci=[ref.jateng, ref.papua],
        participants=[ref.ministry_a, ref.ministry_b],
    )
    prog_tp = plan_services.programme_create(
        by=admin,
        code="TP-PUSAT",
        name="Tugas Pembantuan Pusat",
        kind="tp_pusat",
        coordinator=ref.kemendagri,
        start_year=2025,
        end_year=2029,
    )
    cycle_coop = plan_services.cycle_open(programme=prog_coop, year=2025, by=cast.coordinator)
    cycle_tp = plan_services.cycle_open(programme=prog_tp, year=2026, by=admin)

    def plan_with_activity(*, cycle, owner, by, title, region, submit=False):
        # Co-administration names the receiving government and what it is given.
        delegation = (
            {"recipient": recipient, "delegated_content": "pelaksanaan"} if cycle.programme.is_delegation else {}
        )
        plan = plan_services.plan_create(cycle=cycle, owner=owner, by=by, title=title)
        activity = plan_services.activity_create(
            plan=plan,
            by=by,
            data=ActivityData(
                title=f"Kegiatan {title}",
                funding_source="apbn",
                budget=Decimal("100000000"),
                affair=affair,
                quarters=(1, 2),
                targets=[target],
                locations=[LocationData(region=region, budget=Decimal("100000000"))],
                indicators=[IndicatorData(indicator=f"Indikator {title}", unit="orang", target=Decimal("10"))],
                **delegation,
            ),
        )
        if submit:
            plan = plan_services.plan_transition(plan=plan, action="submit", by=by)
        return plan, activity

    plans, activities = {}, {}
    for name, cycle, owner, by, region, submit in (
        ("plan_a_draft", cycle_coop, ref.ministry_a, cast.planner_a, ref.banyumas, False),
        ("plan_a_papua", cycle_tp, ref.ministry_a, cast.planner_a, ref.jayapura, True),
        ("plan_b_jateng", cycle_coop, ref.ministry_b, cast.planner_b, ref.jateng, True),
        ("plan_b_draft", cycle_tp, ref.ministry_b, cast.planner_b, ref.jayapura, False),
        ("plan_pemprov", cycle_coop, ref.pemprov_jateng, cast.officer_jateng, ref.cilacap, False),
    ):
        plans[name], activities[name] = plan_with_activity(
            cycle=cycle, owner=owner, by=by, title=name, region=region, submit=submit
        )

    def each(kind: str, of: dict) -> dict[str, object]:
        # One child per plan, named after the plan: "plan_a_draft" -> "location_a_draft".
        return {name.replace("plan_", f"{kind}_"): record for name, record in of.items()}

    submitted = ("plan_a_papua", "plan_b_jateng")

    rp_banyumas = RegionalPlan.objects.create(region=ref.banyumas, year=2025, source_name="rkpd-banyumas.xlsx")
    rp_jayapura = RegionalPlan.objects.create(region=ref.jayapura, year=2025, source_name="rkpd-jayapura.xlsx")
    sub_banyumas = RegionalSubActivity.objects.create(
        regional_plan=rp_banyumas, name="Peningkatan mutu guru", budget=Decimal("5000000"), location=ref.banyumas
    )
    sub_jayapura = RegionalSubActivity.objects.create(
        regional_plan=rp_jayapura, name="Penyediaan buku ajar", budget=Decimal("7000000"), location=ref.jayapura
    )

    run_cycle_coop = CheckRun.objects.create(scope=RunScope.CYCLE, cycle=cycle_coop, year=2025, started_by=admin)
    run_national = CheckRun.objects.create(scope=RunScope.NATIONAL, year=2025, started_by=admin)
    run_plan_b_jateng = CheckRun.objects.create(
        scope=RunScope.PLAN, plan=plans["plan_b_jateng"], year=2025, started_by=cast.coordinator
    )
    # A planner checking its own draft before submitting it.
    run_plan_a_draft = CheckRun.objects.create(
        scope=RunScope.PLAN, plan=plans["plan_a_draft"], year=2025, started_by=cast.planner_a
    )

    def finding(key, *, plan=None, cycle, run):
        return Finding.objects.create(
            key=key,
            rule="consistency.location_budget",
            category="consistency",
            severity=Severity.WARNING,
            plan=plan,
            cycle=cycle,
            activity=activities[next(n for n, p in plans.items() if p == plan)] if plan else None,
            message_id=f"Temuan {key}",
            content_hash=key,
            first_run=run,
            last_run=run,
        )

    findings = {
        "finding_a_draft": finding("f-a-draft", plan=plans["plan_a_draft"], cycle=cycle_coop, run=run_plan_a_draft),
        "finding_a_papua": finding("f-a-papua", plan=plans["plan_a_papua"], cycle=cycle_tp, run=run_national),
        "finding_b_jateng": finding("f-b-jateng", plan=plans["plan_b_jateng"], cycle=cycle_coop, run=run_plan_b_jateng),
        # Coverage findings about a whole cycle, not one plan.
        "finding_cycle_coop": finding("f-cycle-coop", cycle=cycle_coop, run=run_cycle_coop),
        "finding_cycle_tp": finding("f-cycle-tp", cycle=cycle_tp, run=run_national),
    }

    # Duplication findings, whose other side has readers of its own. The
    # pairs stand in for what the rules find: the matrix is about who reads
    # what, not about the similarity engine.
    from selaras.sync.rules import duplication_central, duplication_regional

    def duplication(key, *, plan_name, run, codes, other=None, sub=None):
        activity, plan = activities[plan_name], plans[plan_name]
        evidence = {
            "text_a": activity.title,
            "owner_a": plan.owner.name,
            "text_b": other.title if other else sub.name,
            "owner_b": other.plan.owner.name if other else sub.regional_plan.region.name,
            "score": 0.91,
            "why": f"kata inti sama: {(other.title if other else sub.name).lower()}",
            "regions": [{"code": c, "name": ""} for c in codes],
            "year": plan.cycle.year,
        }
        module = duplication_central if other else duplication_regional
        return Finding.objects.create(
            key=key,
            rule=f"duplication.{'central' if other else 'regional'}",
            category="duplication",
            severity=Severity.WARNING,
            plan=plan,
            cycle=plan.cycle,
            activity=activity,
            other_activity=other,
            regional_sub_activity=sub,
            region_codes=codes,
            score=0.91,
            message_id=module.message(evidence, "id"),
            message_en=module.message(evidence, "en"),
            evidence=evidence,
            content_hash=key,
            first_run=run,
            last_run=run,
        )

    findings |= {
        # A planner's check of its draft against ministry B's submitted activity.
        "finding_dup_a_draft": duplication(
            "f-dup-a-draft",
            plan_name="plan_a_draft",
            run=run_plan_a_draft,
            codes=["33.02"],
            other=activities["plan_b_jateng"],
        ),
        # Ministry B's plan in Jawa Tengah against ministry A's activity in Papua.
        "finding_dup_b_jateng": duplication(
            "f-dup-b-jateng",
            plan_name="plan_b_jateng",
            run=run_plan_b_jateng,
            codes=["33"],
            other=activities["plan_a_papua"],
        ),
        # Ministry B's plan against Banyumas's own sub-activity.
        "finding_dup_regional": duplication(
            "f-dup-regional", plan_name="plan_b_jateng", run=run_plan_b_jateng, codes=["33.02"], sub=sub_banyumas
        ),
    }

    note_b_jateng = sync_services.review_note_add(
        plan=plans["plan_b_jateng"], by=cast.coordinator, text="Lokasi perlu dirinci sampai kabupaten."
    )
    note_a_papua = sync_services.review_note_add(
        plan=plans["plan_a_papua"], by=admin, text="Pastikan urusan bukan kewenangan daerah."
    )

    def letter(status, number):
        return Recommendation.objects.create(
            plan=plans["plan_b_jateng"],
            addressee=ref.ministry_b,
            issuer=ref.supd4,
            number=number,
            subject="Rekomendasi hasil sinkronisasi",
            status=status,
            plan_revision=1,
            issued_by=cast.coordinator if status == LetterStatus.ISSUED else None,
        )

    letter_issued = letter(LetterStatus.ISSUED, "001/REKOM-SINK/SUPD IV/2025")
    letter_draft = letter(LetterStatus.DRAFT, "")
    point_issued = RecommendationPoint.objects.create(
        recommendation=letter_issued, position=1, finding=findings["finding_b_jateng"], text="Rinci lokasi."
    )
    point_draft = RecommendationPoint.objects.create(recommendation=letter_draft, position=1, text="Perbaiki target.")

    return {
        "plans.programme": {"prog_coop": prog_coop, "prog_tp": prog_tp},
        "plans.cycle": {"cycle_coop": cycle_coop, "cycle_tp": cycle_tp},
        "plans.plan": plans,
        "plans.activity": each("activity", activities),
        "plans.activitylocation": each("location", {n: a.locations.get() for n, a in activities.items()}),
        "plans.indicatortarget": each("indicator", {n: a.indicators.get() for n, a in activities.items()}),
        "plans.planrevision": each("revision", {n: plans[n].revisions.get() for n in submitted}),
        "plans.plantransition": each("transition", {n: plans[n].transitions.get() for n in submitted}),
        "plans.regionalplan": {"rp_banyumas": rp_banyumas, "rp_jayapura": rp_jayapura},
        "plans.regionalsubactivity": {"sub_banyumas": sub_banyumas, "sub_jayapura": sub_jayapura},
        "sync.checkrun": {
            "run_cycle_coop": run_cycle_coop,
            "run_national": run_national,
            "run_plan_b_jateng": run_plan_b_jateng,
            "run_plan_a_draft": run_plan_a_draft,
        },
        "sync.finding": findings,
        "sync.reviewnote": {"note_b_jateng": note_b_jateng, "note_a_papua": note_a_papua},
        "sync.recommendation": {"letter_issued": letter_issued, "letter_draft": letter_draft},
        "sync.recommendationpoint": {"point_issued": point_issued, "point_draft": point_draft},
        "sync.rulesetting": {
            "rule_duplication": RuleSetting.objects.create(code="duplication", params={"threshold": 0.6}),
            "rule_matching_funds": RuleSetting.objects.create(code="authority.matching_funds", enabled=False),
        },
    }
