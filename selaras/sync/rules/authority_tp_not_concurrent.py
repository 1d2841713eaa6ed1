"""Co-administration of an affair that is not a concurrent affair, or of no
stated affair at all.

PP 19/2022 Pasal 11 ayat (1)–(2): tugas pembantuan assigns part of the
*concurrent* affairs (urusan pemerintahan konkuren, UU 23/2014 Pasal 9
ayat (3)). Absolute affairs — foreign policy, defence, security, justice,
national monetary and fiscal policy, religion — are the centre's alone
(UU 23/2014 Pasal 9 ayat (2), Pasal 10 ayat (1)); general government affairs
— national unity, harmony between religions and groups, social conflict —
belong to the President and are carried out by governors and regents as
such, funded by the APBN (Pasal 9 ayat (5), Pasal 25). Neither can be
assigned as co-administration; nor can budget "unsur" codes 4–9.

An activity with no affair is not passed silently: when its title and
description name an absolute or general government affair (the words of
Pasal 10 ayat (1) and Pasal 25 ayat (1)), it is an error; otherwise a
warning that the authority cannot be checked without an affair.
"""

from __future__ import annotations

import re

from selaras.sync.authority.text import strip_noise
from selaras.sync.rules._helpers import KIND_EN, KIND_ID, TP_KINDS, affair_text, describe, kind_of
from selaras.sync.rules.base import Rule, register

# UU 23/2014 Pasal 10 ayat (1) and Pasal 25 ayat (1), in planning language.
NOT_CONCURRENT = {
    "agama (Pasal 10 ayat (1) huruf f)": r"keagamaan|agama|kantor\s+urusan\s+agama|kua|haji|umrah|balai\s+nikah|"
    r"madrasah|pondok\s+pesantren|penyuluh\s+agama",
    "pertahanan (Pasal 10 ayat (1) huruf b)": r"pertahanan|bela\s+negara|komponen\s+cadangan|tni|alutsista",
    "keamanan (Pasal 10 ayat (1) huruf c)": r"kepolisian|polri|keamanan\s+dalam\s+negeri",
    "yustisi (Pasal 10 ayat (1) huruf d)": r"peradilan|pengadilan|kejaksaan|pemasyarakatan|yustisi",
    "politik luar negeri (Pasal 10 ayat (1) huruf a)": r"politik\s+luar\s+negeri|diplomasi|perwakilan\s+ri",
    "pemerintahan umum (Pasal 25 ayat (1))": r"wawasan\s+kebangsaan|persatuan\s+dan\s+kesatuan\s+bangsa|"
    r"kerukunan|konflik\s+sosial|fkub|ideologi\s+pancasila|demokrasi\s+pancasila|kesatuan\s+bangsa",
}
_PATTERNS = {label: re.compile(rf"\b(?:{p})\b", re.IGNORECASE) for label, p in NOT_CONCURRENT.items()}


def named_affairs(text: str) -> dict[str, list[str]]:
    found = {}
    for label, pattern in _PATTERNS.items():
        words = sorted({m.group(0).lower() for m in pattern.finditer(text)})
        if words:
            found[label] = words
    return found


@register
class TpNotConcurrent(Rule):
    code = "authority.tp_not_concurrent"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 11 ayat (1)–(2); UU 23/2014 Pasal 9, Pasal 10 ayat (1), Pasal 25 ayat (1)"
    title_id = "Tugas pembantuan atas urusan yang bukan urusan konkuren"
    title_en = "Co-administration of an affair that is not concurrent"

    def check(self, context):
        for activity in context.activities:
            kind = kind_of(activity)
            if kind not in TP_KINDS:
                continue
            values = {"activity": describe(activity), "kind_id": KIND_ID[kind], "kind_en": KIND_EN[kind]}
            affair = activity.affair
            if affair is not None and affair.is_concurrent:
                continue
            if affair is not None:
                article = (
                    "Pasal 10 ayat (1)"
                    if affair.is_absolute
                    else "Pasal 25 ayat (1)"
                    if affair.is_general_government
                    else "Pasal 9 ayat (3)–(4)"
                )
                yield self.draft(
                    key_parts=[activity.uid],
                    activity=activity,
                    message_id=(
                        "Kegiatan {activity} ({kind_id}) berada pada urusan {affair} yang bukan urusan pemerintahan "
                        "konkuren ({article} UU 23/2014); tugas pembantuan hanya untuk sebagian urusan konkuren "
                        "(Pasal 11 PP 19/2022)."
                    ).format(**values, affair=affair_text(affair), article=article),
                    message_en=(
                        "Activity {activity} ({kind_en}) is filed under {affair}, which is not a concurrent affair "
                        "(UU 23/2014 {article}); co-administration covers only parts of concurrent affairs "
                        "(PP 19/2022 Article 11)."
                    ).format(**values, affair=affair_text(affair), article=article),
                    evidence={"affair": affair.code, "affair_group": affair.group, "article": article},
                    content={"kind": kind, "affair": affair.code},
                )
                continue
            named = named_affairs(strip_noise(f"{activity.title}. {activity.description}"))
            if named:
                labels = "; ".join(f"{label}: {', '.join(words)}" for label, words in named.items())
                yield self.draft(
                    key_parts=[activity.uid],
                    activity=activity,
                    message_id=(
                        "Kegiatan {activity} ({kind_id}) tidak menyebut urusan, dan judul serta uraiannya menunjuk "
                        "urusan absolut atau urusan pemerintahan umum ({labels}, UU 23/2014); urusan ini tidak "
                        "dapat ditugaskan melalui tugas pembantuan (Pasal 11 PP 19/2022)."
                    ).format(**values, labels=labels),
                    message_en=(
                        "Activity {activity} ({kind_en}) names no affair, and its title and description point to "
                        "an absolute or general government affair ({labels}, UU 23/2014); these cannot be assigned "
                        "as co-administration (PP 19/2022 Article 11)."
                    ).format(**values, labels=labels),
                    evidence={"affair": None, "named": named},
                    content={"kind": kind, "named": sorted(named)},
                )
                continue
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                severity="warning",
                message_id=(
                    "Kegiatan {activity} ({kind_id}) tidak menyebut urusan; kewenangan pemberi tugas atasnya "
                    "(Pasal 11 PP 19/2022) tidak dapat diperiksa."
                ).format(**values),
                message_en=(
                    "Activity {activity} ({kind_en}) names no affair; the assigner's authority over it "
                    "(PP 19/2022 Article 11) cannot be checked."
                ).format(**values),
                evidence={"affair": None},
                content={"kind": kind, "affair": None},
            )
