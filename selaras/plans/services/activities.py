"""Activities: what a plan holds, with their locations, indicators and
targets, and the rules every entry path (form, API, spreadsheet) shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from selaras.core.access import WRITE
from selaras.core.versioning import check_version
from selaras.plans.models import (
    Activity,
    ActivityLocation,
    IndicatorTarget,
    Plan,
    Programme,
    ProgrammeKind,
    RecipientLevel,
)
from selaras.plans.services.common import bump, require
from selaras.registry.models import Agency, AgencyKind, Region, RegionLevel

if TYPE_CHECKING:
    from selaras.accounts.models import User


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
    that receives it and what is delegated; the form and the API pass here
    (spreadsheet imports check recipients and levels per cell instead)."""
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


def apply_activity_data(activity: Activity, data: ActivityData) -> None:
    """Copy the activity's own fields from `data` (not its locations, indicators or targets)."""
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


def replace_activity_parts(activity: Activity, data: ActivityData) -> None:
    """Make the saved activity's locations, indicators and targets those of
    `data`, touching (and versioning) only the rows that changed."""
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
            bump(loc)
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
            bump(ind)
        ind.full_clean()
        ind.save()
    for ind in old[len(new) :]:
        ind.delete()
    if set(activity.targets.values_list("pk", flat=True)) != {t.pk for t in data.targets}:
        activity.targets.set(data.targets)


@transaction.atomic
def activity_create(*, plan: Plan, by: User, data: ActivityData) -> Activity:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    require(by, WRITE, plan)
    validate_locations(data)
    validate_delegation(plan.cycle.programme, data)
    activity = Activity(plan=plan, position=plan.activities.count() + 1)
    apply_activity_data(activity, data)
    activity.full_clean()
    activity.save()
    replace_activity_parts(activity, data)
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by: User, data: ActivityData, expected_version: int | None) -> Activity:
    activity = Activity.objects.select_for_update().select_related("plan").get(pk=activity.pk)
    check_version(activity, expected_version)
    require(by, WRITE, activity.plan)
    validate_locations(data)
    validate_delegation(activity.plan.cycle.programme, data)
    apply_activity_data(activity, data)
    activity.full_clean()
    bump(activity)
    activity.save()
    replace_activity_parts(activity, data)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, by: User, expected_version: int | None) -> None:
    activity = Activity.objects.select_for_update().select_related("plan").get(pk=activity.pk)
    check_version(activity, expected_version)
    require(by, WRITE, activity.plan)
    activity.delete()
