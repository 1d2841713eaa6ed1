"""Template filters of the synchronisation pages."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django import template
from django.utils.safestring import mark_safe

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


@register.filter
def rule_title(item) -> str:
    """{{ f|rule_title }} (a finding or a rule group) → "Kegiatan tanpa
    lokasi": the rule's title from the catalogue in the reader's language.
    A rule no longer in the catalogue is named by its category, in words:
    readers never see a code such as `duplication.regional`."""
    from django.utils.translation import get_language

    from selaras.sync.rules.base import all_rules

    rule = all_rules().get(item.rule)
    if rule is None or not rule.title_id:
        return category_label(item.category)
    english = (get_language() or "id").startswith("en")
    return (rule.title_en if english else "") or rule.title_id


_SCORE_IN_MESSAGE = re.compile(r"\s*\((?:skor|score) \d+(?:[.,]\d+)?\)")


@register.filter
def without_score(message: str) -> str:
    """A finding's message without its "(skor 0.52)": the page shows the score
    once, as a percentage beside it."""
    return _SCORE_IN_MESSAGE.sub("", message or "")


@register.simple_tag
def matrix_cells(cells) -> str:
    """A row of the review page's region matrix as its <td>s. Joined here, not
    looped in the template: a plan in 90 places × 32 fields has ~2,900 cells,
    which the template engine rendered in a third of the page's time."""
    parts = []
    for cell in cells:
        shown = str(cell.activities) if cell.activities else "·"
        if cell.open_findings:
            parts.append(
                f'<td class="num sync-hot">{shown} <strong class="sync-open-count">({cell.open_findings}!)</strong></td>'
            )
        else:
            parts.append(f'<td class="num">{shown}</td>')
    return mark_safe("".join(parts))  # integers and fixed markup only


@register.simple_tag
def evidence_rows(evidence) -> list[tuple[str, list[str]]]:
    """{% evidence_rows ev.evidence as rows %}: its labelled lines
    (`sync.evidence_rows`), never its internal keys."""
    from selaras.sync.evidence_rows import evidence_rows as rows_of

    return rows_of(evidence)
