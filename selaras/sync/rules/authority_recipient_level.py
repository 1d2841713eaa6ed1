"""The recipient's level does not fit the instrument.

PP 19/2022:
- Pasal 1 angka 3–4, Pasal 3: deconcentration goes only to the governor as
  representative of the central government (GWPP) — not to the province as
  an autonomous region, nor to a regency/city;
- Pasal 1 angka 5–6, Pasal 14 ayat (1)–(2); UU 23/2014 Pasal 1 angka 11:
  central co-administration goes to an autonomous region, a province or a
  regency/city — never to the GWPP;
- Pasal 1 (provincial co-administration), Pasal 11 ayat (2), Pasal 14
  ayat (3): provincial co-administration goes from a province to a
  regency/city within it. Villages are outside PP 19/2022 (Pasal 11;
  UU 23/2014 Pasal 372).
The level is the one the plan states (`Activity.recipient_level`); when it
is not stated, a province receiving deconcentration is read as the GWPP and
one receiving co-administration as the autonomous province. A delegated
activity without a recipient cannot be checked: a warning.
"""

from __future__ import annotations

from selaras.plans.models import ProgrammeKind
from selaras.sync.rules._helpers import (
    KIND_EN,
    KIND_ID,
    assigning_province,
    describe,
    is_within,
    kind_of,
    recipient_level,
    recipient_region,
    region_text,
)
from selaras.sync.rules.base import Rule, register

ALLOWED = {
    ProgrammeKind.DEKON_BINWAS: {"gwpp"},
    ProgrammeKind.DEKON_GWPP: {"gwpp"},
    ProgrammeKind.TP_PUSAT: {"provinsi", "kabkota"},
    ProgrammeKind.TP_PROVINSI: {"kabkota"},
}
LEVEL_NAME_ID = {
    "gwpp": "GWPP",
    "provinsi": "pemerintah provinsi (daerah otonom)",
    "kabkota": "pemerintah kabupaten/kota",
}
LEVEL_NAME_EN = {
    "gwpp": "the GWPP",
    "provinsi": "the province as autonomous region",
    "kabkota": "a regency/city government",
}
ALLOWED_ID = {
    ProgrammeKind.DEKON_BINWAS: "gubernur sebagai wakil Pemerintah Pusat (GWPP)",
    ProgrammeKind.DEKON_GWPP: "gubernur sebagai wakil Pemerintah Pusat (GWPP)",
    ProgrammeKind.TP_PUSAT: "pemerintah provinsi atau kabupaten/kota sebagai daerah otonom, bukan GWPP",
    ProgrammeKind.TP_PROVINSI: "pemerintah kabupaten/kota di provinsi pemberi tugas",
}
ALLOWED_EN = {
    ProgrammeKind.DEKON_BINWAS: "the governor as representative of the centre (GWPP)",
    ProgrammeKind.DEKON_GWPP: "the governor as representative of the centre (GWPP)",
    ProgrammeKind.TP_PUSAT: "a provincial or regency/city government as autonomous region, not the GWPP",
    ProgrammeKind.TP_PROVINSI: "a regency/city government in the assigning province",
}


@register
class RecipientLevel(Rule):
    code = "authority.recipient_level"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 1 angka 3–6, Pasal 3, Pasal 11 ayat (2), Pasal 14; UU 23/2014 Pasal 1 angka 11"
    title_id = "Tingkat penerima tidak sesuai instrumen"
    title_en = "Recipient level does not fit the instrument"

    def check(self, context):
        for activity in context.activities:
            kind = kind_of(activity)
            if kind not in ALLOWED:
                continue
            level = recipient_level(activity)
            region = recipient_region(activity)
            values = {
                "activity": describe(activity),
                "recipient": str(activity.recipient) if activity.recipient else "-",
                "region": region_text(region) if region is not None else "bukan pemerintah daerah",
            }
            severity = None
            if activity.recipient is None:
                severity = "warning"
                message_id = "Kegiatan {activity} ({kind}) tidak menyebutkan pemerintah penerima; seharusnya {allowed}."
                message_en = "Activity {activity} ({kind}) names no recipient government; it should be {allowed}."
            elif level not in ALLOWED[kind]:
                message_id = (
                    "Kegiatan {activity} ({kind}) diberikan kepada {recipient} ({region}) sebagai "
                    + LEVEL_NAME_ID.get(level, "-")
                    + "; penerima instrumen ini adalah {allowed}."
                )
                message_en = (
                    "Activity {activity} ({kind}) goes to {recipient} ({region}) as "
                    + LEVEL_NAME_EN.get(level, "-")
                    + "; this instrument's recipient is {allowed}."
                )
            elif kind == ProgrammeKind.TP_PROVINSI and (province := assigning_province(activity)) is not None:
                if is_within(region.code, province.code):
                    continue
                values["province"] = region_text(province)
                message_id = (
                    "Kegiatan {activity} ({kind}) diberikan kepada {recipient} ({region}) yang tidak berada "
                    "di {province}, provinsi pemberi tugas."
                )
                message_en = (
                    "Activity {activity} ({kind}) goes to {recipient} ({region}), which is not in "
                    "{province}, the assigning province."
                )
            else:
                continue
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                severity=severity,
                region_codes=[region.code] if region is not None else [],
                message_id=message_id.format(**values, kind=KIND_ID[kind], allowed=ALLOWED_ID[kind]),
                message_en=message_en.format(
                    **{**values, "region": region_text(region) if region is not None else "not a regional government"},
                    kind=KIND_EN[kind],
                    allowed=ALLOWED_EN[kind],
                ),
                evidence={
                    "kind": kind,
                    "recipient": values["recipient"],
                    "recipient_region": region.code if region is not None else None,
                    "recipient_level": level,
                    "allowed_levels": sorted(ALLOWED[kind]),
                },
                content={"kind": kind, "recipient": activity.recipient_id, "level": level},
            )
