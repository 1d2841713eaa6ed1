"""What one reader sees of a finding.

A finding is read with its plan, but its other side (another agency's
activity, a region's own sub-activity, activities listed as evidence) has
readers of its own. Pages, API and letters take a finding's message,
evidence and other side only from here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from selaras.core.access import READ, restrict
from selaras.plans.models import Activity, RegionalSubActivity
from selaras.sync.explanations import explain_titles
from selaras.sync.models import Finding

# Evidence about the finding's own activity and place; any other key may
# describe the other side.
OWN_EVIDENCE = ("text_a", "owner_a", "score", "regions", "year")


@dataclass(frozen=True)
class FindingEvidence:
    """A finding as one reader may see it. `hidden_other` describes, without
    its details, an other side the reader may not read ("" when none)."""

    message_id: str
    message_en: str
    evidence: dict
    other_activity: Activity | None = None
    regional_sub_activity: RegionalSubActivity | None = None
    hidden_other: str = ""

    @property
    def message(self) -> str:
        lang = (get_language() or "id")[:2]
        return self.message_en if lang == "en" and self.message_en else self.message_id


def _user_key(user) -> int | None:
    return getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None


def _place_phrase(codes: list[str]) -> str:
    depth = min((len(c.split(".")) for c in codes), default=0)
    return {
        1: _("di provinsi yang sama"),
        2: _("di kabupaten/kota yang sama"),
        3: _("di kecamatan yang sama"),
    }.get(depth, _("di desa/kelurahan yang sama") if depth >= 4 else _("di wilayah yang sama"))


def _hidden_description(finding: Finding) -> str:
    place = _place_phrase(finding.region_codes or [])
    if finding.regional_sub_activity_id:
        return _("Sebuah sub kegiatan pemerintah daerah %(place)s, tahun yang sama.") % {"place": place}
    return _("Sebuah kegiatan instansi lain %(place)s, tahun yang sama.") % {"place": place}


def _hidden_messages(finding: Finding) -> tuple[str, str]:
    """The message without the other side: composed by the rule from its
    structured evidence, or else the rule's title and the description."""
    from selaras.sync.rules.base import all_rules

    rule = all_rules().get(finding.rule)
    compose = getattr(rule, "compose_message", None)
    if compose is not None:
        try:
            return compose(finding.evidence, "id", hidden=True), compose(finding.evidence, "en", hidden=True)
        except (KeyError, TypeError, ValueError):
            pass  # evidence of an older shape: fall back below
    with translation.override("id"):
        text_id = _hidden_description(finding)
    with translation.override("en"):
        text_en = _hidden_description(finding)
    title_id, title_en = getattr(rule, "title_id", ""), getattr(rule, "title_en", "")
    return (f"{title_id}: {text_id}" if title_id else text_id), (f"{title_en}: {text_en}" if title_en else text_en)


def _listed_uids(finding: Finding) -> list[str]:
    rows = finding.evidence.get("activities") if isinstance(finding.evidence, dict) else None
    return [str(row["uid"]) for row in rows or () if isinstance(row, dict) and row.get("uid")]


def findings_evidence_for(user, findings: Iterable[Finding]) -> None:
    """Work out, in a few queries, what `user` sees of each finding; kept on
    the finding for `finding_evidence_for`."""
    findings = [f for f in findings if _cached(user, f) is None]
    if not findings:
        return
    activity_ids = {f.other_activity_id for f in findings if f.other_activity_id}
    sub_ids = {f.regional_sub_activity_id for f in findings if f.regional_sub_activity_id}
    uids = {uid for f in findings for uid in _listed_uids(f)}
    activities = restrict(Activity.objects.all(), user, READ)
    readable_ids = set(activities.filter(pk__in=activity_ids).values_list("pk", flat=True)) if activity_ids else set()
    readable_subs = (
        set(restrict(RegionalSubActivity.objects.filter(pk__in=sub_ids), user, READ).values_list("pk", flat=True))
        if sub_ids
        else set()
    )
    readable_uids = {str(u) for u in activities.filter(uid__in=uids).values_list("uid", flat=True)} if uids else set()
    for f in findings:
        shown = _evidence(f, readable_ids, readable_subs, readable_uids)
        cache = f.__dict__.setdefault("_evidence_for", {})
        cache[_user_key(user)] = shown


def _cached(user, finding: Finding) -> FindingEvidence | None:
    return finding.__dict__.get("_evidence_for", {}).get(_user_key(user))


def _explained(evidence: dict) -> dict:
    """A resemblance's explanation, worked out when it is read: a national
    run finds tens of thousands, of which a reviewer opens a few pages (at
    check time it cost a fifth of the run). Findings stored with one keep it."""
    a, b = evidence.get("text_a"), evidence.get("text_b")
    if "why" not in evidence and isinstance(a, str) and isinstance(b, str):
        evidence["why"] = explain_titles(a, b)
    return evidence


def _evidence(f: Finding, readable_ids: set[int], readable_subs: set[int], readable_uids: set[str]) -> FindingEvidence:
    evidence = dict(f.evidence) if isinstance(f.evidence, dict) else {}
    if "activities" in evidence and isinstance(evidence["activities"], list):
        evidence["activities"] = [
            row if str(row.get("uid")) in readable_uids else {"agency": row.get("agency", "")}
            for row in evidence["activities"]
            if isinstance(row, dict)
        ]
    hidden = (f.other_activity_id and f.other_activity_id not in readable_ids) or (
        f.regional_sub_activity_id and f.regional_sub_activity_id not in readable_subs
    )
    if not hidden:
        return FindingEvidence(
            message_id=f.message_id,
            message_en=f.message_en,
            evidence=_explained(evidence),
            other_activity=f.other_activity if f.other_activity_id else None,
            regional_sub_activity=f.regional_sub_activity if f.regional_sub_activity_id else None,
        )
    message_id, message_en = _hidden_messages(f)
    return FindingEvidence(
        message_id=message_id,
        message_en=message_en,
        evidence={k: v for k, v in evidence.items() if k in OWN_EVIDENCE},
        hidden_other=_hidden_description(f),
    )


def finding_evidence_for(user, finding: Finding) -> FindingEvidence:
    """What `user` sees of this finding: its other side only as far as they
    may read it. `user=None` sees no other side at all (a letter's automatic
    text)."""
    shown = _cached(user, finding)
    if shown is None:
        findings_evidence_for(user, [finding])
        shown = _cached(user, finding)
    return shown
