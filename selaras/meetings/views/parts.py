"""Adding a meeting's parts (participants, agenda items, conclusions,
documents), setting attendance and a conclusion's public toggle, and
serving a document to who may read the meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from selaras.core.access import READ, WRITE, can, restrict
from selaras.core.forms import errors_to_form
from selaras.core.versioning import StaleEdit
from selaras.meetings import services
from selaras.meetings.forms import (
    AgendaForm,
    AttendanceForm,
    ConclusionForm,
    ConclusionPublicForm,
    DocumentForm,
    ParticipantForm,
)
from selaras.meetings.models import Conclusion, Document, Participant
from selaras.meetings.views.common import (
    meeting_crumbs,
    meeting_url,
    private_file,
    readable_meeting,
    refusal_to_messages,
)


def _writable_meeting(request: HttpRequest, pk: int):
    meeting = readable_meeting(request, pk)
    if not can(request.user, WRITE, meeting):
        raise PermissionDenied(_("Anda tidak berwenang mengubah rapat ini."))
    return meeting


def _part_page(request, meeting, form, *, title, top_errors=(), status=200, multipart=False) -> HttpResponse:
    return render(
        request,
        "meetings/part_form.html",
        {
            "meeting": meeting,
            "form": form,
            "title": title,
            "multipart": multipart,
            "top_errors": list(top_errors),
            "crumbs": meeting_crumbs(meeting, (title, "")),
        },
        status=status,
    )


def _add(request, pk, *, form_class, title, service, success, anchor, form_options=None, files=False):
    """GET: the form; POST: the service with the cleaned data, then back to
    the meeting (or the form again with the refusal beside its fields)."""
    meeting = _writable_meeting(request, pk)
    options = {"user": request.user, "meeting": meeting} if form_options else {}
    if request.method != "POST":
        return _part_page(request, meeting, form_class(**options), title=title, multipart=files)
    form = form_class(request.POST, request.FILES if files else None, **options)
    if not form.is_valid():
        return _part_page(request, meeting, form, title=title, status=400, multipart=files)
    try:
        service(meeting, form.cleaned_data)
    except ValidationError as error:
        top = errors_to_form(error, form)
        return _part_page(request, meeting, form, title=title, top_errors=top, status=400, multipart=files)
    except PermissionDenied as error:
        return _part_page(request, meeting, form, title=title, top_errors=[str(error)], status=403, multipart=files)
    messages.success(request, success)
    return redirect(f"{meeting_url(meeting.pk)}#{anchor}")


@login_required
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(
        request,
        pk,
        form_class=ParticipantForm,
        title=_("Tambah peserta"),
        service=lambda meeting, data: services.participant_add(meeting=meeting, by=request.user, **data),
        success=_("Peserta ditambahkan."),
        anchor="peserta",
    )


@login_required
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(
        request,
        pk,
        form_class=AgendaForm,
        form_options=True,
        title=_("Tambah butir agenda"),
        service=lambda meeting, data: services.agenda_add(meeting=meeting, by=request.user, **data),
        success=_("Butir agenda ditambahkan."),
        anchor="agenda",
    )


@login_required
def conclusion_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(
        request,
        pk,
        form_class=ConclusionForm,
        title=_("Tambah rumusan hasil"),
        service=lambda meeting, data: services.conclusion_add(meeting=meeting, by=request.user, **data),
        success=_("Rumusan hasil ditambahkan."),
        anchor="rumusan",
    )


@login_required
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(
        request,
        pk,
        form_class=DocumentForm,
        files=True,
        title=_("Unggah dokumen"),
        service=lambda meeting, data: services.document_add(
            meeting=meeting, by=request.user, upload=data["file"], title=data["title"]
        ),
        success=_("Dokumen diunggah."),
        anchor="dokumen",
    )


def _stale_or_refused(request, error) -> None:
    refusal_to_messages(request, error)
    if isinstance(error, StaleEdit):
        messages.info(request, _("Halaman ini sudah dimuat ulang dengan data terbaru."))


@login_required
@require_POST
def participant_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_object_or_404(restrict(Participant.objects.all(), request.user, READ), pk=pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih kehadiran yang sah."))
    else:
        try:
            services.participant_update(
                participant=participant,
                by=request.user,
                version=form.cleaned_data["version"],
                attended=form.cleaned_data["attended"],
            )
        except (ValidationError, PermissionDenied) as error:
            _stale_or_refused(request, error)
        else:
            messages.success(request, _("Kehadiran disimpan."))
    return redirect(f"{meeting_url(participant.meeting_id)}#peserta")


@login_required
@require_POST
def conclusion_public(request: HttpRequest, pk: int) -> HttpResponse:
    conclusion = get_object_or_404(restrict(Conclusion.objects.all(), request.user, READ), pk=pk)
    form = ConclusionPublicForm(request.POST)
    form.is_valid()
    try:
        services.conclusion_update(
            conclusion=conclusion,
            by=request.user,
            version=form.cleaned_data.get("version"),
            is_public=form.cleaned_data.get("is_public", False),
        )
    except (ValidationError, PermissionDenied) as error:
        _stale_or_refused(request, error)
    else:
        messages.success(request, _("Rumusan diperbarui."))
    return redirect(f"{meeting_url(conclusion.meeting_id)}#rumusan")


@login_required
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    # Read through the permission layer: a 404 for whoever may not read the meeting.
    document = get_object_or_404(restrict(Document.objects.all(), request.user, READ), pk=pk)
    return private_file(document.file, document.original_name, document.content_type)
