"""The coordinator's review workspace for one plan: findings grouped by rule
and region with their records side by side, decisions per finding (HTMX
partial updates) or in bulk, notes for the letter, the region matrix and the
button that re-runs the checks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from selaras.registry.models import Region
from selaras.sync import selectors, services
from selaras.sync.forms import CATEGORY_LABELS, AcceptForm, BulkForm, DismissForm, NoteForm
from selaras.sync.models import Finding, FindingStatus
from selaras.sync.views.common import crumbs, error_messages, finding_filters, is_htmx, readable_plan

ACTIONS = ("accept", "dismiss", "reopen")


@login_required
def plan_review(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = readable_plan(request, plan_id)
    filter_form, filters = finding_filters(request.GET)
    workspace = selectors.plan_workspace(request.user, plan, filters, page=request.GET.get("page"))
    # The detail pane opens on the finding asked for, else the page's first.
    chosen = request.GET.get("temuan", "")
    selected = next((f for f in workspace.findings if str(f.pk) == chosen), None)
    return render(
        request,
        "sync/plan_review.html",
        {
            "ws": workspace,
            "selected": selected or next(iter(workspace.findings), None),
            "plan": plan,
            "filter_form": filter_form,
            "filters": filters,
            "note_form": NoteForm(),
            "bulk_form": BulkForm(),
            "category_labels": CATEGORY_LABELS,
            "crumbs": crumbs((str(plan), "")),
        },
    )


def _finding(request: HttpRequest, pk: int) -> Finding:
    try:
        return selectors.finding_detail(request.user, pk)
    except Finding.DoesNotExist:
        raise Http404(_("Temuan tidak ditemukan.")) from None


def _card(
    request: HttpRequest, finding: Finding, *, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    # The card, with the counters above the table and the finding's row in
    # it swapped out of band.
    return render(
        request,
        "sync/_decision.html",
        {
            "f": finding,
            "can_review": selectors.may_review(request.user, finding.plan) if finding.plan_id else False,
            "errors": errors or [],
            "category_labels": CATEGORY_LABELS,
            "counts": selectors.finding_counts(request.user, finding.plan) if finding.plan_id else None,
            "row": {"region_name": _region_name(finding)} if finding.plan_id else None,
        },
        status=status,
    )


def _region_name(finding: Finding) -> str:
    if not finding.region_codes:
        return ""
    code = finding.region_codes[0]
    return Region.objects.filter(code=code).values_list("name", flat=True).first() or code


@login_required
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One finding: the detail pane of the review table (HTMX), or a page of
    its own for a browser without JavaScript."""
    finding = _finding(request, pk)
    can_review = selectors.may_review(request.user, finding.plan) if finding.plan_id else False
    context = {"f": finding, "can_review": can_review, "errors": [], "category_labels": CATEGORY_LABELS}
    if is_htmx(request):
        return render(request, "sync/_finding.html", context)
    back = reverse("sync:plan_review", args=[finding.plan_id]) if finding.plan_id else ""
    context["crumbs"] = crumbs((str(finding.plan), back), (_("Temuan"), "")) if finding.plan_id else crumbs()
    return render(request, "sync/finding_detail.html", context)


@login_required
@require_POST
def finding_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404(_("Tindakan tidak dikenal."))
    finding = _finding(request, pk)
    errors: list[str] = []
    try:
        if action == "accept":
            form = AcceptForm(request.POST)
            form.is_valid()
            services.finding_accept(finding=finding, by=request.user, note=form.cleaned_data.get("note", ""))
        elif action == "dismiss":
            form = DismissForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"reason": _("Alasan penolakan wajib diisi.")})
            services.finding_dismiss(finding=finding, by=request.user, reason=form.cleaned_data["reason"])
        else:
            services.finding_reopen(finding=finding, by=request.user)
    except PermissionDenied as exc:
        if is_htmx(request):
            return _card(request, finding, errors=[str(exc)], status=403)
        raise
    except ValidationError as exc:
        errors = error_messages(exc)
    if is_htmx(request):
        # htmx swaps only 2xx answers: a refusal is shown inside the card.
        return _card(request, _finding(request, pk), errors=errors)
    for message in errors:
        messages.error(request, message)
    if not errors:
        messages.success(request, _("Keputusan atas temuan disimpan."))
    return redirect(reverse("sync:plan_review", args=[finding.plan_id]) + f"?temuan={finding.pk}#temuan-{finding.pk}")


@login_required
@require_POST
def findings_bulk(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Decide the ticked findings, or every finding under the page's filters
    that is not resolved."""
    plan = readable_plan(request, plan_id)
    findings = selectors.findings_for(request.user).filter(plan=plan)
    _form, filters = finding_filters(request.POST)
    back = reverse("sync:plan_review", args=[plan.pk]) + filters.query_string()
    filtered = request.POST.get("scope") == "filtered"
    form = BulkForm(request.POST, finding_ids=() if filtered else list(findings.values_list("pk", flat=True)))
    if not form.is_valid():
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, message)
        return redirect(back)
    if filtered:
        chosen = filters.apply(findings).exclude(status=FindingStatus.RESOLVED)
    else:
        chosen = findings.filter(pk__in=form.cleaned_data["finding"])
    try:
        count = services.findings_bulk(
            findings=chosen, by=request.user, action=form.cleaned_data["action"], reason=form.cleaned_data["reason"]
        )
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(
            request, ngettext("%(count)s temuan diperbarui.", "%(count)s temuan diperbarui.", count) % {"count": count}
        )
    return redirect(back)


@login_required
@require_POST
def note_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = readable_plan(request, plan_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.review_note_add(
                plan=plan,
                by=request.user,
                text=form.cleaned_data["text"],
                include_in_letter=form.cleaned_data["include_in_letter"],
            )
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            for message in error_messages(exc):
                messages.error(request, message)
        else:
            messages.success(request, _("Catatan penelaahan disimpan."))
    else:
        messages.error(request, _("Catatan wajib diisi."))
    return redirect(reverse("sync:plan_review", args=[plan.pk]) + "#catatan")
