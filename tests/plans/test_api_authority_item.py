"""The activity's matrix item and recipient level through the API."""

from __future__ import annotations

from rest_framework.test import APIClient

from selaras.plans.models import Activity
from selaras.registry.models import Affair, AffairLevel, AuthorityRule
from tests.plans.test_api import activity_body


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def item(affair, text="Pengelolaan UKP rujukan tingkat Daerah provinsi", level="provinsi"):
    return AuthorityRule.objects.create(affair=affair, level=level, text=text, position=1)


def test_it_stores_and_shows_the_confirmed_item_and_the_recipient_level(plans, cast, reference):
    chosen = item(plans.affair)
    body = activity_body(plans.plan_a, reference, affair=plans.affair.code, authority_item=chosen.pk)
    body["recipient_level"] = "kabkota"
    response = client_for(cast.planner_a).post("/api/activities/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["authority_item"], data["recipient_level"]) == (chosen.pk, "kabkota")
    activity = Activity.objects.get(pk=data["id"])
    assert (activity.authority_item, activity.recipient_level) == (chosen, "kabkota")


def test_it_rejects_an_item_of_another_affair(plans, cast, reference):
    other = Affair.objects.create(code="1.02.02", name="Lain", level=AffairLevel.SUB, parent=plans.affair.parent)
    body = activity_body(plans.plan_a, reference, affair=plans.affair.code, authority_item=item(other).pk)
    response = client_for(cast.planner_a).post("/api/activities/", body, format="json")
    assert response.status_code == 400
    assert "authority_item" in response.json()["errors"]


def test_it_rejects_an_unknown_recipient_level(plans, cast, reference):
    body = activity_body(plans.plan_a, reference, recipient_level="desa")
    response = client_for(cast.planner_a).post("/api/activities/", body, format="json")
    assert response.status_code == 400
    assert "recipient_level" in response.json()["errors"]
