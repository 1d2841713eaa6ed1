"""Everything that writes plans: programmes, cycles, plans, activities and the
workflow. Views, the API, spreadsheet imports and commands all call these.

Each service checks permission through `selaras.core.access`, validates,
and runs in one transaction: nothing is half-saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from selaras.audit.models import AuditEntry
from selaras.audit.recorder import record_event
from selaras.core import access
from selaras.core.access import READ, WRITE
from selaras.plans import policies
from selaras.plans.errors import PlanLocked, StaleEdit, TransitionNotAllowed
from selaras.plans.models import (
    Activity,
    ActivityLocation,
    Cycle,
    IndicatorTarget,
    Plan,
    PlanRevision,
    PlanStatus,
    PlanTransition,
    Programme,
    ProgrammeKind,
    RecipientLevel,
)
from selaras.plans.revisions import plan_snapshot
from selaras.plans.workflow import COORDINATOR, OWNER, TRANSITIONS, Transition
from selaras.registry.models import Agency, AgencyKind, Region, RegionLevel


# --- concurrency -------------------------------------------------------------
def changes_since(obj, version: int) -> list[dict]:
    """Audit entries of `obj` made after the version the user loaded."""
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_pk=obj.pk
    ).order_by("timestamp", "id")
    newer = []
    for entry in entries:
        v = entry.changes.get("version")
        if isinstance(v, list) and len(v) == 2 and isinstance(v[1], int) and v[1] > version:
            fields = {k: val for k, val in entry.changes.items() if k != "version"}
            newer.append({"at": entry.timestamp, "by": entry.actor_label, "changes": fields})
    return newer


def check_version(obj, expected_version: int | None) -> None:
    """Refuse an edit made on a stale copy, saying what changed meanwhile."""
    if expected_version is None:
        return
    if int(expected_version) != obj.version:
        changes = changes_since(obj, int(expected_version))
        who = ", ".join(sorted({c["by"] for c in changes if c["by"]})) or _("pengguna lain")
        raise StaleEdit(
            _(
                "Data ini telah diubah oleh %(who)s sejak Anda membukanya (versi %(yours)s, sekarang %(now)s). "
                "Perubahan Anda tidak disimpan; muat ulang dan periksa perubahan berikut."
            )
            % {"who": who, "yours": expected_version, "now": obj.version},
            current_version=obj.version,
            changes=changes,
        )


def _bump(obj) -> None:
    obj.version += 1


def _require(user, action: str, obj) -> None:
    if not access.can(user, action, obj):
        if action == WRITE and isinstance(obj, Plan) and access.can(user, READ, obj) and not obj.is_editable:
            raise PlanLocked(
                _("Rencana berstatus “%(status)s” dan terkunci; isinya tidak dapat diubah.")
                % {"status": obj.get_status_display()}
            )
        raise PermissionDenied(_("Anda tidak berwenang mengubah data ini."))


# --- programmes and cycles --------------------------------------------------
def has_default_deadlines(programme: Programme) -> bool:
    """Only the PP 19/2022 instruments (deconcentration, co-administration)
    have deadlines set by regulation; a cooperation programme has none."""
    return programme.is_delegation


def default_deadlines(programme: Programme, year: int) -> dict[str, dt.date | None]:
    """PP 19/2022 Pasal 7 and 16: the regulation by November and the regional
    decrees by December of the year before implementation."""
    if not has_default_deadlines(programme):
        return {"regulation_deadline": None, "decree_deadline": None}
    return {"regulation_deadline": dt.date(year - 1, 11, 30), "decree_deadline": dt.date(year - 1, 12, 31)}


@transaction.atomic
def programme_create(*, by, loci: Iterable[Region] = (), participants: Iterable = (), **fields) -> Programme:
    programme = Programme(**fields)
    if not (
        access.grants_for(by).is_admin
        or access.grants_for(by).is_national("coordinator")
        or programme.coordinator_id in access.grants_for(by).agency_ids("coordinator")
    ):
        raise PermissionDenied(_("Hanya koordinator yang dapat membuat program."))
    programme.full_clean()
    programme.save()
    programme.loci.set(loci)
    programme.participants.set(participants)
    return programme


@transaction.atomic
def cycle_open(*, programme: Programme, year: int, by, **deadlines) -> Cycle:
    _require(by, WRITE, programme)
    if not programme.covers_year(year):
        raise ValidationError(
            {
                "year": _("Tahun %(year)s di luar periode program %(start)s–%(end)s.")
                % {"year": year, "start": programme.start_year, "end": programme.end_year}
            }
        )
    values = {**default_deadlines(programme, year), **{k: v for k, v in deadlines.items() if v is not None}}
    cycle = Cycle(programme=programme, year=year, **values)
    cycle.full_clean()
    cycle.save()
    return cycle


# --- plans ------------------------------------------------------------------
@transaction.atomic
def plan_create(*, cycle: Cycle, owner, by, title: str = "", notes: str = "") -> Plan:
    plan = Plan(cycle=cycle, owner=owner, title=title, notes=notes)
    grants = access.grants_for(by)
    if not plan_owner_allowed(grants, owner):
        raise PermissionDenied(_("Anda hanya dapat membuat rencana untuk instansi Anda sendiri."))
    if not cycle.is_open:
        raise ValidationError(_("Siklus %(cycle)s sudah ditutup untuk pengajuan.") % {"cycle": cycle})
    plan.full_clean()
    plan.save()
    return plan


def plan_owner_allowed(grants: access.Grants, owner) -> bool:
    if grants.is_admin or owner.id in grants.agency_ids("planner"):
        return True
    region = getattr(owner, "region", None)
    return bool(region) and any(
        region.code == c or region.code.startswith(f"{c}.") for c in grants.region_codes("regional")
    )


@transaction.atomic
def plan_update(*, plan: Plan, by, expected_version: int | None, title: str, notes: str) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    check_version(plan, expected_version)
    _require(by, WRITE, plan)
    plan.title, plan.notes = title, notes
    plan.full_clean()
    _bump(plan)
    plan.save()
    return plan


# --- activities -------------------------------------------------------------
@dataclass
class LocationData:
    region: Region
    budget: Decimal = Decimal("0")
    target_share: Decimal | None = None


@dataclass
class IndicatorData:
    indicator: str
    unit: str = ""
    baseline: Decimal | None = None
    target: Decimal | None = None


@dataclass
class ActivityData:
    """Everything an activity form, a spreadsheet row group or the API gives."""

    title: str
    funding_source: str
    budget: Decimal = Decimal("0")
    code: str = ""
    description: str = ""
    affair: object | None = None
    partner_budget: Decimal | None = None
    output: str = ""
    quarters: Sequence[int] = ()
    executing_level: str = "pusat"
    implementing_agency: object | None = None
    implementing_office: str = ""
    recipient: object | None = None
    recipient_level: str = ""
    authority_item: object | None = None
    delegated_content: str = ""
    requires_matching_funds: bool = False
    targets: Sequence = ()
    locations: Sequence[LocationData] = field(default_factory=list)
    indicators: Sequence[IndicatorData] = field(default_factory=list)


def validate_locations(data: ActivityData) -> None:
    """Location budgets must add up to the activity budget when given; a
    region appears once."""
    codes = [loc.region.code for loc in data.locations]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ValidationError(
            {"locations": _("Wilayah dicantumkan lebih dari sekali: %(codes)s.") % {"codes": ", ".join(duplicates)}}
        )
    for loc in data.locations:
        if loc.region.valid_until is not None:
            raise ValidationError({"locations": _("Wilayah %(code)s sudah tidak berlaku.") % {"code": loc.region.code}})
    budgets = [loc.budget or Decimal("0") for loc in data.locations]
    if any(budgets) and sum(budgets) != (data.budget or Decimal("0")):
        raise ValidationError(
            {
                "locations": _("Jumlah anggaran lokasi (%(sum)s) tidak sama dengan anggaran kegiatan (%(budget)s).")
                % {"sum": f"{sum(budgets):,.0f}".replace(",", "."), "budget": f"{data.budget:,.0f}".replace(",", ".")}
            }
        )


# Who may receive a delegated activity (PP 19/2022 Pasal 1 angka 3–6):
# deconcentration goes to the governor as GWPP, i.e. a provincial
# government; central co-administration to a province or a regency/city;
# provincial co-administration to a regency/city. Never a state institution.
RECIPIENT_LEVELS = {
    ProgrammeKind.DEKON_BINWAS: (RegionLevel.PROVINCE,),
    ProgrammeKind.DEKON_GWPP: (RegionLevel.PROVINCE,),
    ProgrammeKind.TP_PUSAT: (RegionLevel.PROVINCE, RegionLevel.REGENCY),
    ProgrammeKind.TP_PROVINSI: (RegionLevel.REGENCY,),
}


def eligible_recipients(programme: Programme, agencies=None):
    """The governments that may receive an activity of this programme (none
    for programmes that delegate nothing)."""
    agencies = Agency.objects.all() if agencies is None else agencies
    levels = RECIPIENT_LEVELS.get(programme.kind)
    if not levels:
        return agencies.none()
    return agencies.filter(kind=AgencyKind.REGIONAL_GOVERNMENT, region__level__in=levels)


def validate_delegation(programme: Programme, data: ActivityData) -> None:
    """A deconcentration or co-administration activity names the government
    that receives it and what is delegated; the form, the API and imports
    all pass here."""
    if not programme.is_delegation:
        return
    errors = {}
    if data.recipient is None:
        errors["recipient"] = _("Kegiatan dekonsentrasi atau tugas pembantuan wajib menyebut pemerintah penerima.")
    elif data.recipient.kind != AgencyKind.REGIONAL_GOVERNMENT:
        # Only a government can receive; whether its level fits the
        # instrument is the sync check authority.recipient_level's finding.
        errors["recipient"] = _(
            "%(agency)s tidak dapat menerima kegiatan program ini: penerimanya pemerintah daerah "
            "(dekonsentrasi: pemerintah provinsi sebagai GWPP)."
        ) % {"agency": data.recipient}
    if not data.delegated_content:
        errors["delegated_content"] = _(
            "Kegiatan dekonsentrasi atau tugas pembantuan wajib menyebut muatan pelimpahan."
        )
    level_error = recipient_level_error(programme, data.recipient_level)
    if level_error:
        errors["recipient_level"] = level_error
    if errors:
        raise ValidationError(errors)


def recipient_level_error(programme: Programme, level: str) -> str:
    """PP 19/2022 Pasal 1: deconcentration goes to the
    governor as representative of the centre, co-administration to a
    regional government as autonomous region, never to the GWPP. An empty
    level is allowed (old plans, imports without the column)."""
    if not level:
        return ""
    if level not in RecipientLevel.values:
        return _("Tingkat penerima “%(value)s” tidak dikenal.") % {"value": level}
    dekon = programme.kind in (ProgrammeKind.DEKON_BINWAS, ProgrammeKind.DEKON_GWPP)
    if dekon and level != RecipientLevel.GWPP:
        return _(
            "Dekonsentrasi hanya dilimpahkan kepada gubernur sebagai wakil Pemerintah Pusat (GWPP), "
            "bukan kepada %(level)s."
        ) % {"level": RecipientLevel(level).label}
    if not dekon and level == RecipientLevel.GWPP:
        return _(
            "Tugas pembantuan diberikan kepada pemerintah daerah sebagai daerah otonom, bukan kepada gubernur "
            "sebagai wakil Pemerintah Pusat (GWPP). Pilih pemerintah provinsi atau kabupaten/kota."
        )
    return ""


def _apply(activity: Activity, data: ActivityData) -> None:
    quarters = set(data.quarters)
    for name in (
        "title",
        "funding_source",
        "budget",
        "code",
        "description",
        "affair",
        "partner_budget",
        "output",
        "executing_level",
        "implementing_agency",
        "implementing_office",
        "recipient",
        "recipient_level",
        "authority_item",
        "delegated_content",
        "requires_matching_funds",
    ):
        setattr(activity, name, getattr(data, name))
    activity.q1, activity.q2, activity.q3, activity.q4 = (n in quarters for n in (1, 2, 3, 4))


def _replace_children(activity: Activity, data: ActivityData) -> None:
    existing = {loc.region_id: loc for loc in activity.locations.all()}
    wanted = {loc.region.id: loc for loc in data.locations}
    for region_id, loc in existing.items():
        if region_id not in wanted:
            loc.delete()
    for region_id, d in wanted.items():
        loc = existing.get(region_id)
        if loc is None:
            loc = ActivityLocation(activity=activity, region=d.region)
        elif loc.budget == d.budget and loc.target_share == d.target_share:
            continue
        else:
            _bump(loc)
        loc.budget, loc.target_share = d.budget, d.target_share
        loc.full_clean()
        loc.save()
    old = list(activity.indicators.all())
    new = list(data.indicators)
    for i, d in enumerate(new):
        ind = old[i] if i < len(old) else IndicatorTarget(activity=activity)
        values = (d.indicator, d.unit, d.baseline, d.target, i)
        if ind.pk and (ind.indicator, ind.unit, ind.baseline, ind.target, ind.position) == values:
            continue
        ind.indicator, ind.unit, ind.baseline, ind.target, ind.position = values
        if ind.pk:
            _bump(ind)
        ind.full_clean()
        ind.save()
    for ind in old[len(new) :]:
        ind.delete()
    if set(activity.targets.values_list("pk", flat=True)) != {t.pk for t in data.targets}:
        activity.targets.set(data.targets)


@transaction.atomic
def activity_create(*, plan: Plan, by, data: ActivityData) -> Activity:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require(by, WRITE, plan)
    validate_locations(data)
    validate_delegation(plan.cycle.programme, data)
    activity = Activity(plan=plan, position=plan.activities.count() + 1)
    _apply(activity, data)
    activity.full_clean()
    activity.save()
    _replace_children(activity, data)
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by, data: ActivityData, expected_version: int | None) -> Activity:
    activity = Activity.objects.select_for_update().select_related("plan").get(pk=activity.pk)
    check_version(activity, expected_version)
    _require(by, WRITE, activity.plan)
    validate_locations(data)
    validate_delegation(activity.plan.cycle.programme, data)
    _apply(activity, data)
    activity.full_clean()
    _bump(activity)
    activity.save()
    _replace_children(activity, data)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, by, expected_version: int | None) -> None:
    activity = Activity.objects.select_for_update().select_related("plan").get(pk=activity.pk)
    check_version(activity, expected_version)
    _require(by, WRITE, activity.plan)
    activity.delete()


@transaction.atomic
def plan_replace_activities(
    *, plan: Plan, by, activities: Sequence[ActivityData], expected_version: int | None = None
) -> Plan:
    """Replace a plan's whole content (spreadsheet import): all or nothing."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    check_version(plan, expected_version)
    _require(by, WRITE, plan)
    for data in activities:
        validate_locations(data)
        validate_delegation(plan.cycle.programme, data)
    plan.activities.all().delete()
    for position, data in enumerate(activities, start=1):
        activity = Activity(plan=plan, position=position)
        _apply(activity, data)
        activity.full_clean()
        activity.save()
        _replace_children(activity, data)
    _bump(plan)
    plan.save()
    return plan


# --- workflow -----------------------------------------------------------------
def allowed_transitions(plan: Plan, user) -> list[Transition]:
    """The transitions this user may make on this plan now (for buttons)."""
    result = []
    for t in TRANSITIONS.values():
        if plan.status in t.sources and _may_act(user, plan, t):
            result.append(t)
    return result


def _may_act(user, plan: Plan, transition: Transition) -> bool:
    grants = access.grants_for(user)
    q = policies.plan_owner_q(grants) if transition.actor == OWNER else policies.plan_coordinator_q(grants)
    return Plan.objects.filter(pk=plan.pk).filter(q).exists()


@transaction.atomic
def plan_transition(*, plan: Plan, action: str, by, comment: str = "", expected_version: int | None = None) -> Plan:
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError(_("Tindakan tidak dikenal: %(action)s") % {"action": action})
    plan = Plan.objects.select_for_update().select_related("cycle__programme", "owner").get(pk=plan.pk)
    check_version(plan, expected_version)
    if not access.can(by, READ, plan) and transition.actor == COORDINATOR:
        raise TransitionNotAllowed(_("Anda tidak berwenang atas rencana ini."))
    if plan.status not in transition.sources:
        raise TransitionNotAllowed(
            _("Rencana berstatus “%(status)s” tidak dapat di-“%(action)s”.")
            % {"status": plan.get_status_display(), "action": transition.label}
        )
    if not _may_act(by, plan, transition):
        raise TransitionNotAllowed(
            _("Peran Anda tidak dapat melakukan “%(action)s” pada rencana ini.") % {"action": transition.label}
        )
    if transition.needs_comment and not comment.strip():
        raise ValidationError({"comment": _("Berikan alasan atau catatan perbaikan.")})
    if transition.action == "submit" and not plan.activities.exists():
        raise ValidationError(_("Rencana tanpa kegiatan tidak dapat diajukan."))
    before = plan.status
    plan.status = transition.target
    revision_number = None
    if transition.freezes_revision:
        plan.revision += 1
        revision_number = plan.revision
        PlanRevision.objects.create(plan=plan, number=plan.revision, created_by=by, snapshot=plan_snapshot(plan))
    _bump(plan)
    plan.save()
    PlanTransition.objects.create(
        plan=plan,
        action=transition.action,
        from_status=before,
        to_status=plan.status,
        by=by,
        comment=comment,
        revision=revision_number,
    )
    # Named by its label for people; the save above already recorded the status change.
    record_event(plan, str(transition.label) + (f" — {comment}" if comment else ""))
    return plan


__all__ = [
    "ActivityData",
    "IndicatorData",
    "LocationData",
    "PlanStatus",
    "ProgrammeKind",
    "activity_create",
    "activity_delete",
    "activity_update",
    "allowed_transitions",
    "check_version",
    "cycle_open",
    "plan_create",
    "plan_replace_activities",
    "plan_transition",
    "plan_update",
    "programme_create",
]


# --- programme and cycle management (the programme pages) ---------------------
PROGRAMME_FIELDS = frozenset(
    {
        "code",
        "name",
        "kind",
        "description",
        "coordinator",
        "partner",
        "assigner",
        "start_year",
        "end_year",
        "partner_currency",
    }
)
CYCLE_DEADLINE_FIELDS = ("submission_deadline", "review_deadline", "regulation_deadline", "decree_deadline")


def may_coordinate(user, coordinator) -> bool:
    """Whether `user` may run programmes coordinated by this unit."""
    grants = access.grants_for(user)
    return bool(
        grants.is_admin
        or grants.is_national(access.RoleName.COORDINATOR)
        or (coordinator is not None and coordinator.pk in grants.agency_ids(access.RoleName.COORDINATOR))
    )


@transaction.atomic
def programme_update(
    *,
    programme: Programme,
    by,
    expected_version: int | None,
    loci: Iterable[Region] | None = None,
    participants: Iterable | None = None,
    **fields,
) -> Programme:
    """Change a programme's header, loci and participants. Its cycles must
    stay inside the period, and its kind is fixed once a cycle is open (the
    deadlines and checks of the cycles depend on it)."""
    unknown = set(fields) - PROGRAMME_FIELDS
    if unknown:
        raise ValueError(f"Unknown programme fields: {sorted(unknown)}")
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    check_version(programme, expected_version)
    _require(by, WRITE, programme)
    years = list(programme.cycles.order_by("year").values_list("year", flat=True))
    if years and "kind" in fields and fields["kind"] != programme.kind:
        raise ValidationError({"kind": _("Jenis program tidak dapat diubah setelah siklus dibuka.")})
    for name, value in fields.items():
        setattr(programme, name, value)
    if not may_coordinate(by, programme.coordinator):
        raise PermissionDenied(_("Anda hanya dapat menyerahkan program kepada unit yang Anda koordinasikan."))
    outside = [y for y in years if not programme.start_year <= y <= programme.end_year]
    if outside:
        raise ValidationError(
            {
                "start_year": _("Periode baru tidak mencakup siklus yang sudah dibuka: %(years)s.")
                % {"years": ", ".join(str(y) for y in outside)}
            }
        )
    programme.full_clean()
    _bump(programme)
    programme.save()
    if loci is not None:
        programme.loci.set(loci)
    if participants is not None:
        programme.participants.set(participants)
    return programme


@transaction.atomic
def cycle_update(
    *,
    cycle: Cycle,
    by,
    expected_version: int | None,
    is_open: bool,
    submission_deadline: dt.date | None = None,
    review_deadline: dt.date | None = None,
    regulation_deadline: dt.date | None = None,
    decree_deadline: dt.date | None = None,
) -> Cycle:
    """Change a cycle's deadlines, or close it to (or reopen it for) new plans."""
    cycle = Cycle.objects.select_for_update().select_related("programme").get(pk=cycle.pk)
    check_version(cycle, expected_version)
    _require(by, WRITE, cycle)
    cycle.submission_deadline, cycle.review_deadline = submission_deadline, review_deadline
    cycle.regulation_deadline, cycle.decree_deadline = regulation_deadline, decree_deadline
    cycle.is_open = is_open
    cycle.full_clean()
    _bump(cycle)
    cycle.save()
    return cycle


@transaction.atomic
def cycle_record_legal_acts(
    *,
    cycle: Cycle,
    by,
    regulation_recorded_on: dt.date | None,
    decree_recorded_on: dt.date | None,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Cycle:
    """Record when the ministerial (or governor) regulation and the regional
    decrees of a delegation cycle were issued; the deadline checks compare
    these with PP 19/2022's November and December deadlines."""
    from django.utils import timezone

    cycle = Cycle.objects.select_for_update().select_related("programme").get(pk=cycle.pk)
    check_version(cycle, expected_version)
    _require(by, WRITE, cycle)
    if not cycle.programme.is_delegation:
        raise ValidationError(
            _("Tanggal penetapan hanya dicatat untuk program pelimpahan (dekonsentrasi/tugas pembantuan).")
        )
    today = today or timezone.localdate()
    future = {}
    for name, value in (("regulation_recorded_on", regulation_recorded_on), ("decree_recorded_on", decree_recorded_on)):
        if value is not None and value > today:
            future[name] = _("Tanggal penetapan tidak boleh setelah hari ini.")
    if future:
        raise ValidationError(future)
    cycle.regulation_recorded_on, cycle.decree_recorded_on = regulation_recorded_on, decree_recorded_on
    cycle.full_clean()
    _bump(cycle)
    cycle.save()
    return cycle
