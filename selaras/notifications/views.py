"""The bell's pages: the list, opening one (marks it read), marking all
read, and the person's choices. Plain forms: all of it works without JS."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from selaras.notifications import selectors, services

PER_PAGE = 25


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "unread": selectors.unread_count(request.user)},
    )


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    # Another person's notification is the same 404 as one that does not exist.
    note = selectors.notifications_for(request.user).filter(pk=pk).first()
    if note is None:
        raise Http404(_("Notifikasi tidak ditemukan."))
    services.notification_mark_read(notification=note, by=request.user)
    if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts={request.get_host()}):
        return redirect(note.url)
    return redirect("notifications:notification_list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(by=request.user)
    messages.success(request, _("%(count)s notifikasi ditandai sudah dibaca.") % {"count": count})
    return redirect("notifications:notification_list")


@login_required
def preference_edit(request: HttpRequest) -> HttpResponse:
    rows = selectors.preferences(request.user)
    if request.method == "POST":
        choices = {
            row.kind: (f"{row.kind}:in_app" in request.POST, f"{row.kind}:email" in request.POST) for row in rows
        }
        services.preferences_save(user=request.user, by=request.user, choices=choices)
        messages.success(request, _("Pilihan notifikasi disimpan."))
        return redirect("notifications:preference_edit")
    return render(
        request,
        "notifications/preference_edit.html",
        {"rows": rows, "has_email": bool(request.user.email)},
    )
