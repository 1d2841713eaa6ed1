"""The matrix item an activity being typed seems to carry out, for the
activity form's suggestion: the same matcher the authority checks use when
no item was confirmed, so what the planner is shown is what the check would
infer."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Max

from selaras.core.access import READ, restrict
from selaras.plans.forms import authority_items
from selaras.registry.models import Affair, AuthorityRule
from selaras.sync.authority.matcher import ItemIndex, ItemMatch

_INDEX: dict[str, object] = {}


@dataclass
class ItemSuggestion:
    affair: Affair | None
    items: list[AuthorityRule] = field(default_factory=list)
    match: ItemMatch | None = None


def item_index() -> ItemIndex:
    """The matrix index, rebuilt only when the matrix changed (an edit
    bumps `updated_at`, an added or removed item the count)."""
    stamp = AuthorityRule.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    key = (stamp["n"], stamp["last"])
    if _INDEX.get("key") != key:
        _INDEX["index"] = ItemIndex.build(AuthorityRule.objects.select_related("affair"))
        _INDEX["key"] = key
    return _INDEX["index"]


def suggest_item(user, *, affair_id: int | None, title: str, description: str = "") -> ItemSuggestion:
    """The affair's items and the one the title and description point to,
    for an affair the user may read."""
    affair = restrict(Affair.objects.all(), user, READ).filter(pk=affair_id).first() if affair_id else None
    if affair is None:
        return ItemSuggestion(affair=None)
    items = list(authority_items(affair.pk))
    match = item_index().match(affair, title, description) if title.strip() else None
    return ItemSuggestion(affair=affair, items=items, match=match)
