"""The plans admin obeys the same locks as the pages: a frozen plan and its
activities are read-only, and an edit on a stale copy is refused."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from selaras.accounts.models import User
from selaras.core.context import acting_as
from selaras.plans import services
from selaras.plans.models import Activity, Plan, PlanStatus
from tests.conftest import PASSWORD
from tests.plans.conftest import activity_data


@pytest.fixture
def root(db):
    return User.objects.create_superuser(username="root", email="root@selaras.test", password=PASSWORD)


@pytest.fixture
def root_client(client, root):
    assert client.login(username="root", password=PASSWORD)
    return client


def _request(user):
    request = RequestFactory().post("/admin/")
    request.user = user
    return request


def _freeze(plan, status=PlanStatus.ENDORSED):
    Plan.objects.filter(pk=plan.pk).update(status=status)
    plan.refresh_from_db()
    return plan


@pytest.mark.parametrize("status", [PlanStatus.SUBMITTED, PlanStatus.ENDORSED, PlanStatus.CLOSED])
def test_the_admin_cannot_edit_or_delete_a_frozen_plan(root, plans, status):
    plan = _freeze(plans.plan_a, status)
    model_admin = admin.site._registry[Plan]
    assert not model_admin.has_change_permission(_request(root), plan)
    assert not model_admin.has_delete_permission(_request(root), plan)
    assert model_admin.has_change_permission(_request(root), plans.plan_b)


def test_posting_to_a_frozen_plans_admin_page_is_refused(root_client, plans):
    plan = _freeze(plans.plan_a)
    page = root_client.get(f"/admin/plans/plan/{plan.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = root_client.post(
        f"/admin/plans/plan/{plan.pk}/change/",
        {"cycle": plan.cycle_id, "owner": plan.owner_id, "title": "Diubah di admin", "loaded_version": plan.version},
    )
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.title != "Diubah di admin"


def test_the_admin_cannot_edit_a_frozen_plans_activities(root, cast, plans, reference):
    with acting_as(cast.planner_a, "test"):
        activity = services.activity_create(
            plan=plans.plan_a, by=cast.planner_a, data=activity_data(reference, affair=plans.affair)
        )
    model_admin = admin.site._registry[Activity]
    assert model_admin.has_change_permission(_request(root), activity)
    _freeze(plans.plan_a)
    activity.refresh_from_db()
    assert not model_admin.has_change_permission(_request(root), activity)
    assert not model_admin.has_delete_permission(_request(root), activity)
    for inline in model_admin.get_inline_instances(_request(root), activity):
        assert not inline.has_add_permission(_request(root), activity)


def _plan_form(root, plan, **data):
    model_admin = admin.site._registry[Plan]
    form_class = model_admin.get_form(_request(root), plan)
    body = {"cycle": plan.cycle_id, "owner": plan.owner_id, "title": plan.title, "notes": plan.notes}
    return model_admin, form_class({**body, **data}, instance=plan)


def test_an_admin_edit_on_a_stale_copy_is_refused_with_what_changed(root, cast, plans):
    plan = plans.plan_a
    loaded = plan.version
    with acting_as(cast.planner_a, "test"):
        services.plan_update(plan=plan, by=cast.planner_a, expected_version=loaded, title="Judul baru", notes="")
    plan.refresh_from_db()
    _admin, form = _plan_form(root, plan, title="Judul admin", loaded_version=loaded)
    assert not form.is_valid()
    assert "sejak Anda membukanya" in " ".join(form.non_field_errors())


def test_an_admin_edit_must_carry_the_version(root, plans):
    _admin, form = _plan_form(root, plans.plan_a, title="Judul admin")
    assert not form.is_valid()
    assert "loaded_version" in form.errors


def test_saving_through_the_admin_bumps_the_version(root, plans):
    plan = plans.plan_a
    before = plan.version
    model_admin, form = _plan_form(root, plan, title="Judul admin", loaded_version=before)
    assert form.is_valid(), form.errors
    model_admin.save_model(_request(root), form.save(commit=False), form, change=True)
    plan.refresh_from_db()
    assert (plan.title, plan.version) == ("Judul admin", before + 1)
