"""Flag pages: my flags, the flags of one plan (linked from the plan page,
with a "Tandai" button on each activity the user may flag), raising a flag,
and one flag with its thread and actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from selaras.core.access import READ, restrict
from selaras.core.forms import error_messages
from selaras.flags import selectors, services
from selaras.flags.forms import FlagForm, MessageForm
from selaras.flags.models import Flag
from selaras.plans.models import Activity, Plan

MESSAGE_ACTIONS = {"answer": services.flag_answer, "reply": services.flag_reply}
STATUS_ACTIONS = {"close": services.flag_close, "withdraw": services.flag_withdraw}


def _crumbs(*items: tuple[str, str]) -> list[dict]:
    trail = [{"label": _("Tanda daerah"), "url": reverse("flags:index")}]
    trail += [{"label": label, "url": url} for label, url in items]
    trail[-1]["url"] = ""
    return trail


@login_required
def flag_list(request: HttpRequest) -> HttpResponse:
    flags = selectors.flags_for(request.user)
    return render(request, "flags/flag_list.html", {"flags": flags[:200], "crumbs": _crumbs((_("Semua"), ""))})


@login_required
def plan_flags(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(
        restrict(Plan.objects.select_related("cycle__programme", "owner"), request.user, READ), pk=plan_id
    )
    return render(
        request,
        "flags/plan_flags.html",
        {
            "plan": plan,
            "flags": selectors.plan_flags(request.user, plan),
            "flaggable": selectors.flaggable_activities(request.user, plan),
            "crumbs": _crumbs((str(plan), "")),
        },
    )


@login_required
def flag_create(request: HttpRequest, activity_id: int) -> HttpResponse:
    try:
        activity = selectors.flaggable_activity(request.user, activity_id)
    except Activity.DoesNotExist:
        raise Http404(_("Kegiatan tidak ditemukan.")) from None
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flag = services.flag_raise(activity=activity, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("Tanda dikirim ke instansi pemilik dan koordinator."))
            return redirect("flags:detail", pk=flag.pk)
    return render(
        request,
        "flags/flag_form.html",
        {"activity": activity, "form": form, "crumbs": _crumbs((str(activity.plan), ""), (_("Tandai"), ""))},
    )


def _readable(request: HttpRequest, pk: int) -> Flag:
    try:
        return selectors.flag_detail(request.user, pk)
    except Flag.DoesNotExist:
        raise Http404(_("Tanda tidak ditemukan.")) from None


@login_required
def flag_detail(request: HttpRequest, pk: int) -> HttpResponse:
    flag = _readable(request, pk)
    return render(
        request,
        "flags/flag_detail.html",
        {
            "flag": flag,
            "thread": selectors.flag_messages(request.user, flag),
            "may": selectors.flag_permissions(request.user, flag),
            "message_form": MessageForm(),
            "crumbs": _crumbs(
                (str(flag.activity.plan), reverse("flags:plan", args=[flag.activity.plan_id])),
                (
                    _("Tanda #%(n)s") % {"n": flag.pk},
                    "",
                ),
            ),
        },
    )


@login_required
@require_POST
def flag_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    flag = _readable(request, pk)
    try:
        if action in MESSAGE_ACTIONS:
            form = MessageForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"text": _("Pesan wajib diisi.")})
            MESSAGE_ACTIONS[action](flag=flag, by=request.user, text=form.cleaned_data["text"])
        elif action in STATUS_ACTIONS:
            STATUS_ACTIONS[action](flag=flag, by=request.user)
        else:
            raise Http404(_("Tindakan tidak dikenal."))
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Tanda diperbarui."))
    return redirect("flags:detail", pk=flag.pk)
