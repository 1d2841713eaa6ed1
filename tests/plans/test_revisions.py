from decimal import Decimal

from selaras.plans import services
from selaras.plans.revisions import diff_snapshots
from selaras.plans.services import LocationData
from tests.plans.conftest import activity_data


def test_diff_shows_added_removed_and_changed_per_activity_and_location(plans, cast, reference):
    plan = plans.plan_a
    kept = services.activity_create(plan=plan, by=cast.planner_a, data=activity_data(reference, plans.affair))
    dropped = services.activity_create(
        plan=plan, by=cast.planner_a, data=activity_data(reference, title="Sosialisasi ASI eksklusif")
    )
    plan = services.plan_transition(plan=plan, action="submit", by=cast.planner_a)
    plan = services.plan_transition(plan=plan, action="return", by=cast.coordinator, comment="Perbaiki lokasi")

    kept.refresh_from_db()
    services.activity_update(
        activity=kept,
        by=cast.planner_a,
        expected_version=kept.version,
        data=activity_data(
            reference,
            plans.affair,
            budget="350000000",
            locations=[
                LocationData(reference.banyumas, Decimal("250000000")),
                LocationData(reference.jayapura, Decimal("100000000")),
            ],
        ),
    )
    dropped.refresh_from_db()
    services.activity_delete(activity=dropped, by=cast.planner_a, expected_version=dropped.version)
    services.activity_create(plan=plan, by=cast.planner_a, data=activity_data(reference, title="Imunisasi kejar"))
    plan = services.plan_transition(plan=plan, action="submit", by=cast.planner_a)

    r1, r2 = plan.revisions.order_by("number")
    diff = diff_snapshots(r1.snapshot, r2.snapshot)
    kinds = {d.title: d for d in diff.activities}
    assert kinds["Imunisasi kejar"].kind == "added"
    assert kinds["Sosialisasi ASI eksklusif"].kind == "removed"
    changed = kinds["Pelatihan kader Posyandu"]
    assert changed.kind == "changed"
    assert [(f.field, f.before, f.after) for f in changed.fields] == [("budget", "300000000", "350000000")]
    assert changed.locations_added == ["91.03"]
    assert changed.locations_removed == ["33.01"]
    assert [(f.field, f.before, f.after) for f in changed.locations_changed["33.02"]] == [
        ("budget", "200000000", "250000000")
    ]


def test_identical_revisions_have_an_empty_diff(plans, cast, reference):
    services.activity_create(plan=plans.plan_a, by=cast.planner_a, data=activity_data(reference, plans.affair))
    plan = services.plan_transition(plan=plans.plan_a, action="submit", by=cast.planner_a)
    snap = plan.revisions.get().snapshot
    assert diff_snapshots(snap, snap).is_empty
