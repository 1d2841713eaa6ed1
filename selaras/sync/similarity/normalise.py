"""Normalisation of activity names: text in, tokens and structure out.

An activity title mixes the work itself (`Pembangunan Ruang Kelas Baru`) with
local detail (`SD Negeri 2 Bontonompo Kab. Gowa`, `Paket 07`, `(DAK)`,
`2025`). Places, years, package numbers, named schools, road sections and
funding tags are parsed into structured fields here, so that they are compared
as structure and never inflate or deflate the text score.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from selaras.sync.similarity.abbreviations import ABBREVIATIONS, CANONICAL
from selaras.sync.similarity.lexicon import (
    DIRECTIONS,
    FUND_PHRASES,
    FUND_TAGS,
    NAME_STOP,
    NUMBER_WORDS,
    PLACE_MARKERS,
    ROMAN,
    SCHOOL_CODES,
    SCHOOL_STATUS,
)
from selaras.sync.similarity.stem import is_word
from selaras.sync.similarity.vocab import correct
from selaras.sync.similarity.vocab import load as load_vocab

_TOKEN_RE = re.compile(r"[^\W_]+|[^\w\s]|_")
_GLUED_RE = re.compile(r"([a-z]{2})([A-Z][a-z]{2})")  # "padaPerangkat"


@dataclass(frozen=True)
class Parsed:
    """One activity title split into comparable text and structured detail."""

    text: str
    tokens: tuple[str, ...]
    places: frozenset[str] = field(default_factory=frozenset)
    years: frozenset[int] = field(default_factory=frozenset)
    packages: frozenset[str] = field(default_factory=frozenset)
    schools: frozenset[str] = field(default_factory=frozenset)
    roads: frozenset[str] = field(default_factory=frozenset)
    funds: frozenset[str] = field(default_factory=frozenset)

    @property
    def core(self) -> str:
        """The normalised text without local detail: the key for deduplication."""
        return " ".join(self.tokens)

    @property
    def detail_key(self) -> tuple:
        return (self.places, self.packages, self.schools, self.roads)


def _is_name(tok: str, all_caps: bool, first: bool = False) -> bool:
    if tok.isdigit():
        return len(tok) <= 3 and not first
    low = tok.lower()
    if low in NAME_STOP or not tok[0].isalpha() or all_caps or not tok[0].isupper():
        return False
    if first:
        # In Title Case every word is capitalised: a name starts with a word
        # the activity vocabulary does not use as an ordinary word.
        return load_vocab().words.get(low, 0) < 5
    return True


def _take_name(toks: list[str], i: int, all_caps: bool, allow_dash: bool = False) -> int:
    """Index just past the proper name starting at ``i`` (``i`` if none)."""
    j = i
    n = len(toks)
    if j < n and toks[j].isdigit() and j + 1 < n and _is_name(toks[j + 1], all_caps, first=True):
        j += 1  # "SDN 2 Wamena"
    elif j >= n or not _is_name(toks[j], all_caps, first=True):
        return i
    while j < n:
        t = toks[j]
        if _is_name(t, all_caps) or (j > i and t.lower() in DIRECTIONS):
            j += 1
            continue
        # "A.Yani", "Sei. Jelai", "Wamena–Elelim"
        if j > i and t in {".", "'"} and j + 1 < n and _is_name(toks[j + 1], all_caps):
            j += 1
            continue
        if allow_dash and j > i and t in {"-", "–", "—"} and j + 1 < n and _is_name(toks[j + 1], all_caps):
            j += 1
            continue
        break
    # a name never is only digits ("Kota 2" is not a place)
    if all(toks[k].isdigit() or not toks[k][0].isalnum() for k in range(i, j)):
        return i
    return j


def _name_text(toks: list[str]) -> str:
    return " ".join(t.lower() for t in toks if t[0].isalnum())


def _norm_number(tok: str) -> str:
    low = tok.lower()
    if low.isdigit():
        return str(int(low))
    return str(ROMAN.get(low, low))


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    # Commas and slashes coordinate in activity names ("Rehabilitasi/Pemeliharaan",
    # "Koordinasi, Sosialisasi dan ..."): read them as "dan".
    text = text.replace("&", " dan ").replace("+", " dan ").replace(",", " dan ").replace("/", " dan ")
    text = _GLUED_RE.sub(r"\1 \2", text)
    return text


def _structure_pass(toks: list[str], all_caps: bool):
    """Strip local detail out of the cased token stream."""
    out: list[str] = []
    places: set[str] = set()
    years: set[int] = set()
    packages: set[str] = set()
    schools: set[str] = set()
    roads: set[str] = set()
    funds: set[str] = set()
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        low = t.lower()
        nxt = i + 1
        if nxt < n and toks[nxt] == ".":
            nxt += 1
        if low == "dana":
            tag = FUND_PHRASES.get(tuple(x.lower() for x in toks[i : i + 3]))
            if tag is not None:
                funds.add(tag)
                i += 3
                continue
        if low in {"dak", "did", "otsus", "dekonsentrasi"} and (t.isupper() or low in {"otsus", "dekonsentrasi"}):
            funds.add(FUND_TAGS[low])
            i += 1
            continue
        if t.isdigit() and len(t) == 4 and 1950 <= int(t) <= 2099:
            years.add(int(t))
            while out and out[-1].lower() in {"tahun", "ta", "anggaran", "."}:
                out.pop()  # "Tahun Anggaran 2025", "TA. 2025"
            i += 1
            continue
        if (
            low in {"paket", "pkt"}
            and nxt < n
            and (toks[nxt].isdigit() or toks[nxt].lower() in ROMAN or len(toks[nxt]) == 1)
        ):
            packages.add(_norm_number(toks[nxt]))
            i = nxt + 1
            continue
        if t in SCHOOL_CODES:
            code = SCHOOL_CODES[t]
            k = i + 1
            if k < n and toks[k].lower() in SCHOOL_STATUS:
                k += 1
            # whatever capitalised follows a school code is its name ("SDN Sungai Andai 3")
            end = k
            while (
                end < n
                and end - k < 5
                and (
                    (toks[end].isdigit() and len(toks[end]) <= 3)
                    or (not all_caps and toks[end][0].isupper() and toks[end].lower() not in NAME_STOP)
                )
            ):
                end += 1
            out.append(code)
            if end > k:
                schools.add(code + " " + _name_text(toks[k:end]))
                i = end
            else:
                i = k
            continue
        if low == "ruas":
            k = i + 1
            if k < n and toks[k].lower() in {"jalan", "jl", "jln"}:
                k += 1
                if k < n and toks[k] == ".":
                    k += 1
            end = _take_name(toks, k, all_caps, allow_dash=True)
            if end > k:
                roads.add(_name_text(toks[k:end]))
                i = end
                continue
        if low in {"jl", "jln"}:
            end = _take_name(toks, nxt, all_caps)
            if end > nxt:
                roads.add(_name_text(toks[nxt:end]))
                i = end
                continue
        if low in PLACE_MARKERS and not all_caps:
            end = _take_name(toks, nxt, all_caps)
            if end > nxt and low in {"kota", "kabupaten", "kab"} and is_word(toks[nxt].lower()):
                end = nxt  # "Kota Layak Anak", "Kabupaten Sehat": a programme, not a place
            if end > nxt:
                places.add(PLACE_MARKERS[low] + " " + _name_text(toks[nxt:end]))
                if out and out[-1].lower() in {"di", "se"}:
                    out.pop()
                i = end
                continue
        out.append(t)
        i += 1
    return out, places, years, packages, schools, roads, funds


def _is_acronym(tok: str) -> bool:
    return len(tok) >= 2 and tok[0].isalpha() and tok[:2].isupper()


def _drop_parentheticals(toks: list[str], funds: set[str]) -> list[str]:
    """Remove bracketed text that adds nothing: counts, number words, funding
    tags, `(lanjutan)`, and acronym definitions of words already present."""
    out: list[str] = []
    seen: set[str] = set()
    i = 0
    while i < len(toks):
        if toks[i] != "(":
            out.append(toks[i])
            if toks[i][0].isalnum():
                seen.add(toks[i].lower())
                seen.update(ABBREVIATIONS.get(toks[i].lower(), "").split())
            i += 1
            continue
        depth, j = 0, i
        while j < len(toks):
            if toks[j] == "(":
                depth += 1
            elif toks[j] == ")":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        inner = [t for t in toks[i + 1 : j] if t[0].isalnum()]
        lows = [t.lower() for t in inner]
        drop = False
        if not inner:
            drop = True
        elif all(t in NUMBER_WORDS or t.isdigit() for t in lows):
            drop = True
        elif inner[0].isdigit() and len(inner) <= 2:
            drop = True  # "(2 Kelas)"
        elif all(t in FUND_TAGS or t in {"lanjutan", "lanjut", "tahap"} or t.isdigit() for t in lows):
            funds.update(FUND_TAGS[t] for t in lows if t in FUND_TAGS)
            drop = True
        elif all(_is_acronym(t) or t.lower() in seen for t in inner):
            drop = True  # "(SDG)", "(Kampung KB)": the words are already there
        if drop:
            i = j + 1
        else:
            out.extend(toks[i + 1 : j])
            i = j + 1
    return out


def _expand(toks: list[str]) -> list[str]:
    out: list[str] = []
    for t in toks:
        low = t.lower()
        exp = ABBREVIATIONS.get(low)
        if exp is None:
            out.append(low)
        else:
            out.extend(exp.split())
    return out


_CANON_MAX = max(len(k.split()) for k in CANONICAL)
_CANON = {tuple(k.split()): v.split() for k, v in CANONICAL.items()}
_CANON_FIRST = {k[0] for k in _CANON}


def _canonicalise(toks: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(toks):
        if toks[i] not in _CANON_FIRST:
            out.append(toks[i])
            i += 1
            continue
        for size in range(min(_CANON_MAX, len(toks) - i), 1, -1):
            rep = _CANON.get(tuple(toks[i : i + size]))
            if rep is not None:
                out.extend(rep)
                i += size
                break
        else:
            rep = _CANON.get((toks[i],))
            out.extend(rep if rep is not None else [toks[i]])
            i += 1
    return out


def _negations(toks: list[str]) -> list[str]:
    """`non formal`, `bukan jaringan perpipaan` -> one negated token."""
    out: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t in {"non", "bukan", "tanpa"} and i + 1 < len(toks) and toks[i + 1][0].isalpha():
            out.append("non" + toks[i + 1])
            i += 2
            continue
        out.append(t)
        i += 1
    return out


@lru_cache(maxsize=200_000)
def parse(text: str) -> Parsed:
    """Parse one activity title. Cached: titles repeat a lot."""
    cleaned = _clean(text)
    cased = _TOKEN_RE.findall(cleaned)
    letters = [c for c in cleaned if c.isalpha()]
    all_caps = bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    toks, places, years, packages, schools, roads, funds = _structure_pass(cased, all_caps)
    funds = set(funds)
    toks = _drop_parentheticals(toks, funds)
    low = _expand(toks)
    low = [t for t in low if t[0].isalnum()]
    low = _canonicalise(low)
    low = _negations(low)
    low = [correct(t) for t in low]
    return Parsed(
        text=text,
        tokens=tuple(low),
        places=frozenset(places),
        years=frozenset(years),
        packages=frozenset(packages),
        schools=frozenset(schools),
        roads=frozenset(roads),
        funds=frozenset(funds),
    )
