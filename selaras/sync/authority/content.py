"""Is an activity guidance and supervision of regional government (PP 19/2022
Pasal 4) or does it carry out the affair itself?

Pasal 4 ayat (2): guidance (pembinaan) is facilitation, consultation,
education and training, research and development; ayat (3): supervision
(pengawasan) is review, monitoring, evaluation, inspection. Ayat (1) huruf a
aims both at the regency/city government — its affairs and the
co-administration it carries out. Delivering the affair is building,
procuring, handing out goods, operating a facility, or serving citizens
directly. The classifier reads the title and description for these forms,
as active verbs or their nouns ("membangun", "pembangunan"); passive forms
("yang didistribusikan") describe an object, not what the actor does, and are
not counted. A binwas word that is also in the text of the activity's matrix
item ("Pelaksanaan pengawasan keamanan pangan segar") is the affair's own
substance, not Pasal 4 supervision of a government, and is not counted either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selaras.sync.authority.text import places_to_levels, strip_noise

GUIDANCE = {
    "fasilitasi": r"(?:mem)?fasilitasi",
    "konsultasi": r"konsultasi|konsultansi",
    "pendidikan dan pelatihan": r"pelatihan|melatih|bimbingan\s+teknis|bimtek|diklat|peningkatan\s+kapasitas",
    "penelitian dan pengembangan": r"penelitian|meneliti|kajian|mengkaji",
    "pembinaan": r"pembinaan|membina|pendampingan\s+teknis|asistensi|supervisi\s+fasilitatif",
}
SUPERVISION = {
    "reviu": r"reviu|review|mereviu",
    "pemantauan": r"pemantauan|memantau|monitoring|memonitor|monev",
    "evaluasi": r"evaluasi|mengevaluasi",
    "pengawasan": r"pengawasan|mengawasi|inspeksi|pemeriksaan|memeriksa|supervisi|menyupervisi|verifikasi|audit",
}
DELIVERY = {
    "membangun": r"membangun|pembangunan|merehabilitasi|rehabilitasi|renovasi|konstruksi|pekerjaan\s+fisik",
    "pengadaan": r"pengadaan|mengadakan|membeli|pembelian",
    "menyalurkan": r"menyalurkan|penyaluran|mendistribusikan|pendistribusian|membagikan|pembagian|"
    r"memberikan\s+bantuan|pemberian\s+bantuan|menyerahkan\s+bantuan",
    "mengoperasikan": r"mengoperasikan|pengoperasian|memasang|pemasangan",
    "melayani langsung": r"langsung\s+kepada|melayani|pelayanan\s+langsung|layanan\s+langsung|"
    r"menyelenggarakan\s+(?:layanan|pelayanan|penjangkauan)|memberikan\s+(?:layanan|pelayanan|konseling)",
}
# Who guidance and supervision aim at (Pasal 4 ayat (1) huruf a): the
# regency/city government, its offices and units, or its co-administration.
GOVERNMENT_OF_REGENCY = re.compile(
    r"(?:pemerintah|dinas|perangkat\s+daerah|opd|uptd|bappeda|dinkes|disdukcapil|dukcapil|dpmd|pmd|puskesmas)"
    r"[^.;]{0,60}?\b(?:kabupaten|kota)\b|\bkabupaten\s*/\s*kota\b|tugas\s+pembantuan",
    re.IGNORECASE,
)


def _compile(table: dict[str, str]) -> dict[str, re.Pattern]:
    # "mendistribusikannya": the enclitic -nya does not change the act.
    return {form: re.compile(rf"\b(?:{pattern})(?:nya)?\b", re.IGNORECASE) for form, pattern in table.items()}


_GUIDANCE, _SUPERVISION, _DELIVERY = _compile(GUIDANCE), _compile(SUPERVISION), _compile(DELIVERY)


@dataclass
class ContentReading:
    """What the text says the activity does, with the words that said it."""

    binwas: dict[str, list[str]] = field(default_factory=dict)  # Pasal 4 form → words
    delivery: dict[str, list[str]] = field(default_factory=dict)
    aimed_at_regency: bool = False
    discounted: list[str] = field(default_factory=list)  # binwas words that are the item's substance

    @property
    def kind(self) -> str:
        """`delivery`, `binwas` or `unknown`."""
        if self.delivery:
            return "delivery"
        if self.binwas:
            return "binwas"
        return "unknown"

    @property
    def is_binwas_of_regency(self) -> bool:
        return self.kind == "binwas" and self.aimed_at_regency

    def words(self) -> list[str]:
        found = self.delivery if self.kind == "delivery" else self.binwas
        return sorted({w for words in found.values() for w in words})

    def evidence(self) -> dict:
        return {
            "content": self.kind,
            "binwas": self.binwas,
            "delivery": self.delivery,
            "aimed_at_regency": self.aimed_at_regency,
            "substance_words": self.discounted,
        }


def _hits(table: dict[str, re.Pattern], text: str) -> dict[str, list[str]]:
    found = {}
    for form, pattern in table.items():
        words = sorted({m.group(0).lower() for m in pattern.finditer(text)})
        if words:
            found[form] = words
    return found


# A delivery noun right after a binwas word is what is supervised, not what is
# done: "mengevaluasi pengadaan dan penyaluran cadangan pangan", "pemantauan
# pelaksanaan Tugas Pembantuan pembangunan SPAM".
_BINWAS_BEFORE = re.compile(
    r"\b(?:" + "|".join([*GUIDANCE.values(), *SUPERVISION.values()]) + r")\b(?:\W+\w+){0,8}\W*$",
    re.IGNORECASE,
)
_NOUN = re.compile(r"^pe[mnr]?", re.IGNORECASE)


def _acts(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for form, pattern in _DELIVERY.items():
        for m in pattern.finditer(text):
            word = m.group(0).lower()
            clause = re.split(r"[.;:]", text[: m.start()])[-1]
            if _NOUN.match(word) and _BINWAS_BEFORE.search(clause):
                continue
            found.setdefault(form, [])
            if word not in found[form]:
                found[form].append(word)
    return found


def read_content(title: str, description: str = "", item_text: str = "") -> ContentReading:
    text = places_to_levels(strip_noise(f"{title}. {description}"))
    binwas = {**_hits(_GUIDANCE, text)}
    for form, words in _hits(_SUPERVISION, text).items():
        binwas.setdefault(form, []).extend(words)
    reading = ContentReading(delivery=_acts(text))
    item = item_text.lower()
    for form, words in binwas.items():
        kept = [w for w in words if not _same_root_in(w, item)]
        reading.discounted += [w for w in words if w not in kept]
        if kept:
            reading.binwas[form] = kept
    reading.aimed_at_regency = bool(GOVERNMENT_OF_REGENCY.search(text))
    return reading


_ROOTS = {
    "awas": ("pengawasan", "mengawasi"),
    "pantau": ("pemantauan", "memantau"),
    "evaluasi": ("evaluasi", "mengevaluasi"),
    "fasilitasi": ("fasilitasi", "memfasilitasi"),
    "latih": ("pelatihan", "melatih"),
    "periksa": ("pemeriksaan", "memeriksa"),
    "bina": ("pembinaan", "membina"),
}


def _same_root_in(word: str, item_text: str) -> bool:
    if not item_text:
        return False
    for forms in _ROOTS.values():
        if word in forms and any(f in item_text for f in forms):
            return True
    return word in item_text
