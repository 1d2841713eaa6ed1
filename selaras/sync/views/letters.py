"""Recommendation letters: compose from a review, edit the draft (fields and
points), issue, download the Word and PDF files, answer the points, and see
each point's finding status after the re-check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from selaras.core.access import READ, WRITE, can, restrict
from selaras.sync import selectors
from selaras.sync.forms import LetterForm, PointForm, ResponseForm
from selaras.sync.letters import compose, services
from selaras.sync.letters.content import MINISTRY_LINES, letter_content
from selaras.sync.models import LetterStatus, Recommendation, RecommendationPoint
from selaras.sync.policies import RESPOND
from selaras.sync.views.common import crumbs, error_messages, readable_plan

FILE_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _letter(request: HttpRequest, pk: int) -> Recommendation:
    return get_object_or_404(selectors.letters_for(request.user), pk=pk)


def _point(request: HttpRequest, pk: int) -> RecommendationPoint:
    points = restrict(RecommendationPoint.objects.select_related("recommendation"), request.user, READ)
    return get_object_or_404(points, pk=pk)


def _report(request: HttpRequest, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        messages.error(request, str(exc) or _("Anda tidak berwenang melakukan tindakan ini."))


@login_required
def letter_list(request: HttpRequest) -> HttpResponse:
    letters = list(selectors.letters_for(request.user)[:300])
    return render(
        request, "sync/letter_list.html", {"letters": letters, "crumbs": crumbs((_("Surat rekomendasi"), ""))}
    )


@login_required
@require_POST
def letter_compose(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = readable_plan(request, plan_id)
    try:
        letter = services.letter_compose(plan=plan, by=request.user)
    except (PermissionDenied, ValidationError) as exc:
        _report(request, exc)
        return redirect("sync:plan_review", plan_id=plan.pk)
    messages.success(request, _("Draf surat rekomendasi disusun. Periksa dan ubah sebelum diterbitkan."))
    return redirect("sync:letter_detail", pk=letter.pk)


@login_required
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    points = selectors.letter_points(request.user, letter)
    editable = letter.status == LetterStatus.DRAFT and can(request.user, WRITE, letter)
    may_respond = can(request.user, RESPOND, letter)
    for point in points:
        point.form = PointForm(initial={"text": point.text, "citation": point.citation, "version": point.version})
        point.response_form = ResponseForm(initial={"response": point.response})
    return render(
        request,
        "sync/letter_detail.html",
        {
            "letter": letter,
            "points": points,
            "summary": selectors.point_status_summary(points),
            "editable": editable,
            "may_respond": may_respond,
            "form": LetterForm(instance=letter, initial={"version": letter.version}) if editable else None,
            "crumbs": crumbs(
                (str(letter.plan), reverse("sync:plan_review", args=[letter.plan_id])),
                (letter.number or letter.subject, ""),
            ),
        },
    )


@login_required
@require_POST
def letter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    form = LetterForm(request.POST, instance=Recommendation.objects.get(pk=letter.pk))
    if not form.is_valid():
        for field, errors in form.errors.items():
            for message in errors:
                messages.error(request, f"{form.fields[field].label if field in form.fields else ''}: {message}")
        return redirect("sync:letter_detail", pk=letter.pk)
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        services.letter_update(letter=letter, by=request.user, expected_version=form.cleaned_data["version"], **data)
    except (PermissionDenied, ValidationError) as exc:
        _report(request, exc)
    else:
        messages.success(request, _("Surat disimpan."))
    return redirect("sync:letter_detail", pk=letter.pk)


@login_required
@require_POST
def point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    form = PointForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi butir rekomendasi wajib diisi."))
        return redirect("sync:letter_detail", pk=point.recommendation_id)
    try:
        services.letter_point_update(
            point=point,
            by=request.user,
            text=form.cleaned_data["text"],
            citation=form.cleaned_data["citation"],
            expected_version=form.cleaned_data["version"],
        )
    except (PermissionDenied, ValidationError) as exc:
        _report(request, exc)
    else:
        messages.success(request, _("Butir %(n)s disimpan.") % {"n": point.position})
    return redirect(reverse("sync:letter_detail", args=[point.recommendation_id]) + f"#butir-{point.pk}")


@login_required
@require_POST
def point_move(request: HttpRequest, pk: int, direction: str) -> HttpResponse:
    point = _point(request, pk)
    if direction not in ("naik", "turun"):
        raise Http404
    try:
        services.letter_point_move(point=point, by=request.user, step=-1 if direction == "naik" else 1)
    except (PermissionDenied, ValidationError) as exc:
        _report(request, exc)
    return redirect(reverse("sync:letter_detail", args=[point.recommendation_id]) + f"#butir-{point.pk}")


@login_required
@require_POST
def point_delete(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    try:
        services.letter_point_delete(point=point, by=request.user)
    except (PermissionDenied, ValidationError) as exc:
        _report(request, exc)
    return redirect("sync:letter_detail", pk=point.recommendation_id)


@login_required
def letter_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter as it will be issued (the same content the Word and PDF
    files are built from), with the button that issues it."""
    letter = _letter(request, pk)
    return render(
        request,
        "sync/letter_preview.html",
        {
            "letter": letter,
            "content": letter_content(letter),
            "ministry_lines": MINISTRY_LINES,
            "may_issue": letter.status == LetterStatus.DRAFT and can(request.user, WRITE, letter),
            "refusal": compose.letter_refusal(letter.plan),
            "crumbs": crumbs(
                (str(letter.plan), reverse("sync:plan_review", args=[letter.plan_id])),
                (letter.number or letter.subject, reverse("sync:letter_detail", args=[letter.pk])),
                (_("Pratinjau"), ""),
            ),
        },
    )


@login_required
@require_POST
def letter_issue(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    try:
        letter = services.letter_issue(letter=letter, by=request.user)
    except (PermissionDenied, ValidationError) as exc:
        _report(request, exc)
    else:
        messages.success(request, _("Surat %(number)s diterbitkan.") % {"number": letter.number})
    return redirect("sync:letter_detail", pk=letter.pk)


@login_required
@require_POST
def point_respond(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tanggapan wajib diisi."))
    else:
        try:
            services.letter_respond(point=point, by=request.user, response=form.cleaned_data["response"])
        except (PermissionDenied, ValidationError) as exc:
            _report(request, exc)
        else:
            messages.success(request, _("Tanggapan atas butir %(n)s disimpan.") % {"n": point.position})
    return redirect(reverse("sync:letter_detail", args=[point.recommendation_id]) + f"#butir-{point.pk}")


@login_required
def letter_download(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    """The stored Word or PDF file, to whoever may read the letter (never
    through the open media URL)."""
    letter = _letter(request, pk)
    if kind not in FILE_TYPES:
        raise Http404
    stored = getattr(letter, kind)
    if not stored:
        raise Http404(_("Berkas surat belum tersedia; surat belum diterbitkan."))
    filename = f"rekomendasi-{services.slug(letter.number)}.{kind}"
    return FileResponse(stored.open("rb"), as_attachment=True, filename=filename, content_type=FILE_TYPES[kind])
