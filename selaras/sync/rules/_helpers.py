"""Small readings of plans and the authority matrix shared by the authority,
alignment, consistency, coverage and deadlines rules.

Not a rule module: the leading underscore keeps `selaras.sync.rules` from
importing it as one.

About the authority matrix (domain/authority-matrix.SOURCE.md): it
transcribes only some fields of the UU 23/2014 annex, and some cells could
not be read. A sub urusan with no rows at a level is therefore *unknown*,
never "no authority"; only an explicit `---` cell (`has_authority=False`)
says a level holds nothing. When an affair has no rows at all, the authority
rules say nothing about it. Rows are attached to sub urusan, so an activity
filed under a whole field (bidang urusan, e.g. 1.02) cannot be matched to a
cell and is not judged either.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import translation

from selaras.plans.models import Activity, ProgrammeKind
from selaras.registry.models import Affair, AffairLevel, AuthorityRule, Region, RegionLevel

DEKON_KINDS = frozenset({ProgrammeKind.DEKON_BINWAS, ProgrammeKind.DEKON_GWPP})
TP_KINDS = frozenset({ProgrammeKind.TP_PUSAT, ProgrammeKind.TP_PROVINSI})

KIND_ID = {
    ProgrammeKind.COOPERATION: "program kerja sama",
    ProgrammeKind.DEKON_BINWAS: "dekonsentrasi kepada GWPP (pembinaan dan pengawasan)",
    ProgrammeKind.DEKON_GWPP: "dekonsentrasi kepada GWPP (tugas GWPP)",
    ProgrammeKind.TP_PUSAT: "tugas pembantuan pusat",
    ProgrammeKind.TP_PROVINSI: "tugas pembantuan provinsi",
    ProgrammeKind.REGIONAL: "rencana daerah",
}
KIND_EN = {
    ProgrammeKind.COOPERATION: "cooperation programme",
    ProgrammeKind.DEKON_BINWAS: "deconcentration to the GWPP (guidance and supervision)",
    ProgrammeKind.DEKON_GWPP: "deconcentration to the GWPP (GWPP tasks)",
    ProgrammeKind.TP_PUSAT: "central co-administration",
    ProgrammeKind.TP_PROVINSI: "provincial co-administration",
    ProgrammeKind.REGIONAL: "regional plan",
}
LEVEL_ID = {"pusat": "Pemerintah Pusat", "provinsi": "daerah provinsi", "kabkota": "daerah kabupaten/kota"}
LEVEL_EN = {"pusat": "the central government", "provinsi": "the province", "kabkota": "the regency/city"}


def label_id(choices, value: str) -> str:
    """The Indonesian label of a choice, whatever the active language:
    `message_id` is always Indonesian."""
    with translation.override("id"):
        return str(choices(value).label)


def label_en(choices, value: str) -> str:
    with translation.override("en"):
        return str(choices(value).label)


def kind_of(activity: Activity) -> str:
    return activity.plan.cycle.programme.kind


def describe(activity: Activity) -> str:
    """“Title” (owner), the way the messages name an activity."""
    return f"“{activity.title}” ({activity.plan.owner})"


def affair_text(affair: Affair | None) -> str:
    return f"{affair.code} {affair.name}" if affair is not None else "-"


def region_text(region: Region | None) -> str:
    return f"{region.code} {region.name}" if region is not None else "-"


def recipient_region(activity: Activity) -> Region | None:
    recipient = activity.recipient
    return recipient.region if recipient is not None else None


def recipient_level(activity: Activity) -> str | None:
    """`gwpp`, `provinsi` or `kabkota`: the level the plan states, else read
    off the recipient's region (a province is the GWPP under deconcentration
    and the autonomous province under co-administration); None without a
    regional recipient."""
    if activity.recipient_level:
        return activity.recipient_level
    region = recipient_region(activity)
    if region is None or region.level not in (RegionLevel.PROVINCE, RegionLevel.REGENCY):
        return None
    if region.level == RegionLevel.PROVINCE and kind_of(activity) in DEKON_KINDS:
        return "gwpp"
    return region.level


def matrix_level(level: str | None) -> str | None:
    """The matrix column of a recipient level: the GWPP sits in the province."""
    return "provinsi" if level == "gwpp" else level


def is_kemendagri(agency) -> bool:
    """Kemendagri (budget section 010) or one of its units."""
    while agency is not None:
        if agency.budget_code == KEMENDAGRI_BUDGET_CODE:
            return True
        agency = agency.parent
    return False


KEMENDAGRI_BUDGET_CODE = "010"


def item_text_id(match) -> str:
    """How a finding names the item it rests on, and how it was found."""
    how = (
        "dikonfirmasi perencana"
        if match.confirmed
        else "disimpulkan dari judul dan uraian, kata penentu: %s" % (", ".join(match.words) or "-")
    )
    return f"butir “{match.item.text}” ({LEVEL_ID[match.item.level]}; {how})"


def item_text_en(match) -> str:
    how = (
        "confirmed by the planner"
        if match.confirmed
        else "inferred from title and description, deciding words: %s" % (", ".join(match.words) or "-")
    )
    return f"item “{match.item.text}” ({LEVEL_EN[match.item.level]}; {how})"


def assigning_province(activity):
    """For provincial co-administration: the province that assigns (the
    programme's assigner, else the plan's owner when it is a region)."""
    programme = activity.plan.cycle.programme
    for agency in (programme.assigner, activity.plan.owner):
        if agency is not None and agency.region is not None:
            return agency.region
    return None


def is_within(code: str, ancestor: str) -> bool:
    return code == ancestor or code.startswith(f"{ancestor}.")


def locations(activity: Activity) -> list:
    return sorted(activity.locations.all(), key=lambda loc: loc.region.code)


def matrix_rows(context, affair: Affair | None) -> dict[str, list[AuthorityRule]] | None:
    """The matrix rows of a sub urusan by level, or None when there are none
    to judge by (no affair, not a sub urusan, or not transcribed)."""
    if affair is None or affair.level != AffairLevel.SUB:
        return None
    rows = context.authority.get(affair.code)
    return rows if rows else None


def holds(rows: dict[str, list[AuthorityRule]], level: str) -> bool | None:
    """True if the level holds some task of the sub urusan, False if the
    annex cell is explicitly `---`, None if the cell was not transcribed."""
    level_rows = rows.get(level) or []
    if not level_rows:
        return None
    return any(r.has_authority for r in level_rows)


def rows_evidence(rows: Iterable[AuthorityRule]) -> list[dict]:
    return [
        {
            "affair": r.affair.code,
            "level": r.level,
            "text": r.text,
            "has_authority": r.has_authority,
            "source": r.source,
        }
        for r in rows
    ]


def rows_content(rows: Iterable[AuthorityRule]) -> list[list]:
    return [[r.affair.code, r.level, r.text, r.has_authority] for r in rows]
