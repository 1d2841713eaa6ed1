"""Indonesian normalisation shared by the item matcher and the content
classifier.

Planning descriptions name places (`Kabupaten Garut`), the implementing
office (`melalui Dinas Kesehatan Provinsi`), the channel (`selaku wakil
Pemerintah Pusat`) and the money (`Dana Tugas Pembantuan APBN. Tidak
mensyaratkan dana pendamping APBD.`). None of that says *what* is done or
*whose* affair it is, so it is removed before matching. What does say whose
affair it is are the criteria of UU 23/2014 Pasal 13 ayat (2)–(4), which the
matrix items themselves use: national / across provinces / across borders
(centre), across regencies/cities (province), within a regency/city
(regency/city); they become single marker tokens on both sides.
"""

from __future__ import annotations

import re
from functools import lru_cache

from selaras.sync.similarity.stem import stem

# Sentences about money and the channel, not the content.
_NOISE_SENTENCE = re.compile(
    r"dana pendamping|dana tugas pembantuan|dana dekonsentrasi|dibiayai|dibebankan|sumber dana", re.IGNORECASE
)
_NOISE_CLAUSE = [
    # "melalui Dinas Kesehatan Provinsi sebagai pelaksana Tugas Pembantuan," — who, not what.
    re.compile(
        r"\bmelalui\s+(?:dinas|badan|biro|bidang|kantor|sekretariat|uptd|perangkat|satuan)\b[^,;.]*", re.IGNORECASE
    ),
    re.compile(r"\bsebagai\s+(?:pelaksana|penerima)\s+[^,;.]*", re.IGNORECASE),
    re.compile(
        r"\b(?:selaku|sebagai)\s+(?:perangkat\s+gubernur\s+)?(?:sebagai\s+)?wakil\s+pemerintah\s+pusat", re.IGNORECASE
    ),
    re.compile(r"\bselaku\s+perangkat\s+gubernur", re.IGNORECASE),
]
# A named region: "Kabupaten Hulu Sungai Selatan", "Kota Kendari", "Provinsi Maluku".
_PLACE = re.compile(r"(?<![/\w])(Kabupaten|Kota|Provinsi)((?:\s+(?:[A-Z][\w'’-]*|\d+))+)")
_SE_PLACE = re.compile(r"\bse-?(?=[A-Z])[\w -]+?(?=[,;.]|\s+(?:dan|serta|untuk|dengan|yang)\b|$)")
_OWNER = [
    (re.compile(r"\bmilik\s+pemerintah\s+pusat|\bpemerintah\s+\(?pusat\)?", re.IGNORECASE), " nasional "),
    (re.compile(r"\bmilik\s+(?:pemerintah\s+)?provinsi\b", re.IGNORECASE), " provinsi "),
    (re.compile(r"\bmilik\s+(?:pemerintah\s+)?(?:kabupaten|kota)\b", re.IGNORECASE), " kabkota "),
]
# UU 23/2014 Pasal 13 criteria, longest phrases first.
_LEVEL_CUES = [
    (r"lintas\s+(?:daerah\s+)?provinsi|antar-?\s*provinsi", " lintasprovinsi "),
    (r"lintas\s+negara|internasional|luar\s+negeri", " internasional "),
    (r"strategis\s+nasional", " nasional "),
    # "SPAM regional", "persampahan regional": serving several regencies/cities.
    (r"\bregional\b", " lintaskabkota "),
    (
        r"(?:lintas|antar-?)\s*(?:daerah\s+)?kabupaten\s*/\s*kota|lintas\s+kabupaten|antar-?\s*kabupaten",
        " lintaskabkota ",
    ),
    (r"(?:dalam|tingkat|di)?\s*(?:1\s*\(satu\)\s*)?(?:daerah\s+)?kabupaten\s*/\s*kota", " kabkota "),
    (r"(?:tingkat\s+)?daerah\s+provinsi", " provinsi "),
]
_LEVEL_CUES = [(re.compile(p, re.IGNORECASE), r) for p, r in _LEVEL_CUES]
_TOKEN = re.compile(r"[a-z][a-z0-9]*")
STOPWORDS = frozenset(
    "dan di ke dari yang untuk dengan serta atau pada oleh bagi para atas terhadap dalam sebagai secara "
    "agar akan ini itu tersebut masing setiap seluruh sesuai antara melalui termasuk lalu juga telah "
    "kegiatan pemerintah daerah program tahun unit sekaligus berbasis".split()
)


_MONEY_PHRASE = re.compile(
    r"\b(?:dengan|menggunakan|memakai)\s+dana\s+(?:dekonsentrasi|tugas\s+pembantuan)(?:\s+untuk)?", re.IGNORECASE
)


def strip_noise(text: str) -> str:
    # A short sentence about money goes; a long one keeps its content and
    # loses only the money phrase ("menggunakan dana dekonsentrasi untuk membeli obat").
    text = _MONEY_PHRASE.sub(" ", text)
    sentences = re.split(r"(?<=[.;])\s+", text)
    kept = " ".join(s for s in sentences if not (_NOISE_SENTENCE.search(s) and len(s.split()) <= 12))
    for pattern in _NOISE_CLAUSE:
        kept = pattern.sub(" ", kept)
    return kept


def places_to_levels(text: str) -> str:
    """`Kabupaten Garut` → `kabupaten`: keeps the level, drops the name."""
    text = _PLACE.sub(lambda m: m.group(1).lower(), text)
    return _SE_PLACE.sub(" ", text)


def drop_places(text: str) -> str:
    """Named regions say where, not whose affair: removed for matching."""
    return _SE_PLACE.sub(" ", _PLACE.sub(" ", text))


def mark_levels(text: str) -> str:
    text = mark_owner(text)
    for pattern, marker in _LEVEL_CUES:
        text = pattern.sub(marker, text)
    return text


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    if word in {"lintasprovinsi", "lintaskabkota", "kabkota", "internasional", "nasional", "provinsi"}:
        return word
    return stem(word)


def tokens(text: str) -> list[tuple[str, str]]:
    """(stem, surface word) pairs of an already cleaned text."""
    out = []
    for word in _TOKEN.findall(text.lower()):
        if word in STOPWORDS or len(word) <= 2 or word.isdigit():
            continue
        out.append((_stem(word), word))
    return out


def item_tokens(text: str) -> list[tuple[str, str]]:
    return tokens(mark_levels(text))


def mark_owner(text: str) -> str:
    for pattern, marker in _OWNER:
        text = pattern.sub(marker, text)
    return text


def activity_tokens(text: str) -> list[tuple[str, str]]:
    # The owner first: "milik Pemerintah Provinsi Maluku" loses its name next.
    return tokens(mark_levels(drop_places(mark_owner(strip_noise(text)))))
