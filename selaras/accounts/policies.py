"""Access policies for accounts, registered into the one permission layer.

A user sees and edits their own account; national administrators all. An
administrator of an agency or a region sees the memberships inside that
scope and the users holding them (who works where); editing those accounts
and granting roles stays national, since an account may hold roles outside
the scope too (no create check is registered for memberships: national
administrators only, as `accounts.services` does)."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Q

from selaras.core.access import EVERYTHING, NOTHING, READ, WRITE, Grants, create_check, policy


def _memberships_in_admin_scope(grants: Grants) -> Q:
    return grants.scoped_admin_q("agency_id", "region__code")


@policy("accounts.user", READ)
def _user_read(grants: Grants) -> Q:
    if grants.is_admin:
        return EVERYTHING
    if not grants.user_id:
        return NOTHING
    own = Q(pk=grants.user_id)
    if grants.is_scoped_admin:
        Membership = apps.get_model("accounts", "Membership")
        in_scope = Membership.objects.filter(_memberships_in_admin_scope(grants)).values("user_id")
        return own | Q(pk__in=in_scope)
    return own


@policy("accounts.user", WRITE)
def _user_write(grants: Grants) -> Q:
    if grants.is_admin:
        return EVERYTHING
    return Q(pk=grants.user_id) if grants.user_id else NOTHING


@policy("accounts.membership", READ)
def _membership_read(grants: Grants) -> Q:
    if grants.is_admin:
        return EVERYTHING
    if not grants.user_id:
        return NOTHING
    return Q(user_id=grants.user_id) | _memberships_in_admin_scope(grants)


@policy("accounts.membership", WRITE)
def _membership_write(grants: Grants) -> Q:
    return EVERYTHING if grants.is_admin else NOTHING


@create_check("accounts.membership")
def _membership_create(grants: Grants, **context) -> bool:
    # Granting a role is an administrator's act, whatever its scope.
    return grants.is_admin
