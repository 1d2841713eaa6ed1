"""The history page of one record: who changed what, and when."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from selaras.audit import selectors
from selaras.core.access import READ, can


@login_required
def history(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    """Shown only to users who may read the record; everyone else gets the
    same 404 as for a record that does not exist, so the page does not tell
    which records exist."""
    model = selectors.audited_model(label)
    if model is None:
        raise Http404(_("Jenis data tidak dikenal."))
    obj = model._default_manager.filter(pk=pk).first()
    if obj is not None:
        if not can(request.user, READ, obj):
            raise Http404(_("Data tidak ditemukan."))
        entries = selectors.history_for(request.user, obj)
        title = str(obj)
    else:
        # A deleted record: its history stays readable to those whose scope
        # still covers it (the layer decides through the entries themselves).
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_model(model)
        entries = selectors.audit_entries(user=request.user).filter(content_type=ct, object_pk=pk)
        first = entries.first()
        if first is None:
            raise Http404(_("Data tidak ditemukan."))
        title = first.object_repr
    return render(
        request,
        "audit/history.html",
        {
            "record": obj,
            "record_title": title,
            "model_name": model._meta.verbose_name,
            "history": selectors.with_change_rows(entries[:500]),
        },
    )
