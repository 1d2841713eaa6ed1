"""The one place that answers "which records may this user see or change".

Every page, API endpoint, export and selector asks `restrict(queryset, user,
action)`; nothing else filters by permission. A user's power comes only from
memberships (role × scope):

- national scope: the whole country;
- agency scope: that agency and all its units;
- region scope: that region and everything below it.

Each kind of record has a policy below: a function per action returning a
`Q` over that model, built from the user's `Grants`. Adding a model means
adding its policy here and a row to the permission-leak tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import reduce
from operator import or_

from django.apps import apps
from django.db import models
from django.db.models import Q

READ = "read"
WRITE = "write"

NOTHING = Q(pk__in=[])
EVERYTHING = Q()


class RoleName(StrEnum):
    # Mirrors accounts.Role without importing models at module load.
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    PLANNER = "planner"
    REGIONAL = "regional"
    VIEWER = "viewer"


@dataclass
class Grants:
    """What one user's active memberships add up to, per role."""

    user_id: int | None = None
    national: set[str] = field(default_factory=set)
    agencies: dict[str, set[int]] = field(default_factory=dict)
    regions: dict[str, set[str]] = field(default_factory=dict)

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    @property
    def is_admin(self) -> bool:
        """A national administrator. An administrator membership scoped to
        an agency or a region administers accounts inside that scope only
        (see `scoped_admin_q`); it never opens the whole system."""
        return RoleName.ADMIN in self.national

    @property
    def is_scoped_admin(self) -> bool:
        return bool(self.agencies.get(RoleName.ADMIN) or self.regions.get(RoleName.ADMIN))

    def scoped_admin_q(self, agency_lookup: str, region_lookup: str) -> Q:
        """Records whose agency (at `agency_lookup`) or region code (at
        `region_lookup`) lies inside one of the user's administrator scopes."""
        q = NOTHING
        agency_ids = self.agency_ids(RoleName.ADMIN)
        if agency_ids:
            q |= Q(**{f"{agency_lookup}__in": sorted(agency_ids)})
        if self.region_codes(RoleName.ADMIN):
            q |= self.region_q(region_lookup, RoleName.ADMIN)
        return q

    def has_role(self, role: str) -> bool:
        return role in self.national or bool(self.agencies.get(role)) or bool(self.regions.get(role))

    def is_national(self, *roles: str) -> bool:
        return any(role in self.national for role in roles)

    def agency_ids(self, *roles: str) -> set[int]:
        return set().union(*(self.agencies.get(role, set()) for role in roles))

    def region_codes(self, *roles: str) -> set[str]:
        return set().union(*(self.regions.get(role, set()) for role in roles))

    def region_q(self, lookup: str, *roles: str) -> Q:
        """Records whose region code (at `lookup`) is inside one of the
        user's region scopes for these roles."""
        codes = self.region_codes(*roles)
        if not codes:
            return NOTHING
        return reduce(or_, (Q(**{lookup: code}) | Q(**{f"{lookup}__startswith": f"{code}."}) for code in sorted(codes)))


def agency_subtree_ids(root_ids: set[int]) -> set[int]:
    """The agencies given and every unit below them (agency trees are small)."""
    Agency = apps.get_model("registry", "Agency")
    found = set(root_ids)
    frontier = set(root_ids)
    while frontier:
        frontier = set(Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return found


def grants_for(user) -> Grants:
    """Memberships of this user, expanded, cached on the user for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        # A deactivated account is treated as a visitor, even for its own records.
        return Grants()
    cached = getattr(user, "_selaras_grants", None)
    if cached is not None:
        return cached
    grants = Grants(user_id=user.pk)
    memberships = user.memberships.filter(is_active=True).select_related("region")
    if user.is_active:
        for m in memberships:
            if m.agency_id:
                grants.agencies.setdefault(m.role, set()).add(m.agency_id)
            elif m.region_id:
                grants.regions.setdefault(m.role, set()).add(m.region.code)
            else:
                grants.national.add(m.role)
        for role, roots in grants.agencies.items():
            grants.agencies[role] = agency_subtree_ids(roots)
    user._selaras_grants = grants
    return grants


def forget_grants(user) -> None:
    """Call after changing a user's memberships within the same request."""
    if hasattr(user, "_selaras_grants"):
        del user._selaras_grants


Policy = Callable[[Grants], Q]
_POLICIES: dict[tuple[str, str], Policy] = {}


def policy(model_label: str, action: str) -> Callable[[Policy], Policy]:
    def register(func: Policy) -> Policy:
        _POLICIES[(model_label.lower(), action)] = func
        return func

    return register


def policy_for(model: type[models.Model], action: str) -> Policy:
    try:
        return _POLICIES[(model._meta.label_lower, action)]
    except KeyError:
        # A model without a policy is a programming error, never "allow".
        raise LookupError(f"No access policy for {model._meta.label} / {action}") from None


def restrict(queryset: models.QuerySet, user, action: str = READ) -> models.QuerySet:
    """The records of `queryset` that `user` may `action` (read or write)."""
    if action not in (READ, WRITE):
        raise ValueError(f"Unknown action {action!r}")
    q = policy_for(queryset.model, action)(grants_for(user))
    return queryset.filter(q).distinct() if _needs_distinct(q) else queryset.filter(q)


def can(user, action: str, obj: models.Model) -> bool:
    """Whether `user` may `action` this one record."""
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user, action).exists()


def can_create(user, model: type[models.Model], **context) -> bool:
    """Whether `user` may create a record of `model` (for buttons and forms).

    For scoped kinds, services check the concrete record with `can` after
    building it; this answers the coarse question "may create any"."""
    grants = grants_for(user)
    if grants.is_anonymous:
        return False
    checker = _CREATE_CHECKS.get(model._meta.label_lower)
    if checker is None:
        return grants.is_admin
    return checker(grants, **context)


_CREATE_CHECKS: dict[str, Callable[..., bool]] = {}


def _needs_distinct(q: Q) -> bool:
    # Policies that traverse multi-valued relations mark themselves with
    # a "__" in a to-many lookup; distinct keeps rows unique there.
    return getattr(q, "_selaras_distinct", False)


def registered_models() -> list[str]:
    return sorted({label for label, _ in _POLICIES})


# ---------------------------------------------------------------------------
# Reference data: public to read (the open-data portal shows it), written by
# administrators only.
# ---------------------------------------------------------------------------
REFERENCE_MODELS = (
    "registry.region",
    "registry.regionboundary",
    "registry.agency",
    "registry.affair",
    "registry.authorityrule",
    "registry.targetframework",
    "registry.developmenttarget",
)


def _public(grants: Grants) -> Q:
    return EVERYTHING


def _admin_only(grants: Grants) -> Q:
    return EVERYTHING if grants.is_admin else NOTHING


for _label in REFERENCE_MODELS:
    policy(_label, READ)(_public)
    policy(_label, WRITE)(_admin_only)


# ---------------------------------------------------------------------------
# Accounts: a user sees and edits their own account; national administrators
# all. An administrator of an agency or a region sees the memberships inside
# that scope and the users holding them (who works where); editing those
# accounts and granting roles stays national, since an account may hold
# roles outside the scope too.
# ---------------------------------------------------------------------------
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


# Granting stays with national administrators, as `accounts.services` does.
policy("accounts.membership", WRITE)(_admin_only)


# ---------------------------------------------------------------------------
# Audit: the history of a record is visible to whoever may see the record.
# Nobody writes audit entries through the permission layer.
# ---------------------------------------------------------------------------
@policy("audit.auditentry", READ)
def _audit_read(grants: Grants) -> Q:
    if grants.is_anonymous:
        return NOTHING
    if grants.is_admin:
        return EVERYTHING
    from django.contrib.contenttypes.models import ContentType

    parts = []
    for label, action in list(_POLICIES):
        if action != READ or label == "audit.auditentry":
            continue
        model = apps.get_model(label)
        q = _POLICIES[(label, READ)](grants)
        ct = ContentType.objects.get_for_model(model)
        if q == EVERYTHING:
            parts.append(Q(content_type=ct))
        elif q != NOTHING:
            visible = model._default_manager.filter(q).values("pk")
            parts.append(Q(content_type=ct, object_pk__in=visible))
    return reduce(or_, parts) if parts else NOTHING


@policy("audit.auditentry", WRITE)
def _audit_write(grants: Grants) -> Q:
    return NOTHING


# ---------------------------------------------------------------------------
# Background jobs: the person who started one and national administrators
# read it (its progress, reason for failure, result). Jobs change only
# through selaras.core.jobs, never through the permission layer.
# ---------------------------------------------------------------------------
@policy("core.job", READ)
def _job_read(grants: Grants) -> Q:
    if grants.is_admin:
        return EVERYTHING
    return Q(started_by_id=grants.user_id) if grants.user_id else NOTHING


@policy("core.job", WRITE)
def _job_write(grants: Grants) -> Q:
    return NOTHING
