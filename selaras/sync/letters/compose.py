"""Building a draft letter from a plan's review: one numbered point per
accepted finding (with the rule's citation), then one per note the
coordinator marked for the letter.

Letters are written in Indonesian whatever language the coordinator's screen
uses: they are official correspondence."""

from __future__ import annotations

from dataclasses import dataclass

from selaras.plans.models import Plan
from selaras.sync.models import Finding, FindingStatus, ReviewNote
from selaras.sync.selectors import finding_evidence_for


@dataclass
class DraftPoint:
    text: str
    citation: str
    finding: Finding | None = None


def default_subject(plan: Plan) -> str:
    return f"Rekomendasi Hasil Sinkronisasi {plan.cycle.programme.name} Tahun {plan.cycle.year}"


def default_opening(plan: Plan) -> str:
    title = plan.title or str(plan)
    return (
        f"Menindaklanjuti pengajuan {title} oleh {plan.owner.name} (revisi ke-{plan.revision}), dengan hormat "
        "kami sampaikan bahwa telah dilakukan sinkronisasi dan penelaahan atas rencana tersebut terhadap "
        "pembagian urusan pemerintahan, rencana kementerian/lembaga lain, dan rencana pemerintah daerah. "
        "Berdasarkan hasil penelaahan tersebut, kami sampaikan rekomendasi sebagai berikut:"
    )


DEFAULT_CLOSING = (
    "Kami mohon agar rekomendasi tersebut ditindaklanjuti dalam perbaikan rencana dan ditanggapi butir demi butir "
    "melalui Selaras. Atas perhatian dan kerja sama Saudara, kami ucapkan terima kasih."
)


def point_from_finding(finding: Finding) -> DraftPoint:
    """The point's text names the finding's own activity only: the other side
    (another agency's activity, a region's sub-activity) may be hidden from
    the addressee, so the coordinator names it in the point where fitting."""
    parts = []
    activity = finding.activity
    if activity is not None:
        label = f"{activity.code} {activity.title}".strip()
        parts.append(f"Kegiatan “{label}”")
    message = finding_evidence_for(None, finding).message_id
    text = (" ".join(parts) + ": " if parts else "") + message
    if finding.reason:
        text += " " + finding.reason
    return DraftPoint(text=text.strip(), citation=finding.citation, finding=finding)


def draft_points(plan: Plan) -> list[DraftPoint]:
    findings = (
        Finding.objects.filter(plan=plan, status=FindingStatus.ACCEPTED)
        .select_related("activity")
        .order_by("category", "rule", "activity__position", "id")
    )
    points = [point_from_finding(f) for f in findings]
    notes = ReviewNote.objects.filter(plan=plan, include_in_letter=True).order_by("created_at", "id")
    points += [DraftPoint(text=n.text, citation="") for n in notes]
    return points
