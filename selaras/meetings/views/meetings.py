"""The meeting list, one meeting's page, creating and editing a meeting,
its status moves and its calendar file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from selaras.core.access import READ, WRITE, can, can_create, restrict
from selaras.core.forms import errors_to_form
from selaras.core.versioning import StaleEdit
from selaras.meetings import ics, services
from selaras.meetings.dashboard import MeetingFilters, filtered_meetings
from selaras.meetings.forms import (
    AttendanceForm,
    ConclusionForm,
    DocumentForm,
    MeetingFilterForm,
    MeetingForm,
)
from selaras.meetings.models import FollowUp, Meeting
from selaras.meetings.policies import COORDINATE
from selaras.meetings.views.common import meeting_crumbs, readable_meeting, refusal_to_messages, stale_notice, today
from selaras.plans.views.common import stale_post

MEETINGS_PER_PAGE = 25
STATUS_MOVES = {
    "jadwalkan": services.meeting_schedule,
    "laksanakan": services.meeting_hold,
    "tutup": services.meeting_close,
}


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    form = MeetingFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    filters = MeetingFilters(
        kind=data.get("kind") or "",
        programme_id=data["programme"].pk if data.get("programme") else None,
        year=data.get("year"),
        status=data.get("status") or "",
    )
    page = Paginator(filtered_meetings(request.user, filters), MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "form": form,
            "page": page,
            "meetings": page.object_list,
            "filter_query": query.urlencode(),
            "may_create": can_create(request.user, Meeting),
            "crumbs": meeting_crumbs(),
        },
    )


def _meeting_parts(meeting: Meeting, user):
    agenda = meeting.agenda.prefetch_related("plans", "regions", "findings", "flags", "letters").select_related(
        "carried_followup"
    )
    followups = restrict(
        FollowUp.objects.filter(meeting=meeting).select_related("owner_agency", "owner_region", "conclusion"),
        user,
        READ,
    ).order_by("due_date", "pk")
    participants = meeting.participants.select_related("agency", "region")
    return agenda, followups, participants


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = readable_meeting(request, pk)
    agenda, followups, participants = _meeting_parts(meeting, request.user)
    may_write = can(request.user, WRITE, meeting)
    now = today()
    rows = [{"followup": f, "overdue": f.is_overdue(now)} for f in followups]
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "participants": [
                {"participant": p, "form": AttendanceForm(initial={"attended": p.attended, "version": p.version})}
                for p in participants
            ],
            "agenda": agenda,
            "documents": meeting.documents.select_related("uploaded_by"),
            "conclusions": meeting.conclusions.all(),
            "followups": rows,
            "may": {
                "write": may_write,
                "coordinate": can(request.user, COORDINATE, meeting),
                "moves": [
                    (slug, label)
                    for slug, label, status in (
                        ("jadwalkan", _("Umumkan jadwal"), "draft"),
                        ("laksanakan", _("Tandai terlaksana"), "scheduled"),
                        ("tutup", _("Tutup rapat"), "held"),
                    )
                    if may_write and meeting.status == status
                ],
            },
            "conclusion_form": ConclusionForm(),
            "document_form": DocumentForm(),
            "today": now,
            "crumbs": meeting_crumbs(meeting),
        },
    )


def _form_page(request, form, *, meeting=None, stale=None, top_errors=(), status=200) -> HttpResponse:
    title = _("Ubah rapat") if meeting else _("Rapat baru")
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "meeting": meeting,
            "form": form,
            "stale": stale,
            "top_errors": list(top_errors),
            "title": title,
            "crumbs": meeting_crumbs(meeting, (title, "")),
        },
        status=status,
    )


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    if not can_create(request.user, Meeting):
        raise PermissionDenied(_("Anda tidak berwenang membuat rapat."))
    form = MeetingForm(request.POST or None, user=request.user)
    if request.method != "POST":
        return _form_page(request, form)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    try:
        meeting = services.meeting_create(by=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _form_page(request, form, top_errors=errors_to_form(error, form), status=400)
    except PermissionDenied as error:
        return _form_page(request, form, top_errors=[str(error)], status=403)
    messages.success(request, _("Rapat “%(meeting)s” dibuat sebagai draf.") % {"meeting": meeting})
    return redirect("meetings:meeting_detail", pk=meeting.pk)


def _writable(request: HttpRequest, meeting) -> None:
    if not can(request.user, WRITE, meeting):
        raise PermissionDenied(_("Anda tidak berwenang mengubah rapat ini."))


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = readable_meeting(request, pk)
    _writable(request, meeting)
    initial = {name: getattr(meeting, name) for name in services.meetings.MEETING_FIELDS}
    initial["starts_at"] = timezone.localtime(meeting.starts_at)
    initial["ends_at"] = timezone.localtime(meeting.ends_at) if meeting.ends_at else None
    initial["version"] = meeting.version
    options = {"user": request.user, "editing": True, "programme": meeting.programme}
    if request.method != "POST":
        return _form_page(request, MeetingForm(initial=initial, **options), meeting=meeting)
    form = MeetingForm(request.POST, **options)
    if not form.is_valid():
        return _form_page(request, form, meeting=meeting, status=400)
    changes = dict(form.cleaned_data)
    version = changes.pop("version")
    try:
        services.meeting_update(meeting=meeting, by=request.user, version=version, **changes)
    except StaleEdit as error:
        form = MeetingForm(stale_post(request, error), **options)
        form.is_valid()
        return _form_page(request, form, meeting=meeting, stale=stale_notice(error, Meeting), status=409)
    except ValidationError as error:
        return _form_page(request, form, meeting=meeting, top_errors=errors_to_form(error, form), status=400)
    messages.success(request, _("Rapat disimpan."))
    return redirect("meetings:meeting_detail", pk=meeting.pk)


@login_required
@require_POST
def meeting_move(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    meeting = readable_meeting(request, pk)
    move = STATUS_MOVES.get(action)
    if move is None:
        raise Http404(_("Tindakan tidak dikenal."))
    try:
        move(meeting=meeting, by=request.user, version=_int(request.POST.get("version")))
    except (ValidationError, PermissionDenied) as error:
        refusal_to_messages(request, error)
    else:
        messages.success(request, _("Status rapat diperbarui."))
    return redirect("meetings:meeting_detail", pk=meeting.pk)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def meeting_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = readable_meeting(request, pk)
    url = request.build_absolute_uri(reverse("meetings:meeting_detail", args=[meeting.pk]))
    body = ics.meeting_ics(meeting, url=url, host=request.get_host().split(":")[0], now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rapat-{meeting.pk}.ics"'
    return response
