"""Shared helpers for the plan page tests."""

from __future__ import annotations

from selaras.core.context import acting_as
from selaras.plans import services
from tests.plans.conftest import activity_data

_DEFAULT = object()


def add_activity(plans, reference, user, plan=None, affair=_DEFAULT, **kwargs):
    plan = plan or plans.plan_a
    affair = plans.affair if affair is _DEFAULT else affair
    with acting_as(user, "test"):
        return services.activity_create(plan=plan, by=user, data=activity_data(reference, affair, **kwargs))


def submit(plan, user):
    with acting_as(user, "test"):
        return services.plan_transition(plan=plan, action="submit", by=user)


def activity_post(
    *,
    title="Pelatihan kader Posyandu",
    budget="300000000",
    locations=(),
    indicators=(),
    version=None,
    initial_locations=0,
    initial_indicators=0,
    **extra,
):
    """A POST body for the activity form: `locations` are (code, budget,
    target share) and `indicators` (indicator, unit, baseline, target)."""
    data = {
        "title": title,
        "funding_source": "partner",
        "budget": budget,
        "executing_level": "kabkota",
        "quarters": ["2", "3"],
        "ind-TOTAL_FORMS": str(len(indicators)),
        "ind-INITIAL_FORMS": str(initial_indicators),
        "ind-MIN_NUM_FORMS": "0",
        "ind-MAX_NUM_FORMS": "1000",
        "loc-TOTAL_FORMS": str(len(locations)),
        "loc-INITIAL_FORMS": str(initial_locations),
        "loc-MIN_NUM_FORMS": "0",
        "loc-MAX_NUM_FORMS": "1000",
    }
    if version is not None:
        data["version"] = str(version)
    for i, (code, amount, share) in enumerate(locations):
        data[f"loc-{i}-region"] = code
        data[f"loc-{i}-budget"] = amount
        data[f"loc-{i}-target_share"] = share
    for i, (indicator, unit, baseline, target) in enumerate(indicators):
        data[f"ind-{i}-indicator"] = indicator
        data[f"ind-{i}-unit"] = unit
        data[f"ind-{i}-baseline"] = baseline
        data[f"ind-{i}-target"] = target
    data.update(extra)
    return data
