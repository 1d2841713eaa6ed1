"""Follow-ups (RTL): adding one to a meeting, its page with the updates,
the owner's and the coordinator's moves, progress notes with evidence, and
the evidence served only to who may read the meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from selaras.core.access import READ, WRITE, can, restrict
from selaras.core.forms import errors_to_form
from selaras.core.versioning import StaleEdit
from selaras.meetings import selectors, services
from selaras.meetings.forms import FollowUpActForm, FollowUpDropForm, FollowUpForm, FollowUpUpdateForm
from selaras.meetings.models import FollowUp, FollowUpUpdate
from selaras.meetings.policies import COORDINATE, UPDATE_FOLLOWUP
from selaras.meetings.services.followups import EDITABLE_FIELDS
from selaras.meetings.views.common import (
    meeting_crumbs,
    private_file,
    readable_followup,
    readable_meeting,
    refusal_to_messages,
    stale_notice,
    today,
)
from selaras.plans.views.common import stale_post

# URL slug -> (service action name in TRANSITIONS, button label)
MOVES = {
    "mulai": ("start", gettext_lazy("Mulai kerjakan")),
    "selesai": ("complete", gettext_lazy("Tandai selesai")),
    "verifikasi": ("verify", gettext_lazy("Verifikasi")),
    "buka-kembali": ("reopen", gettext_lazy("Buka kembali")),
}
_SERVICES = {
    "start": services.followup_start,
    "verify": services.followup_verify,
    "reopen": services.followup_reopen,
}


def followup_url(pk: int) -> str:
    return reverse("meetings:followup_detail", args=[pk])


def _create_page(request, meeting, form, *, top_errors=(), status=200) -> HttpResponse:
    title = _("Tambah tindak lanjut")
    return render(
        request,
        "meetings/part_form.html",
        {
            "meeting": meeting,
            "form": form,
            "title": title,
            "top_errors": list(top_errors),
            "crumbs": meeting_crumbs(meeting, (title, "")),
        },
        status=status,
    )


@login_required
def followup_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = readable_meeting(request, pk)
    if not can(request.user, WRITE, meeting):
        raise PermissionDenied(_("Hanya koordinator rapat yang dapat menetapkan tindak lanjut."))
    initial = {"conclusion": request.GET.get("rumusan")} if request.GET.get("rumusan") else None
    form = FollowUpForm(request.POST or None, initial=initial, user=request.user, meeting=meeting)
    if request.method != "POST":
        return _create_page(request, meeting, form)
    if not form.is_valid():
        return _create_page(request, meeting, form, status=400)
    try:
        followup = services.followup_create(meeting=meeting, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _create_page(request, meeting, form, top_errors=errors_to_form(error, form), status=400)
    except PermissionDenied as error:
        return _create_page(request, meeting, form, top_errors=[str(error)], status=403)
    messages.success(request, _("Tindak lanjut ditetapkan dan dikirim ke penanggung jawabnya."))
    return redirect(followup_url(followup.pk))


def _moves(user, followup: FollowUp) -> list[dict]:
    """The buttons this user has on this follow-up now (the services'
    transition table and the permission layer decide)."""
    found = []
    for slug, (action, label) in MOVES.items():
        sources, _target, needed = services.TRANSITIONS[action]
        if followup.status in sources and can(user, needed, followup):
            found.append({"slug": slug, "label": label, "evidence": action == "complete"})
    return found


def _detail(request, followup, *, act_form=None, drop_form=None, update_form=None, stale=None, status=200):
    user = request.user
    sources, _target, needed = services.TRANSITIONS["drop"]
    version = {"version": followup.version}
    return render(
        request,
        "meetings/followup_detail.html",
        {
            "followup": followup,
            "meeting": followup.meeting,
            "overdue": followup.is_overdue(today()),
            "updates": selectors.followup_updates(user, followup),
            "moves": _moves(user, followup),
            "may_drop": followup.status in sources and can(user, needed, followup),
            "may_note": can(user, UPDATE_FOLLOWUP, followup) or can(user, COORDINATE, followup),
            "may_edit": can(user, COORDINATE, followup),
            "act_form": act_form or FollowUpActForm(initial=version),
            "drop_form": drop_form or FollowUpDropForm(initial=version),
            "update_form": update_form or FollowUpUpdateForm(),
            "stale": stale,
            "crumbs": meeting_crumbs(followup.meeting, (_("Tindak lanjut #%(n)s") % {"n": followup.pk}, "")),
        },
        status=status,
    )


@login_required
def followup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, readable_followup(request, pk))


@login_required
@require_POST
def followup_move(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    followup = readable_followup(request, pk)
    if action == "batalkan":
        return _drop(request, followup)
    if action not in MOVES:
        raise Http404(_("Tindakan tidak dikenal."))
    name = MOVES[action][0]
    form = FollowUpActForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, followup, act_form=form, status=400)
    data = form.cleaned_data
    try:
        if name == "complete":
            services.followup_complete(
                followup=followup,
                by=request.user,
                text=data["text"],
                evidence=data["evidence"],
                version=data["version"],
            )
        else:
            _SERVICES[name](followup=followup, by=request.user, text=data["text"], version=data["version"])
    except StaleEdit as error:
        return _detail(request, _fresh(request, pk), stale=stale_notice(error, FollowUp), status=409)
    except ValidationError as error:
        top = errors_to_form(error, form)
        for message in top:
            form.add_error(None, message)
        return _detail(request, followup, act_form=form, status=400)
    except PermissionDenied as error:
        refusal_to_messages(request, error)
        return redirect(followup_url(followup.pk))
    messages.success(request, _("Status tindak lanjut diperbarui."))
    return redirect(followup_url(followup.pk))


def _fresh(request, pk: int) -> FollowUp:
    return readable_followup(request, pk)


def _drop(request: HttpRequest, followup: FollowUp) -> HttpResponse:
    form = FollowUpDropForm(request.POST)
    if not form.is_valid():
        return _detail(request, followup, drop_form=form, status=400)
    try:
        services.followup_drop(
            followup=followup, by=request.user, reason=form.cleaned_data["reason"], version=form.cleaned_data["version"]
        )
    except StaleEdit as error:
        return _detail(request, _fresh(request, followup.pk), stale=stale_notice(error, FollowUp), status=409)
    except ValidationError as error:
        for message in errors_to_form(error, form):
            form.add_error(None, message)
        return _detail(request, followup, drop_form=form, status=400)
    except PermissionDenied as error:
        refusal_to_messages(request, error)
        return redirect(followup_url(followup.pk))
    messages.success(request, _("Tindak lanjut dibatalkan."))
    return redirect(followup_url(followup.pk))


@login_required
@require_POST
def followup_note(request: HttpRequest, pk: int) -> HttpResponse:
    followup = readable_followup(request, pk)
    form = FollowUpUpdateForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, followup, update_form=form, status=400)
    try:
        services.followup_update_add(
            followup=followup, by=request.user, text=form.cleaned_data["text"], evidence=form.cleaned_data["evidence"]
        )
    except ValidationError as error:
        for message in errors_to_form(error, form):
            form.add_error(None, message)
        return _detail(request, followup, update_form=form, status=400)
    except PermissionDenied as error:
        refusal_to_messages(request, error)
        return redirect(followup_url(followup.pk))
    messages.success(request, _("Perkembangan dicatat."))
    return redirect(f"{followup_url(followup.pk)}#perkembangan")


@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    update = get_object_or_404(restrict(FollowUpUpdate.objects.exclude(evidence=""), request.user, READ), pk=pk)
    return private_file(update.evidence, update.evidence_name, update.evidence_type)


def _edited(form) -> list[str]:
    """The service's editable fields that the form offers."""
    return [name for name in EDITABLE_FIELDS if name in form.fields]


def _edit_page(request, followup, form, *, stale=None, top_errors=(), status=200) -> HttpResponse:
    title = _("Ubah tindak lanjut")
    return render(
        request,
        "meetings/followup_edit.html",
        {
            "meeting": followup.meeting,
            "followup": followup,
            "form": form,
            "title": title,
            "stale": stale,
            "top_errors": list(top_errors),
            "crumbs": meeting_crumbs(
                followup.meeting,
                (_("Tindak lanjut #%(n)s") % {"n": followup.pk}, followup_url(followup.pk)),
                (title, ""),
            ),
        },
        status=status,
    )


@login_required
def followup_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator corrects the text, owner, due date or links."""
    followup = readable_followup(request, pk)
    if not can(request.user, COORDINATE, followup):
        raise PermissionDenied(_("Hanya koordinator rapat yang dapat mengubah tindak lanjut."))
    options = {"user": request.user, "meeting": followup.meeting, "editing": True}
    if request.method != "POST":
        form = FollowUpForm(**options)
        form.initial.update({name: getattr(followup, name) for name in _edited(form)}, version=followup.version)
        return _edit_page(request, followup, form)
    form = FollowUpForm(request.POST, **options)
    if not form.is_valid():
        return _edit_page(request, followup, form, status=400)
    changes = {name: form.cleaned_data[name] for name in _edited(form)}
    try:
        services.followup_edit(followup=followup, by=request.user, version=form.cleaned_data["version"], **changes)
    except StaleEdit as error:
        form = FollowUpForm(stale_post(request, error), **options)
        form.is_valid()
        return _edit_page(request, followup, form, stale=stale_notice(error, FollowUp), status=409)
    except ValidationError as error:
        return _edit_page(request, followup, form, top_errors=errors_to_form(error, form), status=400)
    except PermissionDenied as error:
        return _edit_page(request, followup, form, top_errors=[str(error)], status=403)
    messages.success(request, _("Tindak lanjut disimpan."))
    return redirect(followup_url(followup.pk))
