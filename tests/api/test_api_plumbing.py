"""The shared API plumbing: one router listing every app's endpoints, and a
service-backed viewset that never saves a serializer by itself."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from rest_framework import mixins, serializers, viewsets
from rest_framework.test import APIClient, APIRequestFactory, force_authenticate

from selaras.core.api import ServiceViewSetMixin
from selaras.registry.models import Region

OLD_URLS = {
    "api:programme-list": "/api/programmes/",
    "api:cycle-list": "/api/cycles/",
    "api:plan-list": "/api/plans/",
    "api:activity-list": "/api/activities/",
    "api:activity-location-list": "/api/activity-locations/",
    "api:plan-revision-list": "/api/plan-revisions/",
    "api:plan-transition-list": "/api/plan-transitions/",
    "api:regional-plan-list": "/api/regional-plans/",
    "api:regional-sub-activity-list": "/api/regional-sub-activities/",
    "api:check-run-list": "/api/check-runs/",
    "api:finding-list": "/api/findings/",
    "api:review-note-list": "/api/review-notes/",
    "api:letter-list": "/api/letters/",
    "api:similarity": "/api/similarity/",
    "api:region-list": "/api/regions/",
    "api:membership-list": "/api/memberships/",
    "api:audit-entry-list": "/api/audit/",
    "api:job-list": "/api/jobs/",
    "api:me": "/api/me/",
    "api:token": "/api/token/",
}


@pytest.mark.parametrize(("name", "url"), sorted(OLD_URLS.items()))
def test_every_endpoint_keeps_its_url(name, url):
    assert reverse(name) == url


def test_the_plans_detail_and_action_urls_are_unchanged():
    assert reverse("api:plan-transition", args=[7]) == "/api/plans/7/transition/"
    assert reverse("api:letter-compose") == "/api/letters/compose/"
    assert reverse("api:regional-plan-sub-activities", args=[3]) == "/api/regional-plans/3/sub-activities/"


def test_the_api_root_lists_every_apps_endpoints(cast):
    client = APIClient()
    client.force_authenticate(cast.coordinator)
    root = client.get("/api/", HTTP_ACCEPT="application/json")
    assert root.status_code == 200
    listed = set(root.json().values())
    for url in OLD_URLS.values():
        assert f"http://testserver{url}" in listed, url
    assert len(listed) >= len(OLD_URLS)


class _RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name", "level"]


class _NoServiceViewSet(ServiceViewSetMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Forgets to name a service for its writes."""

    queryset = Region.objects.all()
    serializer_class = _RegionSerializer


def test_a_service_viewset_refuses_to_save_without_a_service(cast, reference, caplog):
    view = _NoServiceViewSet.as_view({"post": "create"})
    request = APIRequestFactory().post("/x/", {"code": "99", "name": "Baru", "level": "provinsi"}, format="json")
    force_authenticate(request, cast.admin)
    response = view(request)
    # A programming error: answered as a server error and logged as one.
    assert response.status_code == 500, response.data
    assert any(isinstance(r.exc_info[1], ImproperlyConfigured) for r in caplog.records if r.exc_info)
    assert not Region.objects.filter(code="99").exists()


@pytest.mark.parametrize("method", ["perform_update", "perform_destroy"])
def test_a_service_viewset_refuses_to_change_or_delete_without_a_service(method):
    with pytest.raises(ImproperlyConfigured):
        getattr(_NoServiceViewSet(), method)(None)
