"""Explicit linguistic features of an activity name, and their conflicts.

An Indonesian activity name is built as ACTION + OBJECT + qualifiers:
`Pengawasan Teknis | Pembangunan Depot Arsip`, `Penyediaan Pendidik ... bagi
Satuan Pendidikan | Sekolah Dasar`, `Koordinasi ... Pemanfaatan Ruang | Daerah
Provinsi`. Word overlap cannot tell these apart; the features below name the
action class, the government level, the school level / target group, the
fiscal instrument and the budget document and its cycle, so that two texts
that differ in one of them are not taken for the same work.

Each comparison is a set comparison: both texts state something and the sets
do not meet -> conflict. One text stating nothing is never a conflict (the
general name contains the specific one).
"""

from __future__ import annotations

from dataclasses import dataclass

from selaras.sync.similarity.lexicon import (
    ACTION_LABELS,
    ACTION_PHRASES,
    CONNECTORS,
    CYCLE_MARKERS,
    DOCUMENTS,
    FISCAL,
    GENERIC_ACTIONS,
    GROUP_PHRASES,
    GROUP_TOKENS,
    LEVEL_PHRASES,
    MODIFIERS,
    PERIODS,
    PREFIXES,
)

_ACTION_MAX = max(len(k.split()) for k in ACTION_PHRASES)
_ACTIONS = {tuple(k.split()): v for k, v in ACTION_PHRASES.items()}
_GENERIC = {(w,) for w in GENERIC_ACTIONS}


# "lintas kabupaten kota" must win over "kabupaten kota": longest match.
_LEVEL_MAX = max(len(k.split()) for k in LEVEL_PHRASES)
_LEVELS = {tuple(k.split()): v for k, v in LEVEL_PHRASES.items()}
_LEVEL_FIRST = {k[0] for k in _LEVELS}


_GROUP_FIRST = {p[0] for p in GROUP_PHRASES}


@dataclass(frozen=True)
class Features:
    """What an activity name says beyond its words."""

    actions: frozenset[str]
    levels: frozenset[str]
    groups: frozenset[str]
    fiscal: frozenset[str]
    documents: frozenset[str]
    cycle: frozenset[str]
    periods: frozenset[str]
    negated: frozenset[str]  # words said with "non"/"bukan": nonformal, nonjaringan
    plain: frozenset[str]  # every token, to test negation polarity
    action_span: int  # how many leading tokens form the action phrase


def _match(toks: tuple[str, ...], i: int, table: dict, longest: int):
    for size in range(min(longest, len(toks) - i), 0, -1):
        hit = table.get(tuple(toks[i : i + size]))
        if hit is not None:
            return hit, size
    return None, 0


def starts_action(toks: tuple[str, ...], i: int, specific_only: bool = False) -> bool:
    """Whether an action phrase (or, unless ``specific_only``, a light verb) starts at ``i``."""
    cls, _ = _match(toks, i, _ACTIONS, _ACTION_MAX)
    return cls is not None or (not specific_only and (toks[i],) in _GENERIC)


def _actions(toks: tuple[str, ...]) -> tuple[frozenset[str], int]:
    """The action phrase at the head of the name.

    Light verbs (`Pelaksanaan Monitoring`) and introducers (`Belanja Modal`)
    are skipped; coordinated actions (`Pembangunan, Rehabilitasi dan
    Pemeliharaan`, `Rehabilitasi/Pemeliharaan`) are collected; an action right
    after another without a connector is part of the object
    (`Pengawasan Teknis | Pembangunan ...`)."""
    i = 0
    n = len(toks)
    found: set[str] = set()
    while i < n and (toks[i] in PREFIXES or (toks[i],) in _GENERIC or toks[i] in MODIFIERS):
        # a generic word may itself start a specific phrase ("pengembangan kapasitas")
        cls, size = _match(toks, i, _ACTIONS, _ACTION_MAX)
        if cls is not None and size > 1:
            break
        i += 1
    saw_belanja = i > 0 and toks[0] == "belanja"
    expect_action = True
    while i < n:
        cls, size = _match(toks, i, _ACTIONS, _ACTION_MAX)
        if cls is not None and expect_action:
            found.add(cls)
            i += size
            expect_action = False
            continue
        t = toks[i]
        if t in MODIFIERS:
            i += 1
            continue
        if t in CONNECTORS or (t,) in _GENERIC:
            # "dan", or a light verb inside a coordination: "Koordinasi, Sosialisasi dan Pelaksanaan"
            j = i + 1
            while j < n and (toks[j] in CONNECTORS or (toks[j],) in _GENERIC or toks[j] in MODIFIERS):
                j += 1
            nxt, _ = _match(toks, j, _ACTIONS, _ACTION_MAX) if j < n else (None, 0)
            if nxt is not None:
                i = j
                expect_action = True
                continue
            if (t,) in _GENERIC and not found:
                i += 1
                continue
        break
    if not found and saw_belanja:
        found.add("sedia")
    return frozenset(found), i


def extract(tokens: tuple[str, ...]) -> Features:
    actions, span = _actions(tokens)
    levels: set[str] = set()
    groups: set[str] = set()
    i = 0
    n = len(tokens)
    while i < n:
        if tokens[i] not in _LEVEL_FIRST:
            i += 1
            continue
        hit, size = _match(tokens, i, _LEVELS, _LEVEL_MAX)
        if hit is not None:
            levels.update(hit)
            i += size
            continue
        i += 1
    for i in range(n):
        if tokens[i] in _GROUP_FIRST:
            for phrase, grp in GROUP_PHRASES.items():
                if tokens[i : i + len(phrase)] == phrase:
                    groups.update(grp)
        g = GROUP_TOKENS.get(tokens[i])
        if g is not None:
            groups.update(g)
    cycle: set[str] = set()
    for i, t in enumerate(tokens):
        if t in CYCLE_MARKERS:
            near = tokens[max(0, i - 2) : i + 4]
            if any(x in DOCUMENTS for x in near):
                cycle.add(t)
    toks = set(tokens)
    negated = {t[3:] for t in toks if t.startswith("non") and len(t) > 5}
    return Features(
        actions=actions,
        levels=frozenset(levels),
        groups=frozenset(groups),
        fiscal=frozenset(FISCAL[t] for t in toks if t in FISCAL),
        documents=frozenset(toks & DOCUMENTS),
        cycle=frozenset(cycle),
        periods=frozenset(toks & PERIODS),
        negated=frozenset(negated),
        plain=frozenset(toks),
        action_span=span,
    )


def _disjoint(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and bool(b) and not (a & b)


def conflicts(a: Features, b: Features) -> list[tuple[str, str, str]]:
    """Conflicts between two names as (kind, what A says, what B says)."""
    out: list[tuple[str, str, str]] = []

    def show(s: frozenset[str], labels: dict | None = None) -> str:
        return ", ".join(sorted((labels or {}).get(x, x) for x in s)) or "-"

    if _disjoint(a.actions, b.actions):
        out.append(("tindakan", show(a.actions, ACTION_LABELS), show(b.actions, ACTION_LABELS)))
    if _disjoint(a.levels, b.levels):
        out.append(("tingkat pemerintahan", show(a.levels), show(b.levels)))
    if _disjoint(a.groups, b.groups):
        out.append(("sasaran/jenjang", show(a.groups), show(b.groups)))
    if _disjoint(a.fiscal, b.fiscal):
        out.append(("instrumen fiskal", show(a.fiscal), show(b.fiscal)))
    if _disjoint(a.documents, b.documents):
        out.append(("dokumen", show(a.documents), show(b.documents)))
    if (a.documents or b.documents) and a.cycle != b.cycle:
        out.append(("siklus dokumen", show(a.cycle), show(b.cycle)))
    if _disjoint(a.periods, b.periods):
        out.append(("periode", show(a.periods), show(b.periods)))
    for word in sorted((a.negated & b.plain) - b.negated):
        out.append(("negasi", "non " + word, word))
    for word in sorted((b.negated & a.plain) - a.negated):
        out.append(("negasi", word, "non " + word))
    return out


# One bit space per kind: with under 63 values a kind never collides, so a
# mask test is exact (more values would share bits and could only hide a
# conflict, never invent one).
_BITS: list[dict[str, int]] = [{} for _ in range(6)]


def _mask(kind: int, values: frozenset[str]) -> int:
    bits = _BITS[kind]
    m = 0
    for v in values:
        m |= 1 << bits.setdefault(v, len(bits) % 62)
    return m


def masks(f: Features) -> tuple[int, int, int, int, int, int]:
    """Bit masks of the set features, for vectorised conflict tests."""
    return (
        _mask(0, f.actions),
        _mask(1, f.levels),
        _mask(2, f.groups),
        _mask(3, f.fiscal),
        _mask(4, f.documents),
        _mask(5, f.periods),
    )
