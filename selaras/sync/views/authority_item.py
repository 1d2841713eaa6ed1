"""The activity form's matrix-item suggestion (HTMX partial): the item the
title and description point to, the words that decided, a button to confirm
it, and the affair's items to choose another."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from selaras.sync.item_suggestion import suggest_item


def _int(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


@login_required
@require_GET
def authority_item_suggestion(request):
    """`?affair=<id>&title=…&description=…&authority_item=<id>` → the
    suggestion and the item select, keeping the item already chosen."""
    suggestion = suggest_item(
        request.user,
        affair_id=_int(request.GET.get("affair")),
        title=(request.GET.get("title") or "")[:500],
        description=(request.GET.get("description") or "")[:5000],
    )
    chosen = _int(request.GET.get("authority_item"))
    if chosen not in {i.pk for i in suggestion.items}:
        chosen = None
    return render(
        request,
        "sync/_authority_item.html",
        {"suggestion": suggestion, "match": suggestion.match, "chosen": chosen, "looked_up": True},
    )
