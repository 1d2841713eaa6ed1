"""How a background check run reads on the job page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from selaras.core.jobs import JobSummary, job_presenter
from selaras.core.models import Job
from selaras.sync.models import CheckRun

# The counts `engine.reconcile` returns, in the order a reviewer reads them.
COUNT_LABELS = (
    ("total", gettext_lazy("Jumlah temuan")),
    ("new", gettext_lazy("Temuan baru")),
    ("kept", gettext_lazy("Temuan yang tetap ada")),
    ("reopened", gettext_lazy("Temuan yang muncul kembali")),
    ("resolved", gettext_lazy("Temuan yang selesai")),
)


@job_presenter("sync.check")
def check_run(job: Job) -> JobSummary:
    result = job.result if isinstance(job.result, dict) else {}
    lines = [(str(label), result[key]) for key, label in COUNT_LABELS if key in result]
    run = CheckRun.objects.select_related("plan", "cycle").filter(job=job).first()
    links: list[tuple[str, str]] = []
    if run is not None:
        links.append((_("Hasil pemeriksaan"), reverse("sync:run_detail", args=[run.pk])))
        if run.plan_id:
            links.append(
                (_("Telaah rencana %(plan)s") % {"plan": run.plan}, reverse("sync:plan_review", args=[run.plan_id]))
            )
        elif run.cycle_id:
            links.append(
                (
                    _("Temuan siklus %(cycle)s") % {"cycle": run.cycle},
                    reverse("sync:cycle_findings", args=[run.cycle_id]),
                )
            )
    return JobSummary(lines=lines, links=links)
