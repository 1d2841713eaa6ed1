"""The meeting pack: one PDF built for the person asking, with the agenda,
the region matrices of the regions on it (the plans' matrix builders) and
the open findings and flags of the plans on it, each finding redacted as
that reader may see it. Pages numbered "Halaman n dari N" by the plans'
shared numbered canvas."""

from __future__ import annotations

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from selaras.core.access import READ, restrict
from selaras.flags.models import Flag, FlagStatus
from selaras.meetings.models import Meeting
from selaras.plans import exports
from selaras.plans import selectors as plan_selectors
from selaras.plans.exports.pdf import landscape_document, numbered_canvas, pdf_styles, story
from selaras.sync.models import Finding, FindingStatus
from selaras.sync.selectors import finding_evidence_for, findings_evidence_for

_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, "#999999"),
        ("BACKGROUND", (0, 0), (-1, 0), "#e8eef5"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def _table(rows: list[list], widths: list[float]) -> Table:
    table = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(_GRID)
    return table


def pack_title(meeting: Meeting) -> str:
    return _("Bahan rapat: %(title)s") % {"title": meeting.title}


def _agenda_plan_ids(meeting: Meeting) -> set[int]:
    return set(meeting.agenda.values_list("plans", flat=True)) - {None}


def _open_findings(meeting: Meeting, user, plan_ids: set[int]) -> list[Finding]:
    picked = set(meeting.agenda.values_list("findings", flat=True)) - {None}
    findings = Finding.objects.filter(status=FindingStatus.OPEN).filter(plan_id__in=plan_ids) | Finding.objects.filter(
        pk__in=picked
    )
    found = list(restrict(findings.distinct(), user, READ).select_related("plan", "activity").order_by("plan_id", "pk"))
    findings_evidence_for(user, found)
    return found


def _open_flags(meeting: Meeting, user, plan_ids: set[int]) -> list[Flag]:
    picked = set(meeting.agenda.values_list("flags", flat=True)) - {None}
    flags = Flag.objects.filter(activity__plan_id__in=plan_ids, status__in=(FlagStatus.OPEN, FlagStatus.ANSWERED))
    flags = flags | Flag.objects.filter(pk__in=picked)
    return list(restrict(flags.distinct(), user, READ).select_related("activity", "region").order_by("pk"))


def pack_story(meeting: Meeting, user) -> list:
    styles = pdf_styles()
    p = styles.p
    when = formats.date_format(timezone.localtime(meeting.starts_at), "l, j F Y H:i")
    flow = [
        p(pack_title(meeting), styles.title),
        p(" · ".join((meeting.get_kind_display(), when, meeting.venue or meeting.online_url or "-"))),
        p(_("Penyelenggara: %(organiser)s") % {"organiser": meeting.organiser}),
        Spacer(1, 4 * mm),
        p(_("Agenda"), styles.heading),
    ]
    agenda = list(meeting.agenda.prefetch_related("regions").order_by("number"))
    rows = [[p(_("No.")), p(_("Agenda")), p(_("Catatan"))]]
    rows += [[p(str(item.number)), p(item.title), p(item.notes)] for item in agenda]
    flow.append(_table(rows, [15, 140, 115]))
    year = meeting.year
    regions = {r.pk: r for item in agenda for r in item.regions.all()}
    for region in sorted(regions.values(), key=lambda r: r.code):
        matrix = plan_selectors.region_matrix(user, region, year)
        flow.append(PageBreak())
        flowables, _rows = story(matrix, exports.affair_groups(matrix), exports.agency_totals(matrix), styles)
        flow.extend(flowables)
    plan_ids = _agenda_plan_ids(meeting)
    flow += [PageBreak(), p(_("Temuan terbuka"), styles.heading)]
    rows = [[p(_("Rencana")), p(_("Kegiatan")), p(_("Tingkat")), p(_("Temuan"))]]
    for finding in _open_findings(meeting, user, plan_ids):
        shown = finding_evidence_for(user, finding)
        text = shown.message + (f" ({shown.hidden_other})" if shown.hidden_other else "")
        rows.append([p(str(finding.plan or "")), p(str(finding.activity)), p(finding.get_severity_display()), p(text)])
    if len(rows) == 1:
        rows.append([p(_("Tidak ada temuan terbuka.")), "", "", ""])
    flow.append(_table(rows, [60, 70, 20, 120]))
    flow += [Spacer(1, 6 * mm), p(_("Tanda dari daerah"), styles.heading)]
    rows = [[p(_("Wilayah")), p(_("Kegiatan")), p(_("Alasan")), p(_("Komentar"))]]
    for flag in _open_flags(meeting, user, plan_ids):
        rows.append([p(str(flag.region)), p(str(flag.activity)), p(flag.get_reason_display()), p(flag.comment)])
    if len(rows) == 1:
        rows.append([p(_("Tidak ada tanda terbuka.")), "", "", ""])
    flow.append(_table(rows, [50, 80, 30, 110]))
    return flow


def render_pack(meeting: Meeting, user) -> bytes:
    """The pack PDF as `user` may see it."""
    out = io.BytesIO()
    doc = landscape_document(out, pack_title(meeting))
    doc.build(pack_story(meeting, user), canvasmaker=numbered_canvas(pack_title(meeting)))
    return out.getvalue()


def pack_filename(meeting: Meeting) -> str:
    return f"bahan-rapat-{meeting.pk}.pdf"
