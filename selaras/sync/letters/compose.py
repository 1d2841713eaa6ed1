"""Building a draft letter from a plan's review: one numbered point per
accepted finding, phrased as a request to the addressee ("Agar …") with the
rule's citation, then one per note the coordinator marked for the letter.

Letters are written in Indonesian whatever language the coordinator's screen
uses: they are official correspondence."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from selaras.plans.models import Plan, PlanStatus
from selaras.registry.models import Region
from selaras.sync.models import Finding, FindingStatus, ReviewNote
from selaras.sync.selectors import finding_evidence_for

SETTLED = frozenset({PlanStatus.ENDORSED, PlanStatus.IN_IMPLEMENTATION, PlanStatus.CLOSED})


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


# What a point asks of the addressee, per rule, else per category. A point
# names the finding's own activity only: the other side (another agency's
# activity, a region's sub-activity) may be hidden from the addressee, so the
# coordinator names it in the point where fitting.
_CLOSE = ", dan menyampaikan hasilnya kepada {koordinator}."
REQUESTS_BY_RULE = {
    "duplication.central": "Agar {instansi} meninjau kembali kegiatan {kegiatan} yang berpotensi tumpang tindih "
    "dengan kegiatan instansi lain di {wilayah} pada tahun {tahun} ({dasar})" + _CLOSE,
    "duplication.regional": "Agar {instansi} meninjau kembali kegiatan {kegiatan} yang berpotensi tumpang tindih "
    "dengan sub kegiatan pemerintah daerah di {wilayah} pada tahun {tahun} ({dasar})" + _CLOSE,
    # A region's flag is the region speaking about an activity in its own
    # area: its words are the point, and the owner may read them.
    "flag.region": "Agar {instansi} menanggapi masukan pemerintah daerah atas kegiatan {kegiatan}, yaitu "
    "“{masukan}” ({dasar})" + _CLOSE,
}
REQUESTS_BY_CATEGORY = {
    "authority": "Agar {instansi} menyesuaikan kegiatan {kegiatan} dengan pembagian urusan pemerintahan, "
    "mengingat hasil penelaahan: {temuan} ({dasar})" + _CLOSE,
    "duplication": "Agar {instansi} meninjau kembali kegiatan {kegiatan} yang berpotensi tumpang tindih "
    "dengan kegiatan lain di {wilayah} pada tahun {tahun}: {temuan} ({dasar})" + _CLOSE,
    "alignment": "Agar {instansi} mengaitkan kegiatan {kegiatan} dengan sasaran pembangunan yang sesuai, "
    "mengingat hasil penelaahan: {temuan} ({dasar})" + _CLOSE,
    "consistency": "Agar {instansi} memperbaiki data kegiatan {kegiatan}, mengingat hasil penelaahan: "
    "{temuan} ({dasar})" + _CLOSE,
    "coverage": "Agar {instansi} meninjau kembali sebaran lokasi kegiatan {kegiatan}, mengingat hasil "
    "penelaahan: {temuan} ({dasar})" + _CLOSE,
    "deadlines": "Agar {instansi} menyelesaikan penetapan yang diperlukan bagi kegiatan {kegiatan} tepat waktu, "
    "mengingat hasil penelaahan: {temuan} ({dasar})" + _CLOSE,
}
REQUEST_DEFAULT = (
    "Agar {instansi} menindaklanjuti hasil penelaahan atas kegiatan {kegiatan}: {temuan} ({dasar})" + _CLOSE
)


def _what(finding: Finding) -> str:
    """The finding in a few words: its rule's title, else its message as the
    addressee may read it (the other side left out)."""
    from selaras.sync.rules.base import all_rules

    rule = all_rules().get(finding.rule)
    title = getattr(rule, "title_id", "") if rule is not None else ""
    if title:
        return title[:1].lower() + title[1:]
    return finding_evidence_for(None, finding).message_id.strip().rstrip(".")


def _where(finding: Finding) -> str:
    codes = list(finding.region_codes or [])
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    shown = [names.get(c, c) for c in codes[:3]]
    if not shown:
        return "wilayah yang sama"
    more = f" dan {len(codes) - 3} wilayah lain" if len(codes) > 3 else ""
    return ", ".join(shown) + more


def point_from_finding(finding: Finding) -> DraftPoint:
    """A request to the addressee ("Agar …"): what to do about which
    activity, why (the finding) and on what basis (the rule's article)."""
    plan = finding.plan
    activity = finding.activity
    label = f"{activity.code} {activity.title}".strip() if activity is not None else ""
    template = REQUESTS_BY_RULE.get(finding.rule) or REQUESTS_BY_CATEGORY.get(finding.category, REQUEST_DEFAULT)
    text = template.format(
        instansi=plan.owner.name,
        kegiatan=f"“{label}”" if label else "dalam rencana ini",
        wilayah=_where(finding),
        tahun=plan.cycle.year,
        temuan=_what(finding),
        masukan=finding.message_id.strip(),
        dasar=finding.citation or "hasil sinkronisasi",
        koordinator=plan.cycle.programme.coordinator.name,
    )
    return DraftPoint(text=text, citation=finding.citation, finding=finding)


def letter_refusal(plan: Plan) -> str:
    """Why no letter may be composed or issued for `plan` now, or "": an
    endorsed plan is settled (the workflow has no transition that reopens it)."""
    if plan.status in SETTLED:
        return _("Rencana ini berstatus %(status)s: surat rekomendasi tidak dapat disusun atau diterbitkan.") % {
            "status": plan.get_status_display()
        }
    return ""


def draft_points(plan: Plan) -> list[DraftPoint]:
    findings = (
        Finding.objects.filter(plan=plan, status=FindingStatus.ACCEPTED)
        .select_related("activity", "plan__owner", "plan__cycle__programme__coordinator")
        .order_by("category", "rule", "activity__position", "id")
    )
    points = [point_from_finding(f) for f in findings]
    notes = ReviewNote.objects.filter(plan=plan, include_in_letter=True).order_by("created_at", "id")
    points += [DraftPoint(text=n.text, citation="") for n in notes]
    return points
