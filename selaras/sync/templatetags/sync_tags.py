"""Template filters of the synchronisation pages."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template

register = template.Library()


@register.filter
def category_label(code: str) -> str:
    """{{ f.category|category_label }} → "Duplikasi"."""
    from selaras.sync.forms import CATEGORY_LABELS

    return str(CATEGORY_LABELS.get(code, code))


@register.filter
def percent(score) -> str:
    """A similarity score 0–1 as "87%"."""
    try:
        return f"{round(float(score) * 100)}%"
    except (TypeError, ValueError):
        return "—"


@register.simple_tag(takes_context=True)
def finding_evidence(context, finding):
    """{% finding_evidence f as ev %}: the finding as the page's reader may
    see it (message, evidence, other side); see `selectors.finding_evidence_for`."""
    from selaras.sync.selectors import finding_evidence_for

    request = context.get("request")
    return finding_evidence_for(getattr(request, "user", None), finding)


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """{% page_query 2 %} → "?category=authority&page=2": the page's query
    (its filters) with another page number; empty parameters dropped."""
    request = context.get("request")
    params = [
        (key, value)
        for key, values in (request.GET.lists() if request is not None else ())
        for value in values
        if value and key != "page"
    ]
    return "?" + urlencode([*params, ("page", number)])
