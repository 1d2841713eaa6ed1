from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from selaras.accounts import services
from selaras.accounts.models import Membership, Role, User
from selaras.core.access import grants_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db):
    return User.objects.create_user(username="baru", email="baru@selaras.test", password="x")


def test_a_regional_officer_needs_a_region(cast, reference, newcomer):
    with pytest.raises(ValidationError) as error:
        services.membership_grant(user=newcomer, role=Role.REGIONAL, agency=reference.pemprov_jateng, by=cast.admin)
    assert "region" in error.value.message_dict
    assert not Membership.objects.filter(user=newcomer).exists()


def test_a_planner_needs_an_agency(cast, reference, newcomer):
    with pytest.raises(ValidationError) as error:
        services.membership_grant(user=newcomer, role=Role.PLANNER, by=cast.admin)
    assert "agency" in error.value.message_dict


def test_a_scope_is_an_agency_or_a_region_not_both(cast, reference, newcomer):
    with pytest.raises(ValidationError):
        services.membership_grant(
            user=newcomer, role=Role.VIEWER, agency=reference.ministry_a, region=reference.jateng, by=cast.admin
        )


def test_viewers_and_admins_take_any_scope(cast, reference, newcomer):
    services.membership_grant(user=newcomer, role=Role.VIEWER, by=cast.admin)
    services.membership_grant(user=newcomer, role=Role.VIEWER, region=reference.papua, by=cast.admin)
    services.membership_grant(user=newcomer, role=Role.COORDINATOR, agency=reference.supd4, by=cast.admin)
    assert Membership.objects.filter(user=newcomer, is_active=True).count() == 3


def test_only_administrators_grant(cast, reference, newcomer):
    with pytest.raises(ValidationError):
        services.membership_grant(user=newcomer, role=Role.VIEWER, by=cast.coordinator)
    assert not Membership.objects.filter(user=newcomer).exists()


def test_granting_twice_is_refused(cast, reference, newcomer):
    services.membership_grant(user=newcomer, role=Role.VIEWER, by=cast.admin)
    with pytest.raises(ValidationError):
        services.membership_grant(user=newcomer, role=Role.VIEWER, by=cast.admin)


def test_grant_and_revoke_change_what_the_user_may_do_at_once(cast, reference, newcomer):
    assert not grants_for(newcomer).has_role(Role.PLANNER)  # caches on the user
    membership = services.membership_grant(user=newcomer, role=Role.PLANNER, agency=reference.ministry_a, by=cast.admin)
    assert reference.ministry_a_unit.pk in grants_for(newcomer).agency_ids(Role.PLANNER)

    services.membership_revoke(membership=membership, by=cast.admin)
    assert not grants_for(newcomer).has_role(Role.PLANNER)
    membership.refresh_from_db()
    assert membership.is_active is False  # kept for the history


def test_granting_a_revoked_membership_reactivates_it(cast, reference, newcomer):
    membership = services.membership_grant(user=newcomer, role=Role.VIEWER, by=cast.admin)
    services.membership_revoke(membership=membership, by=cast.admin)
    again = services.membership_grant(user=newcomer, role=Role.VIEWER, by=cast.admin)
    assert again.pk == membership.pk and again.is_active


def test_the_admin_form_refuses_a_regional_officer_without_region(cast, reference, newcomer):
    from selaras.accounts.forms import MembershipAdminForm

    form = MembershipAdminForm(data={"user": newcomer.pk, "role": Role.REGIONAL, "is_active": True})
    assert not form.is_valid()
    assert "region" in form.errors


def test_a_users_name_and_position_are_cleaned_of_control_characters(db):
    from selaras.accounts.models import User

    user = User(username="bersih", full_name="Budi\x0b Santoso\x1b", position="Kepala\x00 Bidang")
    user.set_password("rahasia-uji-123")
    user.full_clean()
    assert "\x0b" not in user.full_name and "\x1b" not in user.full_name
    assert user.full_name.split() == ["Budi", "Santoso"]
    assert "\x00" not in user.position
