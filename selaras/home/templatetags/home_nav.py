"""The header's "Wilayah saya" link, shown to regional officers only."""

from __future__ import annotations

from django import template

from selaras.core.access import RoleName, grants_for

register = template.Library()


@register.simple_tag(takes_context=True)
def has_district(context) -> bool:
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return False
    return bool(grants_for(user).region_codes(RoleName.REGIONAL))
