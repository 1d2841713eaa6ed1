"""Frozen copies of a plan and the differences between two of them.

A snapshot is plain JSON keyed by the activities' stable `uid` and, inside
each, locations keyed by region code and indicators by position, so a diff
can say what was added, removed or changed per activity and location.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selaras.plans.models import Activity, Plan

PLAN_FIELDS = ("title", "notes", "status")
ACTIVITY_FIELDS = (
    "code",
    "title",
    "description",
    "affair",
    "funding_source",
    "budget",
    "partner_budget",
    "output",
    "quarters",
    "executing_level",
    "implementing_agency",
    "implementing_office",
    "recipient",
    "delegated_content",
    "requires_matching_funds",
    "targets",
)
LOCATION_FIELDS = ("budget", "target_share")
INDICATOR_FIELDS = ("indicator", "unit", "baseline", "target")


def _num(value) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def activity_snapshot(activity: Activity) -> dict:
    return {
        "code": activity.code,
        "title": activity.title,
        "description": activity.description,
        "affair": activity.affair.code if activity.affair_id else None,
        "funding_source": activity.funding_source,
        "budget": _num(activity.budget),
        "partner_budget": _num(activity.partner_budget),
        "output": activity.output,
        "quarters": activity.quarters,
        "executing_level": activity.executing_level,
        "implementing_agency": activity.implementing_agency.code if activity.implementing_agency_id else None,
        "implementing_office": activity.implementing_office,
        "recipient": activity.recipient.code if activity.recipient_id else None,
        "delegated_content": activity.delegated_content,
        "requires_matching_funds": activity.requires_matching_funds,
        "targets": sorted(f"{t.framework.code}:{t.code}" for t in activity.targets.all()),
        "locations": {
            loc.region.code: {
                "name": loc.region.name,
                "budget": _num(loc.budget),
                "target_share": _num(loc.target_share),
            }
            for loc in activity.locations.all()
        },
        "indicators": [
            {"indicator": i.indicator, "unit": i.unit, "baseline": _num(i.baseline), "target": _num(i.target)}
            for i in activity.indicators.all()
        ],
    }


def plan_snapshot(plan: Plan) -> dict:
    activities = (
        plan.activities.select_related("affair", "implementing_agency", "recipient")
        .prefetch_related("locations__region", "indicators", "targets__framework")
        .order_by("position", "id")
    )
    return {
        "plan": {
            "id": plan.pk,
            "title": plan.title,
            "notes": plan.notes,
            "owner": plan.owner.code,
            "cycle": {"programme": plan.cycle.programme.code, "year": plan.cycle.year},
        },
        "activities": {str(a.uid): activity_snapshot(a) for a in activities},
        "order": [str(a.uid) for a in activities],
    }


@dataclass
class FieldChange:
    field: str
    before: object
    after: object


@dataclass
class ActivityDiff:
    uid: str
    title: str
    kind: str  # added | removed | changed
    fields: list[FieldChange] = field(default_factory=list)
    locations_added: list[str] = field(default_factory=list)
    locations_removed: list[str] = field(default_factory=list)
    locations_changed: dict[str, list[FieldChange]] = field(default_factory=dict)
    indicators_changed: list[FieldChange] = field(default_factory=list)


@dataclass
class PlanDiff:
    plan_fields: list[FieldChange]
    activities: list[ActivityDiff]

    @property
    def is_empty(self) -> bool:
        return not self.plan_fields and not self.activities


def _fields(before: dict, after: dict, names) -> list[FieldChange]:
    return [FieldChange(n, before.get(n), after.get(n)) for n in names if before.get(n) != after.get(n)]


def diff_snapshots(old: dict, new: dict) -> PlanDiff:
    plan_fields = _fields(old["plan"], new["plan"], ("title", "notes"))
    result: list[ActivityDiff] = []
    old_acts, new_acts = old["activities"], new["activities"]
    order = [u for u in new.get("order", new_acts)] + [u for u in old.get("order", old_acts) if u not in new_acts]
    for uid in order:
        a, b = old_acts.get(uid), new_acts.get(uid)
        if a is None:
            result.append(ActivityDiff(uid, b["title"], "added", locations_added=sorted(b["locations"])))
            continue
        if b is None:
            result.append(ActivityDiff(uid, a["title"], "removed", locations_removed=sorted(a["locations"])))
            continue
        d = ActivityDiff(uid, b["title"], "changed", fields=_fields(a, b, ACTIVITY_FIELDS))
        la, lb = a["locations"], b["locations"]
        d.locations_added = sorted(set(lb) - set(la))
        d.locations_removed = sorted(set(la) - set(lb))
        for code in sorted(set(la) & set(lb)):
            changes = _fields(la[code], lb[code], LOCATION_FIELDS)
            if changes:
                d.locations_changed[code] = changes
        if a["indicators"] != b["indicators"]:
            d.indicators_changed = [FieldChange("indicators", a["indicators"], b["indicators"])]
        if d.fields or d.locations_added or d.locations_removed or d.locations_changed or d.indicators_changed:
            result.append(d)
    return PlanDiff(plan_fields, result)
