"""The synchronisation demo: the coordinators check the 2024 cycles, SUPD IV
reviews KemenPPPA's annual work plan of the RI–UNICEF programme, issues a
recommendation letter, KemenPPPA answers it point by point and revises its
plan, and the re-check marks the fixed findings resolved.

Everything is done through the sync, letter and plan services as the demo
users (coordinators of SUPD IV and of Ditjen Bina Adwil's DTPKS, KemenPPPA's
planner), so permissions, audit trail and plan revisions are real. The
records the checks find are planted by `plans.check_examples`.

Idempotent: rule settings and first check runs are made only when missing,
and the review story only while KemenPPPA's plan has no letter yet.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from selaras.core import access
from selaras.core.demo import DemoContext, DemoDataMissing, demo_step
from selaras.flags.models import Flag, FlagReason
from selaras.flags.policies import COORDINATE as COORDINATE_FLAG
from selaras.plans import services as plan_services
from selaras.plans.demo import CPAP_2016_CODE, DEKON_CODE, DEKON_GWPP_CODE, TP_CODE, TP_PROV_CODE, UNICEF_CODE
from selaras.plans.models import Activity, Cycle, Plan, PlanStatus
from selaras.registry.demo import region
from selaras.registry.models import DevelopmentTarget
from selaras.sync import services
from selaras.sync.letters import services as letters
from selaras.sync.models import CheckRun, Finding, FindingStatus, Recommendation, RuleSetting, RunScope
from selaras.sync.rules.base import all_rules

SUPD4 = "demo.koordinator.supd4"
DTPKS = "demo.koordinator.dtpks"
KEMENPPPA = "demo.perencana.kemenpppa"

# (programme, year, the coordinator who runs its checks)
CYCLES = (
    (UNICEF_CODE, 2024, SUPD4),
    (DEKON_CODE, 2024, DTPKS),
    (TP_CODE, 2024, DTPKS),
    (TP_PROV_CODE, 2024, DTPKS),
    (DEKON_GWPP_CODE, 2024, DTPKS),
    (CPAP_2016_CODE, 2021, SUPD4),
)

SETTING_NOTE = (
    "Diaktifkan oleh data demo untuk ilustrasi: aturan ini bertumpu pada ketentuan yang belum terverifikasi "
    "dari sumbernya. Tinjau kembali sebelum dipakai sebagai dasar penelaahan."
)

# KemenPPPA's activities the review is about (titles from plans.demo).
KLA = "Penguatan gugus tugas Kabupaten/Kota Layak Anak (KLA)"
UPTD = "Peningkatan kapasitas UPTD PPA dalam penanganan kasus kekerasan terhadap anak"
PUSPAGA = "Penguatan layanan Pusat Pembelajaran Keluarga (PUSPAGA) dalam pengasuhan berbasis hak anak"
SIMFONI = "Pengembangan sistem data kekerasan terhadap anak (SIMFONI-PPA) di kabupaten/kota lokus"

# What SUPD IV accepts, with the note that goes into the letter's point.
ACCEPT = (
    (
        "alignment.no_target",
        PUSPAGA,
        "Mohon kegiatan dikaitkan dengan PN 3 RPJMN 2020–2024 (sumber daya manusia berkualitas dan berdaya saing) "
        "dan target SDGs yang sesuai.",
    ),
    (
        "consistency.location_outside_loci",
        PUSPAGA,
        "Kota Bandung bukan wilayah lokus program; mohon lokasi dialihkan ke kabupaten/kota lokus.",
    ),
    (
        "consistency.indicator_incomplete",
        SIMFONI,
        "Mohon satuan indikator dilengkapi agar capaian triwulanan dapat dilaporkan.",
    ),
    ("consistency.no_schedule", SIMFONI, "Mohon jadwal pelaksanaan per triwulan dicantumkan."),
    (
        "alignment.target_affair_mismatch",
        UPTD,
        "Mohon kegiatan dikaitkan dengan PN 3 RPJMN 2020–2024 dan SDGs 5 (penghapusan kekerasan terhadap "
        "perempuan dan anak perempuan).",
    ),
)
DISMISS = (
    "alignment.target_affair_mismatch",
    KLA,
    "Tidak diterima: target SDGs 16.2 (mengakhiri kekerasan dan eksploitasi terhadap anak) relevan dengan "
    "Kabupaten/Kota Layak Anak; pemetaan SDGs 16 dalam data referensi hanya mencakup urusan administrasi "
    "kependudukan (target 16.9, identitas hukum).",
)
REVIEW_NOTE = (
    "Kegiatan pencegahan perkawinan anak di Kabupaten Lombok Tengah agar dikoordinasikan dengan Pemerintah "
    "Kabupaten Lombok Tengah, yang dalam RKPD 2024 juga menganggarkan sosialisasi pencegahan perkawinan anak "
    "bersama tokoh agama, agar tidak tumpang tindih dan saling melengkapi."
)
# What the delegation coordinator (DTPKS) accepts in the other cycles.
ACCEPT_DELEGATION = (
    (
        "authority.dekon_content",
        "Pengadaan alat antropometri untuk Posyandu",
        "Pengadaan alat bukan pembinaan atau pengawasan; alihkan ke belanja pusat atau DAK.",
    ),
    (
        "authority.matching_funds",
        "Pembangunan instalasi pengolahan air limbah domestik komunal",
        "Hapus syarat dana pendamping dari pemerintah daerah.",
    ),
    (
        "authority.tp_province_single_district",
        "Pembangunan Puskesmas dan rumah dinas tenaga kesehatan di daerah terpencil",
        "Tugaskan kepada Pemerintah Kabupaten Timor Tengah Selatan.",
    ),
)

LETTER = {
    "date": dt.date(2024, 4, 22),
    "place": "Jakarta",
    # A made-up official: the demo names no real person.
    "signatory_name": "Dr. Bambang Hermawan, S.STP., M.Si.",
    "signatory_title": "Direktur Sinkronisasi Urusan Pemerintahan Daerah IV",
    "signatory_nip": "197406121996031002",
    "copies_to": "\n".join(
        (
            "Menteri Dalam Negeri (sebagai laporan)",
            "Direktur Jenderal Bina Pembangunan Daerah",
            "Deputi Bidang Pembangunan Manusia, Masyarakat, dan Kebudayaan, Kementerian PPN/Bappenas",
            "Sekretaris Kementerian Pemberdayaan Perempuan dan Perlindungan Anak",
            "UNICEF Indonesia",
        )
    ),
}
# KemenPPPA's answer per point, by the rule of its finding (None: the note).
RESPONSES = {
    "alignment.no_target": "Kegiatan PUSPAGA telah dikaitkan dengan PN 3 RPJMN 2020–2024 dan SDGs 5.",
    "consistency.location_outside_loci": (
        "Lokasi Kota Bandung dialihkan ke Kota Surabaya (Provinsi Jawa Timur, wilayah lokus) dengan anggaran yang sama."
    ),
    "consistency.indicator_incomplete": "Satuan indikator dilengkapi: kabupaten/kota.",
    "consistency.no_schedule": "Kegiatan dijadwalkan pada triwulan II sampai IV.",
    "alignment.target_affair_mismatch": ("Sasaran kegiatan UPTD PPA diganti menjadi PN 3 RPJMN 2020–2024 dan SDGs 5."),
    None: (
        "Telah dikoordinasikan dengan Bappeda dan DP3AP2KB Kabupaten Lombok Tengah; kegiatan KemenPPPA difokuskan "
        "pada forum anak dan tokoh agama di desa yang belum dijangkau sosialisasi kabupaten."
    ),
}
DUPLICATE_ANSWER = "Akan dikoordinasikan dengan instansi terkait agar kegiatan tidak tumpang tindih."


def _users() -> dict:
    from selaras.accounts.models import User

    users = {u.username: u for u in User.objects.filter(username__in=(SUPD4, DTPKS, KEMENPPPA))}
    missing = {SUPD4, DTPKS, KEMENPPPA} - set(users)
    if missing:
        raise DemoDataMissing(
            _("Pengguna demo %(names)s belum ada. Jalankan langkah accounts.users lebih dulu.")
            % {"names": ", ".join(sorted(missing))}
        )
    return users


def _enable_unverified_rules() -> int:
    """Rules resting on unverified points are off by default; the demo turns
    them on (saying so in the setting) so that they can be seen at work."""
    created = 0
    for code, cls in all_rules().items():
        if cls.verified or RuleSetting.objects.filter(code=code).exists():
            continue
        setting = RuleSetting(code=code, enabled=True, note=SETTING_NOTE)
        setting.full_clean()
        setting.save()
        created += 1
    return created


def _cycle(code: str, year: int) -> Cycle | None:
    return Cycle.objects.filter(programme__code=code, year=year).select_related("programme").first()


def _first_checks(users: dict) -> int:
    created = 0
    for code, year, coordinator in CYCLES:
        cycle = _cycle(code, year)
        if cycle is None or CheckRun.objects.filter(scope=RunScope.CYCLE, cycle=cycle).exists():
            continue
        services.check_run_now(by=users[coordinator], scope=RunScope.CYCLE, cycle=cycle)
        created += 1
    return created


def _finding(rule: str, title: str, *, plan: Plan | None = None) -> Finding | None:
    findings = Finding.objects.filter(rule=rule, activity__title=title).order_by("key")
    if plan is not None:
        findings = findings.filter(plan=plan)
    return findings.first()


def _kemenpppa_plan() -> Plan | None:
    return Plan.objects.filter(cycle__programme__code=UNICEF_CODE, cycle__year=2024, owner__code="047").first()


def _targets(*codes: str) -> list:
    found = []
    for code in codes:
        framework, target = code.split(":")
        found.extend(DevelopmentTarget.objects.filter(framework__code=framework, code=target))
    return found


def _current_data(activity: Activity) -> plan_services.ActivityData:
    """The activity as its form would load it, to change a few fields."""
    return plan_services.ActivityData(
        title=activity.title,
        funding_source=activity.funding_source,
        budget=activity.budget,
        code=activity.code,
        description=activity.description,
        affair=activity.affair,
        partner_budget=activity.partner_budget,
        output=activity.output,
        quarters=activity.quarters,
        executing_level=activity.executing_level,
        implementing_agency=activity.implementing_agency,
        implementing_office=activity.implementing_office,
        recipient=activity.recipient,
        delegated_content=activity.delegated_content,
        requires_matching_funds=activity.requires_matching_funds,
        targets=list(activity.targets.all()),
        locations=[
            plan_services.LocationData(loc.region, loc.budget, loc.target_share)
            for loc in activity.locations.order_by("region__code")
        ],
        indicators=[
            plan_services.IndicatorData(i.indicator, i.unit, i.baseline, i.target) for i in activity.indicators.all()
        ],
    )


def _revise(plan: Plan, planner) -> None:
    """KemenPPPA fixes what the letter asks for, through the plan form's service."""
    by_title = {a.title: a for a in plan.activities.all()}
    if PUSPAGA in by_title:
        activity = by_title[PUSPAGA]
        data = _current_data(activity)
        data.targets = _targets("rpjmn-2020-2024:PN3", "sdg:5")
        surabaya = region("35.78")
        data.locations = [
            plan_services.LocationData(surabaya, loc.budget, loc.target_share) if loc.region.code == "32.73" else loc
            for loc in data.locations
        ]
        plan_services.activity_update(activity=activity, by=planner, data=data, expected_version=activity.version)
    if SIMFONI in by_title:
        activity = by_title[SIMFONI]
        data = _current_data(activity)
        data.quarters = (2, 3, 4)
        data.indicators = [
            plan_services.IndicatorData(i.indicator, i.unit or "kabupaten/kota", i.baseline, i.target)
            for i in data.indicators
        ]
        plan_services.activity_update(activity=activity, by=planner, data=data, expected_version=activity.version)
    if UPTD in by_title:
        activity = by_title[UPTD]
        data = _current_data(activity)
        data.targets = _targets("rpjmn-2020-2024:PN3", "sdg:5")
        plan_services.activity_update(activity=activity, by=planner, data=data, expected_version=activity.version)


def _review_kemenpppa(plan: Plan, users: dict, unicef: Cycle) -> int:
    coordinator, planner = users[SUPD4], users[KEMENPPPA]
    if plan.status == PlanStatus.SUBMITTED:
        plan = plan_services.plan_transition(
            plan=plan, action="start_review", by=coordinator, comment="Ditelaah pada Rakortekpus 2024."
        )
    for rule, title, note in ACCEPT:
        finding = _finding(rule, title, plan=plan)
        if finding is not None:
            services.finding_accept(finding=finding, by=coordinator, note=note)
    # A duplication the check may have found (when that rule is installed).
    duplicate = Finding.objects.filter(plan=plan, category="duplication").order_by("key").first()
    if duplicate is not None:
        services.finding_accept(
            finding=duplicate, by=coordinator, note="Mohon dikoordinasikan agar tidak terjadi duplikasi kegiatan."
        )
    rule, title, reason = DISMISS
    dismissed = _finding(rule, title, plan=plan)
    if dismissed is not None:
        services.finding_dismiss(finding=dismissed, by=coordinator, reason=reason)
    services.review_note_add(plan=plan, by=coordinator, text=REVIEW_NOTE)

    letter = letters.letter_compose(plan=plan, by=coordinator)
    letter = letters.letter_update(letter=letter, by=coordinator, expected_version=letter.version, **LETTER)
    letter = letters.letter_issue(letter=letter, by=coordinator)
    for point in letter.points.select_related("finding").order_by("position"):
        rule = point.finding.rule if point.finding_id else None
        answer = (
            DUPLICATE_ANSWER if point.finding_id and point.finding.category == "duplication" else RESPONSES.get(rule)
        )
        if answer:
            letters.letter_respond(point=point, by=planner, response=answer)

    plan = plan_services.plan_transition(
        plan=plan,
        action="return",
        by=coordinator,
        comment=f"Mohon diperbaiki sesuai Surat Rekomendasi Nomor {letter.number}.",
    )
    _revise(plan, planner)
    plan = plan_services.plan_transition(
        plan=plan,
        action="submit",
        by=planner,
        comment=f"Perbaikan sesuai Surat Rekomendasi Nomor {letter.number}.",
    )
    plan_services.plan_transition(plan=plan, action="start_review", by=coordinator, comment="Penelaahan revisi.")
    services.check_run_now(by=coordinator, scope=RunScope.CYCLE, cycle=unicef)
    return 1


def _review_delegations(users: dict) -> int:
    accepted = 0
    for rule, title, note in ACCEPT_DELEGATION:
        finding = _finding(rule, title)
        if finding is not None and finding.status == FindingStatus.OPEN:
            services.finding_accept(finding=finding, by=users[DTPKS], note=note)
            accepted += 1
    return accepted


@demo_step(order=300, name="sync.review")
def load_sync_demo(ctx: DemoContext) -> int:
    """Rule settings, first check runs of the demo cycles, and the KemenPPPA
    review with its letter and re-check. Returns the number of records made
    (settings, check runs, letters, accepted delegation findings)."""
    users = _users()
    created = _enable_unverified_rules()
    plan = _kemenpppa_plan()
    unicef = _cycle(UNICEF_CODE, 2024)
    review = plan is not None and unicef is not None and not Recommendation.objects.filter(plan=plan).exists()
    if review and plan.status == PlanStatus.DRAFT:
        # KemenPPPA submits its AWP for the Rakortekpus before the checks run.
        plan = plan_services.plan_transition(plan=plan, action="submit", by=users[KEMENPPPA])
    created += _first_checks(users)
    if review:
        if plan.status in (PlanStatus.SUBMITTED, PlanStatus.IN_REVIEW):
            created += _review_kemenpppa(plan, users, unicef)
            created += _review_delegations(users)
        else:
            ctx.log(
                _("Rencana KemenPPPA berstatus “%(status)s”; penelaahan demo dilewati.")
                % {"status": plan.get_status_display()}
            )
    return created


@demo_step(order=320, name="sync.flag_finding")
def load_flag_finding_demo(ctx: DemoContext) -> int:
    """The programme's coordinator makes Jawa Tengah's "already funded" flag
    (flags demo) a finding of the review."""
    from selaras.accounts.models import User

    flag = Flag.objects.filter(reason=FlagReason.FUNDED, finding_raised_at__isnull=True).order_by("pk").first()
    coordinators = User.objects.filter(username__in=(SUPD4, DTPKS)).order_by("username")
    for user in coordinators if flag is not None else ():
        if access.can(user, COORDINATE_FLAG, flag):
            services.finding_from_flag(flag=flag, by=user)
            return 1
    return 0
