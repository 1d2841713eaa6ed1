"""What every page's shell needs: the main navigation and the account links.

An app joins the navigation by defining one of the URL names listed for it
below (by convention `<app>:index`); until then its item is simply not shown.
Nothing here imports the apps, so the shell renders with any subset installed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: Promise
    url_names: tuple[str, ...]


NAVIGATION: tuple[NavItem, ...] = (
    NavItem(_("Beranda"), ("home:home",)),
    NavItem(_("Wilayah"), ("registry:region_list",)),
    NavItem(_("Instansi"), ("registry:agency_list",)),
    NavItem(_("Rencana"), ("plans:index", "plans:plan_list", "plans:programme_list")),
    NavItem(_("Sinkronisasi"), ("sync:index", "sync:finding_list", "sync:run_list")),
    NavItem(_("Rapat"), ("meetings:index", "meetings:meeting_list")),
    NavItem(_("Pemantauan"), ("monitoring:index", "monitoring:report_list")),
    NavItem(_("Praktik Baik"), ("practices:index", "practices:practice_list")),
)


def _first_url(names: tuple[str, ...]) -> tuple[str, str] | None:
    for name in names:
        try:
            return name, reverse(name)
        except NoReverseMatch:
            continue
    return None


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _is_current(request, url_name: str, url: str) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    if url_name == "home:home":
        return match.view_name == "home:home"
    namespace = url_name.split(":")[0]
    if namespace == "registry":
        # Regions and agencies share the registry app; tell them apart by path.
        return request.path.startswith(url)
    return match.namespace == namespace


def navigation(request) -> dict:
    items = []
    for item in NAVIGATION:
        found = _first_url(item.url_names)
        if found is None:
            continue
        name, url = found
        items.append({"label": item.label, "url": url, "current": _is_current(request, name, url)})
    return {
        "nav_items": items,
        "account_urls": {
            "login": _url("accounts:login"),
            "logout": _url("accounts:logout"),
            "profile": _url("accounts:profile"),
        },
    }
