"""Likely duplicates while a planner types an activity title (HTMX partial).

Only submitted activities and regional sub-activities are indexed (never
another agency's draft), and the matches are narrowed to what the user may
read."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from selaras.sync import similarity_service

MIN_LENGTH = 5
LIMIT = 5
# The activity form's location rows (`loc-0-region=33.02`) count as regions.
LOCATION_FIELD = re.compile(r"^loc-\d+-region$")


@login_required
@require_GET
def similar_titles(request):
    """`?title=…&year=…&region=…` (`region` may repeat; the activity form
    sends its location rows instead) → a short list of likely duplicates."""
    title = (request.GET.get("title") or "").strip()
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    codes = request.GET.getlist("region") + [
        value for key in request.GET if LOCATION_FIELD.match(key) for value in request.GET.getlist(key)
    ]
    regions = list(dict.fromkeys(code.strip() for code in codes if code.strip()))
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
        {
            "matches": matches,
            "title": title,
            "too_short": 0 < len(title) < MIN_LENGTH,
            "looked_up": len(title) >= MIN_LENGTH,
        },
    )
