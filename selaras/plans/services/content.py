"""Replacing a plan's whole content (spreadsheet imports, scenarios): the
one way to do it.

Produces the same records as entering each activity through
`activity_create` (one activity per `ActivityData`, with its locations,
indicators and targets, in the same order and positions) but with a handful
of bulk inserts instead of several queries per row: a 20,000-row workbook
must import in seconds. Bulk inserts bypass the per-row audit signals, so
the replacement is recorded as one audit event on the plan, as the audit
module asks of bulk loads. Delegation details are checked per cell by the
workbook reader (`spreadsheets.reader`), not refused here, so older
workbooks without them still import. Field limits are read from the models, so a
changed `max_length` needs no change here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from selaras.audit.recorder import record_event
from selaras.core.access import WRITE
from selaras.core.bulk import insert_rows
from selaras.core.text import clean_text_fields
from selaras.core.versioning import check_version
from selaras.plans.models import Activity, ActivityLocation, ExecutingLevel, FundingSource, IndicatorTarget, Plan
from selaras.plans.services.activities import (
    ActivityData,
    apply_activity_data,
    validate_locations,
)
from selaras.plans.services.common import bump, require

if TYPE_CHECKING:
    from selaras.accounts.models import User

BATCH = 2000
_FUNDING = {c.value for c in FundingSource}
_LEVELS = {c.value for c in ExecutingLevel}

Progress = Callable[[int, int, str], None]


@transaction.atomic
def plan_replace_activities(
    *,
    plan: Plan,
    by: User,
    activities: Sequence[ActivityData],
    expected_version: int | None = None,
    progress: Progress | None = None,
    source: str = "",
) -> Plan:
    """Replace the plan's whole content: validate everything, then insert.
    All or nothing."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    check_version(plan, expected_version)
    require(by, WRITE, plan)
    # Activities keep their stable uid when their code is found again, so
    # revision diffs follow them across a re-import.
    previous_uids = {code: uid for code, uid in plan.activities.exclude(code="").values_list("code", "uid")}
    objects: list[Activity] = []
    for position, data in enumerate(activities, start=1):
        _check(data, position)
        validate_locations(data)
        activity = Activity(plan=plan, position=position)
        if data.code in previous_uids:
            activity.uid = previous_uids.pop(data.code)
        apply_activity_data(activity, data)
        # bulk_create skips full_clean, where text is cleaned on the per-row path.
        clean_text_fields(activity)
        objects.append(activity)
    locations_count = sum(len(d.locations) for d in activities)
    indicators_count = sum(len(d.indicators) for d in activities)
    total = len(objects) + locations_count + indicators_count
    done = 0

    def step(n: int, message: str) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total, message)

    removed = plan.activities.count()
    _delete_content(plan)
    for i in range(0, len(objects), BATCH):
        Activity.objects.bulk_create(objects[i : i + BATCH])
        step(len(objects[i : i + BATCH]), _("Menyimpan kegiatan"))

    now = timezone.now()
    locations = []
    indicators = []
    links = []
    for activity, data in zip(objects, activities, strict=True):
        for d in data.locations:
            locations.append((activity.pk, d.region.pk, d.budget, d.target_share, 1, now, now))
        for position, d in enumerate(data.indicators):
            indicators.append((activity.pk, d.indicator, d.unit, d.baseline, d.target, position, 1, now, now))
        for target_pk in dict.fromkeys(t.pk for t in data.targets):
            links.append((activity.pk, target_pk))
    insert_rows(ActivityLocation, LOCATION_COLUMNS, locations, on_batch=lambda n: step(n, _("Menyimpan lokasi")))
    insert_rows(IndicatorTarget, INDICATOR_COLUMNS, indicators, on_batch=lambda n: step(n, _("Menyimpan indikator")))
    insert_rows(Activity.targets.through, ("activity", "developmenttarget"), links)
    bump(plan)
    plan.save()
    record_event(
        plan,
        _("Impor isi rencana%(source)s: %(activities)s kegiatan, %(locations)s lokasi, %(indicators)s indikator.")
        % {
            "source": f" ({source})" if source else "",
            "activities": len(objects),
            "locations": locations_count,
            "indicators": indicators_count,
        },
        changes={
            "activities": len(objects),
            "locations": locations_count,
            "indicators": indicators_count,
            "replaced_activities": removed,
        },
    )
    return plan


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


# The text fields whose length the database bounds, per model: the limits
# themselves are the models' `max_length`.
_ACTIVITY_TEXT = ("title", "code", "output", "implementing_office", "delegated_content", "recipient_level")
_INDICATOR_TEXT = ("indicator", "unit")


def _check(data: ActivityData, position: int) -> None:
    """The model's own field rules, cheaply: `full_clean` per row (with its
    foreign-key queries) is what makes the per-row path slow. Codes and
    references were resolved against the register by the reader."""
    problems = []
    if not data.title:
        problems.append("title")
    if data.funding_source not in _FUNDING:
        problems.append("funding_source")
    if data.executing_level not in _LEVELS:
        problems.append("executing_level")
    for name in _ACTIVITY_TEXT:
        if len(getattr(data, name) or "") > _max_length(Activity, name):
            problems.append("title" if name == "title" else "length")
    if data.budget is None or data.budget < 0 or (data.partner_budget is not None and data.partner_budget < 0):
        problems.append("budget")
    for loc in data.locations:
        if loc.budget is None or loc.budget < 0 or (loc.target_share is not None and loc.target_share < 0):
            problems.append("locations")
    for ind in data.indicators:
        if not ind.indicator or any(
            len(getattr(ind, name) or "") > _max_length(IndicatorTarget, name) for name in _INDICATOR_TEXT
        ):
            problems.append("indicators")
    if problems:
        raise ValidationError(
            _("Kegiatan ke-%(n)s (%(code)s) tidak valid: %(fields)s.")
            % {"n": position, "code": data.code or data.title[:40], "fields": ", ".join(sorted(set(problems)))}
        )


LOCATION_COLUMNS = ("activity", "region", "budget", "target_share", "version", "created_at", "updated_at")
INDICATOR_COLUMNS = (
    "activity",
    "indicator",
    "unit",
    "baseline",
    "target",
    "position",
    "version",
    "created_at",
    "updated_at",
)


_CONTENT = (Activity, ActivityLocation, IndicatorTarget, Activity.targets.through)


def _delete_content(plan: Plan) -> None:
    """Remove the plan's activities and their parts. When nothing outside
    the plan's own content points at them (no progress reports, findings
    …), a few plain DELETEs do it; otherwise Django's cascade (with its
    per-row audit entries) keeps every other record consistent."""
    referenced_elsewhere = any(
        rel.related_model not in _CONTENT
        and rel.related_model._default_manager.filter(
            **{f"{rel.field.name}__in": _content_qs(plan, rel.model)}
        ).exists()
        for model in (Activity, ActivityLocation, IndicatorTarget)
        for rel in model._meta.related_objects
    )
    if referenced_elsewhere:
        plan.activities.all().delete()
        return
    using = router.db_for_write(Activity)
    for model in (Activity.targets.through, IndicatorTarget, ActivityLocation):
        model._base_manager.filter(activity__plan=plan)._raw_delete(using)
    Activity._base_manager.filter(plan=plan)._raw_delete(using)


def _content_qs(plan: Plan, model):
    if model is Activity:
        return Activity._base_manager.filter(plan=plan)
    return model._base_manager.filter(activity__plan=plan)
