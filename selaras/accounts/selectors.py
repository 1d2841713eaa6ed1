"""Reads about accounts that are more than a one-liner."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from selaras.accounts.models import Membership, User
from selaras.core.access import READ, restrict


def user_by_login(identifier: str) -> User | None:
    """The account a login form's "username or e-mail" names, if exactly one.

    Usernames match exactly (Django's rule); e-mail addresses ignore case,
    because people type them as they please."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    condition = Q(username=identifier)
    if "@" in identifier:
        condition |= Q(email__iexact=identifier)
    found = list(User.objects.filter(condition)[:2])
    if len(found) == 1:
        return found[0]
    # A username that happens to equal someone else's e-mail: the username wins.
    return next((u for u in found if u.username == identifier), None)


def memberships_of(*, user: User, viewer: User) -> QuerySet[Membership]:
    """The memberships of `user` that `viewer` may see, newest role first."""
    qs = Membership.objects.filter(user=user).select_related("agency", "region")
    return restrict(qs, viewer, READ).order_by("-is_active", "role", "pk")
