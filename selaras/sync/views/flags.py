"""A coordinator makes a region's flag a finding of the review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from selaras.flags import selectors as flag_selectors
from selaras.flags.models import Flag
from selaras.sync import services
from selaras.sync.views.common import error_messages


@login_required
@require_POST
def finding_from_flag(request: HttpRequest, flag_id: int) -> HttpResponse:
    try:
        flag = flag_selectors.flag_detail(request.user, flag_id)
    except Flag.DoesNotExist:
        raise Http404(_("Tanda tidak ditemukan.")) from None
    try:
        finding = services.finding_from_flag(flag=flag, by=request.user)
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
        return redirect("flags:detail", pk=flag.pk)
    messages.success(request, _("Tanda dijadikan temuan penelaahan."))
    return redirect(reverse("sync:plan_review", args=[finding.plan_id]) + f"#temuan-{finding.pk}")
