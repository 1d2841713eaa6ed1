"""What the meeting pages share: finding a readable record (404 otherwise,
so a page never tells which meetings exist), breadcrumbs, today's date
(one place the tests move), and showing a service's refusal."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from selaras.core.access import READ, restrict
from selaras.core.forms import error_messages
from selaras.core.versioning import StaleEdit
from selaras.core.views import breadcrumbs
from selaras.meetings import selectors
from selaras.meetings.models import FollowUp, Meeting
from selaras.plans.views.common import stale_changes


def today() -> datetime.date:
    """The date overdue is judged on (tests replace it; nothing sleeps)."""
    return timezone.localdate()


def readable_meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(selectors.meetings_for(request.user), pk=pk)


def readable_followup(request: HttpRequest, pk: int) -> FollowUp:
    followups = restrict(
        FollowUp.objects.select_related(
            "meeting", "meeting__programme", "owner_agency", "owner_region", "conclusion", "verified_by"
        ),
        request.user,
        READ,
    )
    return get_object_or_404(followups, pk=pk)


def meeting_url(pk: int) -> str:
    return reverse("meetings:meeting_detail", args=[pk])


def meeting_crumbs(meeting: Meeting | None = None, *extra: tuple[str, str]) -> list[dict]:
    steps = [(_("Rapat"), reverse("meetings:meeting_list"))]
    if meeting is not None:
        steps.append((str(meeting), reverse("meetings:meeting_detail", args=[meeting.pk])))
    return breadcrumbs(*steps, *extra)


def refusal_to_messages(request: HttpRequest, error: Exception) -> None:
    """A refused action (from a button, not a form page) told at the top of
    the page it returns to."""
    if isinstance(error, StaleEdit):
        messages.error(request, error.message)
    elif isinstance(error, ValidationError):
        for message in error_messages(error):
            messages.error(request, message)
    elif isinstance(error, PermissionDenied):
        messages.error(request, str(error) or _("Anda tidak berwenang melakukan ini."))


def stale_notice(error: StaleEdit, model) -> dict:
    return {"message": error.message, "changes": stale_changes(error, model)}


def private_file(field, download_name: str, content_type: str) -> FileResponse:
    """A stored meeting file, always as an attachment with its own type
    (never sniffed by the browser, never shown inline)."""
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("Berkas tidak ditemukan.")) from None
    response = FileResponse(handle, as_attachment=True, filename=download_name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
