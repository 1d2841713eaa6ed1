"""Building a draft letter from a plan's review: one numbered point per
accepted finding (with the rule's citation), then one per note the
coordinator marked for the letter.

Letters are written in Indonesian whatever language the coordinator's screen
uses: they are official correspondence."""

from __future__ import annotations

from dataclasses import dataclass

from selaras.plans.models import Plan
from selaras.sync.models import Finding, FindingStatus, ReviewNote


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
    parts = []
    activity = finding.activity
    if activity is not None:
        label = f"{activity.code} {activity.title}".strip()
        parts.append(f"Kegiatan “{label}”")
    if finding.other_activity is not None:
        other = finding.other_activity
        parts.append(f"terhadap kegiatan “{other.title}” ({other.plan.owner.name})")
    elif finding.regional_sub_activity is not None:
        parts.append(f"terhadap sub kegiatan daerah “{finding.regional_sub_activity.name}”")
    text = (" ".join(parts) + ": " if parts else "") + finding.message_id
    if finding.reason:
        text += " " + finding.reason
    return DraftPoint(text=text.strip(), citation=finding.citation, finding=finding)


def draft_points(plan: Plan) -> list[DraftPoint]:
    findings = (
        Finding.objects.filter(plan=plan, status=FindingStatus.ACCEPTED)
        .select_related("activity", "other_activity__plan__owner", "regional_sub_activity")
        .order_by("category", "rule", "activity__position", "id")
    )
    points = [point_from_finding(f) for f in findings]
    notes = ReviewNote.objects.filter(plan=plan, include_in_letter=True).order_by("created_at", "id")
    points += [DraftPoint(text=n.text, citation="") for n in notes]
    return points
