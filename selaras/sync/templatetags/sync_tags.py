"""Template filters of the synchronisation pages."""

from __future__ import annotations

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
