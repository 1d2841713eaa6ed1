"""Downloads built from a meeting: the pack (PDF, as the reader may see
it), the minutes (Word, from the replaceable template) and the attendance
sheet (Excel), with the attendance import for the coordinator."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from selaras.meetings import attendance, minutes, pack
from selaras.meetings.selectors import meetings_for
from selaras.plans.spreadsheets.errors import SpreadsheetImportError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _meeting(request: HttpRequest, pk: int):
    # Outside the reader's scope a meeting does not exist (404, not 403).
    return get_object_or_404(meetings_for(request.user), pk=pk)


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def meeting_pack(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return _download(pack.render_pack(meeting, request.user), "application/pdf", pack.pack_filename(meeting))


@login_required
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return _download(minutes.render_minutes(meeting), DOCX, minutes.minutes_filename(meeting))


@login_required
def attendance_download(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return _download(attendance.attendance_export(meeting), XLSX, f"kehadiran-rapat-{meeting.pk}.xlsx")


@login_required
@require_POST
def attendance_upload(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        raise Http404
    try:
        changed = attendance.attendance_import(meeting=meeting, file=upload, by=request.user)
    except PermissionDenied:
        raise
    except SpreadsheetImportError as exc:
        messages.error(request, exc.summary)
        for line in exc.errors.messages()[:50]:
            messages.error(request, line)
    else:
        messages.success(request, _("Kehadiran %(count)s peserta diperbarui.") % {"count": changed})
    return redirect("meetings:meeting_detail", pk=meeting.pk)
