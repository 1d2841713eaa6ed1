"""Template builtins (no `{% load %}` needed): formatting filters that wrap
`selaras.core.formatting`, and `url_or_none` for links to pages that may not
exist yet in this installation.

A filter never breaks a page: a value it cannot format is shown as given
(or empty for None), because a half-rendered report is worse than a raw one.
"""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from selaras.core import formatting

register = template.Library()


def _safely(func, value, *args, **kwargs):
    if value is None or value == "":
        return ""
    try:
        return func(value, *args, **kwargs)
    except (ValueError, TypeError):
        return value


@register.filter
def rupiah(value, decimals=False):
    """{{ budget|rupiah }} → Rp1.500.000 / IDR 1,500,000; {{ x|rupiah:True }} shows sen."""
    return _safely(formatting.format_rupiah, value, decimals=bool(decimals))


@register.filter
def angka(value, decimals=None):
    """{{ count|angka }} → 1.234.567; {{ share|angka:2 }} → 12,50. A whole
    number stored as a decimal (a target of 1.00) reads "1", not "1,00"."""
    places = None if decimals in (None, "") else int(decimals)
    if places is None and isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        places = 0
    return _safely(formatting.format_number, value, places)


@register.filter
def tanggal(value, fmt="DATE_FORMAT"):
    """{{ day|tanggal }} → 17 Agustus 2024; {{ ts|tanggal:"DATETIME_FORMAT" }}."""
    return _safely(formatting.format_date, value, fmt=fmt)


@register.filter
def terbilang(value, currency=False):
    """{{ amount|terbilang:True }} → satu juta lima ratus ribu rupiah."""
    return _safely(formatting.terbilang, value, currency=bool(currency))


@register.simple_tag
def url_or_none(name, *args, **kwargs):
    """`{% url_or_none "accounts:profile" as profile_url %}`: the URL, or None
    when this installation has no such page (an app not yet installed)."""
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def region_label(region) -> str:
    """A region as officials read it, with what it lies in: "Desa Karangrau,
    Kec. Sokaraja, Kab. Banyumas"; a regency or province by its name alone.
    Callers select_related("parent__parent") to keep it to one query."""
    level = getattr(region, "level", "")
    if level not in ("kecamatan", "desa"):
        return region.name
    parts = [_prefixed(region)]
    parent = region.parent
    while parent is not None:
        parts.append(_prefixed(parent))
        if parent.level not in ("kecamatan", "desa"):
            break
        parent = parent.parent
    return ", ".join(parts)


def _prefixed(region) -> str:
    name = region.name
    if region.level == "desa":
        prefix = gettext("Kel.") if (region.kind or "").lower() == "kelurahan" else gettext("Desa")
        return name if name.lower().startswith(("desa ", "kel")) else f"{prefix} {name}"
    if region.level == "kecamatan":
        return name if name.lower().startswith("kec") else f"{gettext('Kec.')} {name}"
    return name.replace("Kabupaten ", gettext("Kab.") + " ", 1)


@register.filter
def wilayah(region):
    """{{ loc.region|wilayah }} → Desa Karangrau, Kec. Sokaraja, Kab. Banyumas."""
    return "" if region is None else region_label(region)
