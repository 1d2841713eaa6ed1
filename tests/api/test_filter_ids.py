"""Ids and numbers in list filters: a huge, negative or malformed value is
a clear 400 naming the parameter, on every list endpoint, never a 500."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

HUGE = "99999999999999999999"


def _segment(pattern) -> str:
    return str(pattern.pattern).lstrip("^").rstrip("$")


def _list_endpoints():
    """(url, view class) of every API list endpoint."""
    found = []

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + _segment(p))
            elif isinstance(p, URLPattern) and (p.name or "").endswith("-list"):
                cls = getattr(p.callback, "cls", None)
                route = prefix + _segment(p)
                if cls is not None and "<" not in route and "(?P" not in route:
                    found.append(("/" + route, cls))

    walk(get_resolver().url_patterns, "")
    return sorted({url: cls for url, cls in found if url.startswith("/api/")}.items())


def _int_filters():
    return [(url, f.name) for url, cls in _list_endpoints() for f in getattr(cls, "query_filters", ()) if f.type is int]


@pytest.fixture
def api(cast):
    client = APIClient()
    client.force_authenticate(cast.admin)
    return client


def test_the_walk_finds_the_id_filters():
    names = {(url, name) for url, name in _int_filters()}
    assert ("/api/activities/", "plan") in names
    assert ("/api/findings/", "plan") in names
    assert len(names) >= 12


@pytest.mark.parametrize("value", [HUGE, "-1", "0", "1.5", "1e3", "٣"])
def test_a_bad_number_in_any_filter_is_a_clear_400(api, value):
    for url, name in _int_filters():
        response = api.get(url, {name: value})
        assert response.status_code == 400, (url, name, value, response.status_code)
        body = response.json()
        assert name in body["errors"], (url, name, body)
        assert "bilangan bulat" in " ".join(body["errors"][name]), body


def test_a_good_id_still_filters(api, cast):
    response = api.get("/api/activities/", {"plan": "1"})
    assert response.status_code == 200
    assert api.get("/api/audit/", {"object_pk": str(cast.admin.pk)}).json()["count"] >= 1


@pytest.mark.parametrize("param", ["offset", "limit"])
def test_a_huge_page_position_is_not_a_server_error(api, param):
    for url, _cls in _list_endpoints():
        response = api.get(url, {param: HUGE})
        assert response.status_code < 500, (url, param, response.status_code)


def test_a_huge_id_in_a_detail_address_is_not_found(api):
    for url in ("/api/plans/", "/api/activities/", "/api/findings/", "/api/letters/", "/api/jobs/"):
        response = api.get(f"{url}{HUGE}/")
        assert response.status_code == 404, (url, response.status_code)
        assert response["Content-Type"].startswith("application/json")
