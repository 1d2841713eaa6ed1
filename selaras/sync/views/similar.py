"""Likely duplicates while a planner types an activity title (HTMX partial).

Only submitted activities and regional sub-activities are indexed (never
another agency's draft), and the matches are narrowed to what the user may
read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from selaras.sync import similarity_service

MIN_LENGTH = 5
LIMIT = 5


@login_required
@require_GET
def similar_titles(request):
    """`?title=…&year=…&region=…` (the activity form's fields; `region` may
    repeat) → a short list of likely duplicates."""
    title = (request.GET.get("title") or "").strip()
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    regions = [r.strip() for r in request.GET.getlist("region") if r.strip()]
    matches: list[dict] = []
    if len(title) >= MIN_LENGTH:
        seen: set[tuple[str, int]] = set()
        for region in regions or [None]:
            for m in similarity_service.lookup(title, year, region, LIMIT, user=request.user):
                if (m["kind"], m["id"]) not in seen:
                    seen.add((m["kind"], m["id"]))
                    matches.append(m)
        matches.sort(key=lambda m: -m["score"])
        matches = matches[:LIMIT]
    return render(
        request,
        "sync/_similar_titles.html",
        {"matches": matches, "title": title, "too_short": 0 < len(title) < MIN_LENGTH},
    )
