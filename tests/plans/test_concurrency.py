import pytest

from selaras.core.context import acting_as
from selaras.core.versioning import StaleEdit
from selaras.plans import services
from tests.plans.conftest import activity_data


def test_it_rejects_a_stale_activity_edit_and_says_what_changed(plans, cast, reference):
    with acting_as(cast.planner_a, "web"):
        activity = services.activity_create(
            plan=plans.plan_a, by=cast.planner_a, data=activity_data(reference, plans.affair)
        )
        loaded_version = activity.version
        services.activity_update(
            activity=activity,
            by=cast.planner_a,
            expected_version=loaded_version,
            data=activity_data(reference, plans.affair, title="Pelatihan kader Posyandu terpadu"),
        )
        with pytest.raises(StaleEdit) as err:
            services.activity_update(
                activity=activity,
                by=cast.planner_a,
                expected_version=loaded_version,
                data=activity_data(reference, plans.affair, title="Judul yang akan hilang"),
            )
    activity.refresh_from_db()
    assert activity.title == "Pelatihan kader Posyandu terpadu"
    assert err.value.current_version == loaded_version + 1
    (change,) = err.value.changes
    assert change["by"] == "perencana_a"
    assert change["changes"]["title"] == ["Pelatihan kader Posyandu", "Pelatihan kader Posyandu terpadu"]


def test_it_rejects_a_stale_plan_header_edit(plans, cast):
    plan = plans.plan_a
    services.plan_update(plan=plan, by=cast.planner_a, expected_version=plan.version, title="RKT 2024 v2", notes="")
    with pytest.raises(StaleEdit):
        services.plan_update(plan=plan, by=cast.planner_a, expected_version=plan.version, title="Lama", notes="")
    plan.refresh_from_db()
    assert plan.title == "RKT 2024 v2"
