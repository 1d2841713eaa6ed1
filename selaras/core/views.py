"""View helpers every app shares."""

from __future__ import annotations


def breadcrumbs(*steps: tuple[str, str]) -> list[dict]:
    """`(label, url)` steps as the `crumbs` includes/breadcrumbs.html shows;
    the last step is the current page, so it carries no link."""
    crumbs = [{"label": str(label), "url": url} for label, url in steps]
    if crumbs:
        crumbs[-1]["url"] = ""
    return crumbs
