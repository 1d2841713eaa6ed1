"""Audit history: admin changes are recorded with actor, channel and field
changes; the history page, the include and the API show them only to those
who may read the record; secrets never enter the trail."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from selaras.audit.models import AuditAction, AuditEntry
from selaras.audit.selectors import history_for
from selaras.registry.models import Agency, Region


def entries_for(obj, model=None):
    ct = ContentType.objects.get_for_model(model or type(obj))
    return AuditEntry.objects.filter(content_type=ct, object_pk=obj.pk).order_by("id")


@pytest.fixture
def staff_admin(cast):
    # The national administrator also operates Django's admin site.
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    return cast.admin


def test_a_region_changed_in_the_admin_is_audited_with_actor_and_fields(client, staff_admin, reference):
    client.force_login(staff_admin)
    banyumas = reference.banyumas
    response = client.post(
        reverse("admin:registry_region_change", args=[banyumas.pk]),
        {
            "name": "Kabupaten Banyumas Raya",
            "kind": "kabupaten",
            "parent": reference.jateng.pk,
            "valid_from": "",
            "valid_until": "",
            "_save": "Simpan",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    update = entries_for(banyumas).get(action=AuditAction.UPDATE)
    assert update.actor == staff_admin
    assert update.via == "admin"
    assert update.changes == {"name": ["Kabupaten Banyumas", "Kabupaten Banyumas Raya"]}


def test_a_region_deleted_in_the_admin_is_audited_with_its_last_values(client, staff_admin, reference):
    client.force_login(staff_admin)
    lumbir = reference.banyumas_kec
    pk = lumbir.pk
    response = client.post(reverse("admin:registry_region_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Region.objects.filter(pk=pk).exists()
    deleted = AuditEntry.objects.get(content_type__model="region", object_pk=pk, action=AuditAction.DELETE)
    assert (deleted.actor, deleted.via) == (staff_admin, "admin")
    assert deleted.changes["code"] == ["33.02.01", None]
    assert deleted.changes["name"] == ["Lumbir", None]


def test_a_record_created_in_the_admin_is_audited(client, staff_admin, reference):
    # Regions come only from the official code list, so creation is shown on an agency.
    client.force_login(staff_admin)
    response = client.post(
        reverse("admin:registry_agency_add"),
        {
            "code": "025",
            "name": "Kementerian Agama",
            "short_name": "Kemenag",
            "kind": "ministry",
            "budget_code": "025",
            "parent": "",
            "region": "",
            "valid_from_year": "",
            "valid_until_year": "",
            "source": "",
            "_save": "Simpan",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = entries_for(Agency.objects.get(code="025")).get()
    assert (created.action, created.actor, created.via) == (AuditAction.CREATE, staff_admin, "admin")
    assert created.changes["name"] == [None, "Kementerian Agama"]


def test_password_changes_never_enter_the_trail(client, staff_admin, cast):
    client.force_login(staff_admin)
    user = cast.viewer
    response = client.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": "kata-sandi-baru-2025", "password2": "kata-sandi-baru-2025", "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.check_password("kata-sandi-baru-2025")
    # Alongside a visible change, the password still stays out.
    user.full_name = "Pemantau Bappenas"
    user.set_password("lagi-yang-lain-2026")
    user.save()
    assert entries_for(user).last().changes == {"full_name": ["Pemantau", "Pemantau Bappenas"]}
    for entry in AuditEntry.objects.all():
        assert "password" not in entry.changes
        assert user.password not in str(entry.changes)


def test_history_page_lists_who_when_and_what(client, staff_admin, cast, reference):
    client.force_login(staff_admin)
    client.post(
        reverse("admin:registry_region_change", args=[reference.banyumas.pk]),
        {
            "name": "Kabupaten Banyumas Raya",
            "kind": "kabupaten",
            "parent": reference.jateng.pk,
            "valid_from": "",
            "valid_until": "",
            "_save": "Simpan",
        },
    )
    client.force_login(cast.officer_papua)  # reference data is public: anyone signed in may read its history
    response = client.get(reverse("audit:history", args=["registry.region", reference.banyumas.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kabupaten Banyumas Raya" in html
    assert 'data-field="name"' in html
    assert "admin" in html


def test_history_of_a_record_one_cannot_read_is_not_found(client, cast):
    client.force_login(cast.planner_a)
    url = reverse("audit:history", args=["accounts.user", cast.planner_b.pk])
    assert client.get(url).status_code == 404
    own = reverse("audit:history", args=["accounts.user", cast.planner_a.pk])
    assert client.get(own).status_code == 200


def test_history_of_an_unknown_kind_is_not_found(client, cast):
    client.force_login(cast.admin)
    assert client.get(reverse("audit:history", args=["auth.permission", 1])).status_code == 404
    assert client.get(reverse("audit:history", args=["audit.auditentry", 1])).status_code == 404


def test_history_asks_anonymous_visitors_to_sign_in(client, reference):
    response = client.get(reverse("audit:history", args=["registry.region", reference.jateng.pk]))
    assert response.status_code == 302


def test_history_for_goes_through_the_permission_layer(cast):
    assert history_for(cast.planner_a, cast.planner_b).count() == 0
    assert history_for(cast.admin, cast.planner_b).count() >= 1
    assert history_for(None, cast.planner_a).count() == 0


def test_audit_api_hides_histories_one_cannot_read(cast):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(cast.planner_a)
    other = api.get(f"/api/audit/?content_type=accounts.user&object_pk={cast.planner_b.pk}").json()
    own = api.get(f"/api/audit/?content_type=accounts.user&object_pk={cast.planner_a.pk}").json()
    assert other["count"] == 0
    assert own["count"] >= 1


def test_audit_entries_are_read_only_in_the_admin(client, staff_admin, reference):
    client.force_login(staff_admin)
    entry = AuditEntry.objects.first()
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
