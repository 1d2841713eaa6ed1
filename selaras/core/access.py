"""The one place that answers "which records may this user see or change".

Every page, API endpoint, export and selector asks `restrict(queryset, user,
action)`; nothing else filters by permission. A user's power comes only from
memberships (role × scope):

- national scope: the whole country;
- agency scope: that agency and all its units;
- region scope: that region and everything below it.

A policy is a function of the user's `Grants` returning a `Q` over one
model, registered for one action: `read` and `write` for every model, and
any other verb a domain needs (`own`, `coordinate`, `respond`, `run_check`,
`plan_for`…). Every check is then `restrict(queryset, user, action)` or
`can(user, action, obj)`; "may create one" is `can_create(user, model,
**context)`, answered by the model's registered create check.

This module holds only the registry, `Grants` and those questions. The
policies live in each app's `policies.py`, imported by its `AppConfig.ready`
(see docs/adding-a-model.md). Asking about an action no policy was
registered for raises `NoPolicy`: a missing rule is a programming error,
never "allow" and never a silent "deny".
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


def any_of(parts: list[Q]) -> Q:
    """The union of policy parts. `X | Q()` is X in Django, so an empty Q
    (everything) must not be OR-ed away: it wins outright."""
    parts = [p for p in parts if p != NOTHING]
    if any(p == EVERYTHING for p in parts):
        return EVERYTHING
    return reduce(or_, parts) if parts else NOTHING


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

    def covers_region(self, code: str, *roles: str) -> bool:
        """Whether the region `code` lies inside one of the user's region
        scopes for these roles (the region itself or below it)."""
        return any(code == c or code.startswith(f"{c}.") for c in self.region_codes(*roles))

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
CreateCheck = Callable[..., bool]
_POLICIES: dict[tuple[str, str], Policy] = {}
_CREATE_CHECKS: dict[str, CreateCheck] = {}


class NoPolicy(LookupError):
    """No policy answers this model and action: a programming error."""


def policy(model_label: str, action: str) -> Callable[[Policy], Policy]:
    """Register `func(grants) -> Q` as the rule for `action` on the model."""

    def register(func: Policy) -> Policy:
        _POLICIES[(model_label.lower(), action)] = func
        return func

    return register


def create_check(model_label: str) -> Callable[[CreateCheck], CreateCheck]:
    """Register `func(grants, **context) -> bool` as the answer to "may this
    user create a record of the model" (context: e.g. the owner or the
    coordinating unit it would have). Without context it answers the
    coarse question "may create any" (for buttons)."""

    def register(func: CreateCheck) -> CreateCheck:
        _CREATE_CHECKS[model_label.lower()] = func
        return func

    return register


def policy_for(model: type[models.Model], action: str) -> Policy:
    try:
        return _POLICIES[(model._meta.label_lower, action)]
    except KeyError:
        raise NoPolicy(f"No access policy for {model._meta.label} / {action}") from None


def policies_for(action: str) -> dict[str, Policy]:
    """Every registered policy for `action`, by model label."""
    return {label: func for (label, act), func in _POLICIES.items() if act == action}


def restrict(queryset: models.QuerySet, user, action: str = READ) -> models.QuerySet:
    """The records of `queryset` that `user` may `action`."""
    return queryset.filter(policy_for(queryset.model, action)(grants_for(user)))


def allows(grants: Grants, action: str, obj: models.Model) -> bool:
    """Whether these grants allow `action` on this one record (for create
    checks and policies, which receive grants rather than a user)."""
    q = policy_for(type(obj), action)(grants)
    return type(obj)._default_manager.filter(pk=obj.pk).filter(q).exists()


def can(user, action: str, obj: models.Model) -> bool:
    """Whether `user` may `action` this one record."""
    return allows(grants_for(user), action, obj)


def holds_any(user, action: str, model: type[models.Model]) -> bool:
    """Whether the user's grants open `action` on any record of `model` at
    all, whatever the data (e.g. "is a coordinator of something")."""
    return policy_for(model, action)(grants_for(user)) != NOTHING


def can_create(user, model: type[models.Model], **context) -> bool:
    """Whether `user` may create a record of `model` with this context.

    A model without a registered create check is created by national
    administrators only (reference data, accounts)."""
    grants = grants_for(user)
    if grants.is_anonymous:
        return False
    checker = _CREATE_CHECKS.get(model._meta.label_lower)
    if checker is None:
        return grants.is_admin
    return checker(grants, **context)


def registered_models() -> list[str]:
    return sorted({label for label, _ in _POLICIES})
