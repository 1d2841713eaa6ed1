"""The REST API: schema and docs, token sign-in, public reference data,
pagination, filters, and clear errors."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from selaras.accounts.models import Membership, Role
from tests.conftest import PASSWORD


@pytest.fixture
def api():
    return APIClient()


def test_schema_is_an_openapi_document_with_our_paths(api, db):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.")
    for path in (
        "/api/regions/",
        "/api/regions/{code}/",
        "/api/agencies/",
        "/api/affairs/",
        "/api/authority-rules/",
        "/api/target-frameworks/",
        "/api/development-targets/",
        "/api/memberships/",
        "/api/audit/",
        "/api/me/",
        "/api/token/",
    ):
        assert path in doc["paths"], path
    params = {p["name"] for p in doc["paths"]["/api/regions/"]["get"]["parameters"]}
    assert {"level", "parent", "within", "search", "limit", "offset"} <= params


def test_docs_page_loads_swagger_from_this_site_only(api, db):
    response = api.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    for cdn in ("cdn", "unpkg", "jsdelivr", "//"):
        assert cdn not in html.replace("http://www.w3.org", ""), cdn
    # The start-up script comes from a URL, never inline.
    assert "<script>" not in html
    script = api.get("/api/docs/?script=")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_docs_static_assets_are_served(client, db):
    response = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert response.status_code == 200


def test_anonymous_visitors_read_reference_data(api, reference):
    for url in (
        "/api/regions/",
        "/api/agencies/",
        "/api/affairs/",
        "/api/authority-rules/",
        "/api/target-frameworks/",
        "/api/development-targets/",
    ):
        assert api.get(url).status_code == 200, url
    assert api.get("/api/regions/33.02.01/").json()["name"] == "Lumbir"


def test_anonymous_visitors_cannot_read_me_or_audit(api, reference):
    assert api.get("/api/me/").status_code in (401, 403)
    assert api.get("/api/audit/").status_code in (401, 403)
    assert api.get("/api/memberships/").status_code in (401, 403)


def test_token_sign_in_then_token_authenticates(api, cast):
    response = api.post("/api/token/", {"username": "perencana_a", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api.get("/api/me/")
    assert me.status_code == 200
    body = me.json()
    assert body["username"] == "perencana_a"
    assert [(m["role"], m["agency"]) for m in body["memberships"]] == [("planner", "024")]


def test_token_sign_in_by_email_works(api, cast):
    response = api.post("/api/token/", {"username": "perencana_a@selaras.test", "password": PASSWORD}, format="json")
    assert response.status_code == 200


def test_token_is_refused_with_a_wrong_password(api, cast):
    response = api.post("/api/token/", {"username": "perencana_a", "password": "salah"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"]


def test_token_is_refused_to_a_locked_account_even_with_the_right_password(api, cast, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        api.post("/api/token/", {"username": "perencana_a", "password": "salah"}, format="json")
    response = api.post("/api/token/", {"username": "perencana_a", "password": PASSWORD}, format="json")
    assert response.status_code == 400
    assert "dikunci" in response.json()["errors"]["non_field_errors"][0]


def test_a_bad_token_is_refused(api, cast):
    api.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")
    response = api.get("/api/me/")
    assert response.status_code in (401, 403)
    assert "token" in response.json()["detail"].lower()


def test_lists_are_paginated(api, reference):
    first = api.get("/api/regions/?limit=2").json()
    assert first["count"] == 6
    assert [r["code"] for r in first["results"]] == ["33", "33.01"]
    second = api.get(first["next"]).json()
    assert [r["code"] for r in second["results"]] == ["33.02", "33.02.01"]


@pytest.mark.parametrize(
    "query,codes",
    [
        ("level=provinsi", ["33", "91"]),
        ("parent=33", ["33.01", "33.02"]),
        ("within=33.02", ["33.02", "33.02.01"]),
        ("search=banyumas", ["33.02"]),
        ("search=jayapura&level=kabkota", ["91.03"]),
    ],
)
def test_region_filters(api, reference, query, codes):
    assert [r["code"] for r in api.get(f"/api/regions/?{query}").json()["results"]] == codes


def test_agency_filters(api, reference):
    def codes(query):
        return sorted(a["code"] for a in api.get(f"/api/agencies/?{query}").json()["results"])

    assert codes("kind=partner") == ["mitra.unicef"]
    assert codes("parent=024") == ["024.kesmas"]
    assert codes("search=kesehatan") == ["024", "024.kesmas"]
    reference.ministry_b.valid_from_year = 2025
    reference.ministry_b.save()
    assert "139" not in codes("valid_in=2024")
    assert "139" in codes("valid_in=2025")


def test_affair_and_rule_filters(api, db):
    from selaras.registry.models import Affair, AuthorityRule

    field = Affair.objects.create(code="1.01", name="Pendidikan", level="field")
    sub = Affair.objects.create(code="1.01.01", name="Manajemen Pendidikan", level="sub", parent=field)
    Affair.objects.create(code="1.02", name="Kesehatan", level="field")
    AuthorityRule.objects.create(affair=sub, level="pusat", text="Standar nasional")
    AuthorityRule.objects.create(affair=sub, level="provinsi", text="Pendidikan menengah")
    assert [a["code"] for a in api.get("/api/affairs/?level=field").json()["results"]] == ["1.01", "1.02"]
    assert [a["code"] for a in api.get("/api/affairs/?parent=1.01").json()["results"]] == ["1.01.01"]
    rules = api.get("/api/authority-rules/?affair=1.01.01&level=provinsi").json()["results"]
    assert [r["text"] for r in rules] == ["Pendidikan menengah"]


def test_a_bad_filter_value_names_the_parameter(api, reference):
    response = api.get("/api/regions/?level=negara")
    assert response.status_code == 400
    assert "level" in response.json()["errors"]
    response = api.get("/api/agencies/?valid_in=tahun")
    assert response.status_code == 400
    assert "valid_in" in response.json()["errors"]


def test_an_unknown_record_is_a_clear_404(api, reference):
    response = api.get("/api/regions/99/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_admin_grants_and_revokes_memberships(api, cast, reference):
    api.force_authenticate(cast.admin)
    response = api.post("/api/memberships/", {"user": "perencana_b", "role": "regional", "region": "91"}, format="json")
    assert response.status_code == 201, response.content
    created = Membership.objects.get(pk=response.json()["id"])
    assert (created.user, created.role, created.region) == (cast.planner_b, Role.REGIONAL, reference.papua)
    assert api.delete(f"/api/memberships/{created.pk}/").status_code == 204
    created.refresh_from_db()
    assert not created.is_active


def test_membership_rules_are_reported_by_field(api, cast):
    api.force_authenticate(cast.admin)
    response = api.post("/api/memberships/", {"user": "perencana_b", "role": "regional"}, format="json")
    assert response.status_code == 400
    assert "region" in response.json()["errors"]
    assert Membership.objects.filter(user=cast.planner_b).count() == 1


def test_others_cannot_grant_memberships(api, cast):
    api.force_authenticate(cast.coordinator)
    response = api.post("/api/memberships/", {"user": "koordinator", "role": "admin"}, format="json")
    assert response.status_code == 403
    assert not Membership.objects.filter(user=cast.coordinator, role="admin").exists()


def test_audit_api_filters_by_record(api, cast, reference):
    api.force_authenticate(cast.viewer)
    rows = api.get(f"/api/audit/?content_type=registry.region&object_pk={reference.banyumas.pk}").json()["results"]
    assert [(r["action"], r["object_pk"]) for r in rows] == [("create", reference.banyumas.pk)]
    assert api.get("/api/audit/?content_type=nosuch.model").status_code == 400
