"""Check rows of planned activities, in the format of the authority
development set (`../shared/bench/authority-dev.csv`), as real plans.

Each row becomes a programme of its instrument, a cycle, the assigning
agency's plan and one activity with its locations — written through the
plans services like any planner's entry — and the authority rules run over
it. Everything happens inside a transaction that is rolled back, so the
database is left as it was; reference data missing from it is loaded inside
the same transaction. The activity's matrix item is *not* given: the rules
infer it, as they must for an imported workbook without the column.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from selaras.plans.models import DelegatedContent, FundingSource, PlanStatus, ProgrammeKind
from selaras.registry.models import Affair, AffairLevel, Agency, AgencyKind, Region

COLUMNS = (
    "id",
    "year",
    "instrument",
    "assigning_agency_code",
    "affair_code",
    "sub_urusan",
    "activity_title",
    "activity_description",
    "recipient_level",
    "recipient_region_code",
    "location_codes",
    "regional_matching_funds",
)
FUNDING = {
    ProgrammeKind.DEKON_BINWAS: FundingSource.DEKONSENTRASI,
    ProgrammeKind.DEKON_GWPP: FundingSource.DEKONSENTRASI,
    ProgrammeKind.TP_PUSAT: FundingSource.TUGAS_PEMBANTUAN,
    ProgrammeKind.TP_PROVINSI: FundingSource.APBD,
    ProgrammeKind.COOPERATION: FundingSource.PARTNER,
}


# What a planner declares by default for each instrument; the rules read
# the title and description and treat this only as a hint.
DECLARED = {
    ProgrammeKind.DEKON_BINWAS: DelegatedContent.GUIDANCE,
    ProgrammeKind.DEKON_GWPP: DelegatedContent.GWPP_TASK,
    ProgrammeKind.TP_PUSAT: DelegatedContent.IMPLEMENTATION,
    ProgrammeKind.TP_PROVINSI: DelegatedContent.IMPLEMENTATION,
}


class ScenarioError(ValueError):
    pass


@dataclass
class ScenarioResult:
    row: dict
    findings: list[dict] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # what the plan services said

    @property
    def rules(self) -> list[str]:
        return sorted({f["rule"] for f in self.findings})


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ScenarioError(f"{path.name}: kolom {', '.join(missing)} tidak ada.")
        return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def check_rows(rows: Iterable[dict]) -> list[ScenarioResult]:
    """The authority findings of each row; nothing stays in the database."""
    results: list[ScenarioResult] = []
    with transaction.atomic():
        _ensure_reference()
        by = _scratch_admin()
        for row in rows:
            results.append(_check_one(row, by))
        transaction.set_rollback(True)
    return results


def _ensure_reference() -> None:
    if Region.objects.exists() and Affair.objects.filter(level=AffairLevel.SUB).exists():
        return
    from selaras.core.context import acting_as
    from selaras.registry.services import load_reference

    with acting_as(None, "check-scenarios"):
        load_reference()


def _scratch_admin():
    from selaras.accounts.models import Membership, Role, User

    user = User.objects.create(username="check-scenarios", email="check-scenarios@selaras.invalid")
    Membership.objects.create(user=user, role=Role.ADMIN)
    return user


def _affair(row: dict) -> Affair | None:
    code, label = row["affair_code"], row["sub_urusan"]
    if code:
        sub = Affair.objects.filter(parent__code=code, level=AffairLevel.SUB, name=label).first()
        return sub or Affair.objects.filter(code=code).first()
    # No budget code: an absolute affair named by its label ("Agama (urusan pemerintahan absolut)").
    head = label.split("(")[0].strip().upper()
    return Affair.objects.filter(group="absolut", level=AffairLevel.FIELD, name=head).first() if head else None


def _assigner(row: dict) -> Agency:
    code, year = row["assigning_agency_code"], int(row["year"])
    if row["instrument"] == ProgrammeKind.TP_PROVINSI:
        found = Agency.objects.filter(code=f"pemda.{code}").first()
    else:
        found = (
            Agency.objects.filter(kind=AgencyKind.MINISTRY, budget_code=code).valid_in(year).first()
            or Agency.objects.filter(kind=AgencyKind.MINISTRY, budget_code=code).first()
        )
    if found is None:
        raise ScenarioError(f"{row['id']}: instansi pemberi tugas {code} tidak ada di data referensi.")
    return found


def _check_one(row: dict, by) -> ScenarioResult:
    from selaras.core.context import acting_as
    from selaras.plans import services as plans
    from selaras.plans.models import Plan

    kind = row["instrument"]
    if kind not in FUNDING:
        raise ScenarioError(f"{row['id']}: instrumen {kind!r} tidak dikenal.")
    year = int(row["year"])
    assigner = _assigner(row)
    recipient = Agency.objects.filter(code=f"pemda.{row['recipient_region_code']}").first()
    regions = {r.code: r for r in Region.objects.filter(code__in=row["location_codes"].split(";"))}
    level = row["recipient_level"]
    with acting_as(by, "check-scenarios"):
        programme = plans.programme_create(
            by=by,
            code=f"SKENARIO-{row['id']}",
            name=f"Skenario {row['id']}",
            kind=kind,
            coordinator=assigner,
            assigner=assigner if kind == ProgrammeKind.TP_PROVINSI else None,
            start_year=year,
            end_year=year,
        )
        cycle = plans.cycle_open(programme=programme, year=year, by=by)
        plan = plans.plan_create(cycle=cycle, owner=assigner, by=by)
        data = plans.ActivityData(
            title=row["activity_title"][:500],
            description=row["activity_description"],
            funding_source=FUNDING[kind],
            affair=_affair(row),
            executing_level="provinsi" if level == "gwpp" else level,
            recipient=recipient if kind != ProgrammeKind.COOPERATION else None,
            implementing_agency=recipient if kind == ProgrammeKind.COOPERATION else None,
            recipient_level=level,
            requires_matching_funds=row["regional_matching_funds"] == "yes",
            quarters=(1, 2, 3, 4),
            locations=[plans.LocationData(regions[c], Decimal("0")) for c in sorted(regions)],
            delegated_content=DECLARED.get(kind, ""),
            indicators=[plans.IndicatorData("Keluaran kegiatan", "kegiatan", None, Decimal("1"))],
        )
        refused = []
        try:
            activity = plans.activity_create(plan=plan, by=by, data=data)
        except ValidationError as exc:
            # The plan form would refuse it; the rules must still say why.
            refused = exc.messages
            activity = _write_directly(plan, data)
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.SUBMITTED)
    return ScenarioResult(row=row, findings=run_authority_rules(plan, activity), refused=refused)


def _write_directly(plan, data):
    from selaras.plans.models import Activity, ActivityLocation, IndicatorTarget
    from selaras.plans.services import apply_activity_data

    activity = Activity(plan=plan, position=1)
    apply_activity_data(activity, data)
    activity.save()
    for loc in data.locations:
        ActivityLocation.objects.create(activity=activity, region=loc.region, budget=loc.budget)
    for ind in data.indicators:
        IndicatorTarget.objects.create(activity=activity, indicator=ind.indicator, unit=ind.unit, target=ind.target)
    return activity


def run_authority_rules(plan, activity=None) -> list[dict]:
    """The authority findings of one plan, as plain rows (never stored)."""
    from selaras.sync.context import CheckContext
    from selaras.sync.engine import enabled_rules
    from selaras.sync.models import CheckRun, RunScope

    context = CheckContext(run=CheckRun(scope=RunScope.PLAN, plan=plan, year=plan.cycle.year))
    _share_index(context)
    found = []
    for rule in enabled_rules():
        if rule.category != "authority":
            continue
        for draft in rule.check(context):
            if activity is not None and draft.activity is not None and draft.activity.pk != activity.pk:
                continue
            found.append(
                {
                    "rule": draft.rule,
                    "severity": draft.severity or rule.severity,
                    "message": draft.message_id,
                    "evidence": draft.evidence,
                }
            )
    return found


_INDEX = {}


def _share_index(context) -> None:
    # The matrix does not change within a run of rows: build its index once.
    if "index" not in _INDEX:
        _INDEX["index"] = context.item_index
    context.__dict__["item_index"] = _INDEX["index"]


def write_results(results: list[ScenarioResult], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(
            ["id", "outcome", "rules", "severities", "item", "item_level", "item_words", "messages", "refused_by_form"]
        )
        for result in results:
            item = next((f["evidence"] for f in result.findings if "item_text" in f["evidence"]), {})
            writer.writerow(
                [
                    result.row["id"],
                    "violation" if result.findings else "ok",
                    ";".join(f["rule"] for f in result.findings),
                    ";".join(f["severity"] for f in result.findings),
                    item.get("item_text", ""),
                    item.get("item_level", ""),
                    ", ".join(item.get("words", [])),
                    " | ".join(f["message"] for f in result.findings),
                    " | ".join(result.refused),
                ]
            )
