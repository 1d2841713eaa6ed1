"""The duplicate score of two activity names, with the reasons for it.

score = text × structure, where

  text      = 0.45 · word cosine  (IDF-weighted normalised stems)
            + 0.25 · char cosine  (3–4-gram, within words: catches typos)
            + 0.30 · coverage     (weighted share of the shorter name's words
                                   found in the longer one: a specific package
                                   inside a general activity is still the
                                   same work)
  structure = 0.45 if the names conflict on action, government level, target
                   group / school level, fiscal instrument, budget document or
                   its cycle, reporting period, negation (`bukan jaringan
                   perpipaan`) or on named detail both give (package, school,
                   road, place, year);
              0.45 as well if the names are the same template with one
                   object swapped (`Pengawasan Keuangan` vs `Pengawasan
                   Kinerja` — sibling items of a nomenclature: a different
                   explicit object is a different work);
              1.0  otherwise.

A pair is a duplicate when score ≥ threshold (default 0.5). The weights are
round numbers chosen from the language, not fitted to any labelled file.

It stays whole over 400 lines: the score's parts, factors and weights must
be read together to stay consistent with one another.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property, lru_cache

import numpy as np

from selaras.sync.similarity import features as feat
from selaras.sync.similarity.lexicon import (
    CLAUSE_NOISE,
    CLAUSE_OPENERS,
    CLAUSE_TAIL,
    GENERIC_ACTIONS,
    HYPERNYMS,
    STOP_WORDS,
)
from selaras.sync.similarity.nomenclature import load as load_nomenclature
from selaras.sync.similarity.normalise import Parsed, parse
from selaras.sync.similarity.stem import stem
from selaras.sync.similarity.vocab import load as load_vocab

DEFAULT_THRESHOLD = 0.5
W_WORD, W_CHAR, W_COVER = 0.45, 0.25, 0.30
CONFLICT_FACTOR = 0.45
SIBLING_FACTOR = 0.45
# Two spellings of one nomenclature item, or a package filed under the item,
# count as a text match whatever their words.
KNOWN_ITEM_TEXT = 0.9
# Words for names and unknown words weigh less: an appended village name must
# not decide the score.
OOV_FACTOR = 0.5

# Light verbs: they carry no object, they should not be counted as content.
LIGHT = GENERIC_ACTIONS | {"koordinasi", "sinkronisasi"}


@dataclass(frozen=True)
class Prepared:
    """One name made ready for comparison (cached per distinct text)."""

    parsed: Parsed
    features: feat.Features
    content: tuple[str, ...]  # surface tokens that carry meaning
    stems: tuple[str, ...]
    head: int  # how many of the content tokens belong to the action phrase
    weights: dict[str, float]  # stem -> weight (IDF, OOV damped)
    norm: float
    char_text: str

    @cached_property
    def stem_counts(self) -> Counter:
        """How often each stem occurs (computed once: pairs reuse a name many times)."""
        return Counter(self.stems)


@dataclass
class PairResult:
    score: float
    duplicate: bool
    text: float
    word: float
    char: float
    cover: float
    shared: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)
    substitutions: list[tuple[str, str]] = field(default_factory=list)

    @property
    def why(self) -> str:
        """A short Indonesian explanation for the finding."""
        parts = []
        if self.shared:
            parts.append("kata kunci sama: " + ", ".join(self.shared))
        for kind, a, b in self.conflicts:
            parts.append(f"beda {kind}: {a} ≠ {b}")
        for a, b in self.substitutions:
            parts.append(f"objek berbeda: {a} ≠ {b}")
        if not parts:
            parts.append("tidak ada kata kunci yang sama")
        return "; ".join(parts)


def _idf(s: str) -> float:
    vocab = load_vocab()
    val = vocab.idf(s)
    if val is None:
        return (math.log(1 + vocab.n_docs) + 1.0) * OOV_FACTOR
    return val


@lru_cache(maxsize=200_000)
def prepare(text: str) -> Prepared:
    return prepare_parsed(parse(text))


def prepare_with_suffix(base: Prepared, suffix: str) -> Prepared:
    """`prepare(base text + " " + suffix)` without parsing the base again.

    The screening strips a school (`SMPN 2 Wamena`) off a title but keeps its
    level (`SMP`) as part of the work; a base name then occurs with up to
    five levels, and parsing is the costly step. A short code appended at
    the end parses on its own (it ends no name, opens no phrase), so the
    tokens are the base's plus the suffix's."""
    extra = parse(suffix)
    parsed = base.parsed
    return prepare_parsed(
        Parsed(
            text=parsed.text + " " + suffix,
            tokens=parsed.tokens + extra.tokens,
            places=parsed.places,
            years=parsed.years,
            packages=parsed.packages,
            schools=parsed.schools,
            roads=parsed.roads,
            funds=parsed.funds | extra.funds,
        )
    )


def prepare_parsed(parsed: Parsed) -> Prepared:
    f = feat.extract(parsed.tokens)
    content_list: list[str] = []
    head = 0
    for i, t in enumerate(parsed.tokens):
        if t in STOP_WORDS or (t in LIGHT and i < f.action_span):
            continue
        content_list.append(t)
        if i < f.action_span:
            head += 1
    content = tuple(content_list)
    stems = tuple(stem(t) for t in content)
    weights: dict[str, float] = {}
    for s in stems:
        weights[s] = _idf(s)  # binary tf: repeats in long names add nothing
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return Prepared(
        parsed=parsed,
        features=f,
        content=content,
        stems=stems,
        head=head,
        weights=weights,
        norm=norm,
        char_text=" ".join(content),
    )


def _char_grams(text: str) -> dict[str, int]:
    grams: dict[str, int] = {}
    for word in text.split():
        w = f" {word} "
        for n in (3, 4):
            for i in range(len(w) - n + 1):
                g = w[i : i + n]
                grams[g] = grams.get(g, 0) + 1
    return grams


def char_cosine(a: str, b: str) -> float:
    ga, gb = _char_grams(a), _char_grams(b)
    if not ga or not gb:
        return 0.0
    dot = sum(v * gb.get(k, 0) for k, v in ga.items())
    na = math.sqrt(sum(v * v for v in ga.values()))
    nb = math.sqrt(sum(v * v for v in gb.values()))
    return dot / (na * nb)


def structure_conflicts(a: Parsed, b: Parsed) -> list[tuple[str, str, str]]:
    """Named detail that both names give and that differs."""
    out = []
    for kind, x, y in (
        ("paket", a.packages, b.packages),
        ("sekolah", a.schools, b.schools),
        ("ruas jalan", a.roads, b.roads),
        ("lokasi", a.places, b.places),
        ("tahun", a.years, b.years),
    ):
        if x and y and not (x & y):
            out.append((kind, ", ".join(sorted(map(str, x))), ", ".join(sorted(map(str, y)))))
    return out


def _fuzzy_same(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")) >= 80


def _initials(short: list[str], long: list[str]) -> bool:
    """`kb` and `keluarga berkualitas`: an acronym of the other side's words."""
    if len(short) != 1 or len(long) < 2:
        return False
    return short[0] == "".join(w[0] for w in long)


def _covers(general: list[str], specific: list[str]) -> bool:
    return all(any(w in HYPERNYMS.get(g, ()) for g in general) for w in specific)


def substitutions(a: Prepared, b: Prepared) -> list[tuple[str, str]]:
    """Objects swapped in an otherwise shared template.

    Aligns the content words of both names. A word inserted on one side is a
    more specific instance (same work); a word *replaced* by a different word
    is a sibling (other work) — unless the two are the same word misspelt,
    an acronym and its words, a general word and its kind (`sekolah`/`SD`),
    words merely moved elsewhere, or a proper name against a description."""
    if not a.stems or not b.stems:
        return []
    count_a, count_b = a.stem_counts, b.stem_counts
    surplus_a = count_a - count_b
    surplus_b = count_b - count_a
    if not surplus_a or not surplus_b:
        return []  # one name's words all occur in the other: nothing swapped
    vocab = load_vocab()
    matcher = SequenceMatcher(None, a.stems, b.stems, autojunk=False)
    equal = 0.0
    subs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            equal += sum(a.weights.get(x, 0.0) for x in a.stems[i1:i2])
            continue
        if op != "replace":
            continue
        ka = [k for k in range(i1, i2) if k >= a.head and surplus_a.get(a.stems[k], 0) > 0]
        kb = [k for k in range(j1, j2) if k >= b.head and surplus_b.get(b.stems[k], 0) > 0]
        if not ka or not kb:
            continue
        wa = [a.content[k] for k in ka]
        wb = [b.content[k] for k in kb]
        # words the vocabulary does not know are (mostly) proper names
        name_a = any(vocab.idf(a.stems[k]) is None for k in ka)
        name_b = any(vocab.idf(b.stems[k]) is None for k in kb)
        if name_a != name_b:
            continue  # a proper name against a description: detail, not another object
        if _fuzzy_same(" ".join(wa), " ".join(wb)) or _initials(wa, wb) or _initials(wb, wa):
            continue
        if _covers(wa, wb) or _covers(wb, wa):
            continue
        subs.append((" ".join(wa), " ".join(wb)))
    if not subs:
        return []
    total_a = sum(a.weights.values())
    total_b = sum(b.weights.values())
    if equal < 0.5 * min(total_a, total_b):
        return []  # not a shared template, just different names
    return subs


def _starts_action(toks: tuple[str, ...], i: int) -> bool:
    return feat.starts_action(toks, i, specific_only=True) or toks[i] in CLAUSE_OPENERS


@lru_cache(maxsize=50_000)
def clauses(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The works of a long activity that lists several (`Pembangunan X dan
    rehabilitasi Y sebanyak 1000 unit`, a provincial strategic activity),
    each with its own action and object; () if it names one work only.

    A clause starts at `dan`/`serta` followed by an action word; each must
    keep at least two words of object, so `Pembangunan, Rehabilitasi dan
    Pemeliharaan Jalan` (one object, three actions) is not split."""
    parts: list[list[str]] = [[]]
    for i, t in enumerate(tokens):
        if t in {"dan", "serta"} and i + 1 < len(tokens) and _starts_action(tokens, i + 1):
            parts.append([])
            continue
        parts[-1].append(t)
    if len(parts) < 2:
        return ()
    out = []
    for part in parts:
        toks = [t for t in part if t not in CLAUSE_NOISE and not t.isdigit()]
        for k in range(len(toks)):
            if tuple(toks[k : k + 2]) in CLAUSE_TAIL or (toks[k],) in CLAUSE_TAIL:
                toks = toks[:k]
                break
        f = feat.extract(tuple(toks))
        if len([t for t in toks[f.action_span :] if t not in STOP_WORDS]) < 2:
            return ()
        out.append(tuple(toks))
    return tuple(out)


def nomenclature_relation(a: Prepared, b: Prepared) -> str | None:
    """`same`, `package` or `sibling` when both names are nomenclature items (see `nomenclature`)."""
    if a.parsed.core == b.parsed.core:
        return None
    return load_nomenclature().relation(a.parsed.core, b.parsed.core)


def sibling_difference(a: Prepared, b: Prepared) -> list[tuple[str, str]]:
    """What two sibling items differ in. The nomenclature made them two items,
    so a word only one of them has is another object (`Kepala Daerah` /
    `Wakil Kepala Daerah`), not a detail inside the other's scope."""
    only_a = [t for t, s in zip(a.content, a.stems, strict=True) if s not in b.weights]
    only_b = [t for t, s in zip(b.content, b.stems, strict=True) if s not in a.weights]
    if not only_a and not only_b:
        return []
    return [(" ".join(only_a) or "-", " ".join(only_b) or "-")]


def item_relation(a: Prepared, b: Prepared, conflicting: bool) -> tuple[str | None, list[tuple[str, str]]]:
    """The nomenclature relation of two names and the objects they swap
    (sibling items, or a shared template with one object replaced)."""
    relation = nomenclature_relation(a, b)
    if conflicting or relation in {"same", "package", "parent"}:
        return relation, []
    if relation == "sibling":
        return relation, sibling_difference(a, b)
    return relation, substitutions(a, b)


class Scorer:
    """Scores pairs of activity names. Stateless apart from caches."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD):
        self.threshold = threshold

    def text_parts(self, a: Prepared, b: Prepared, char: float | None = None) -> tuple[float, float, float, list[str]]:
        shared = set(a.weights) & set(b.weights)
        dot = sum(a.weights[s] * b.weights[s] for s in shared)
        word = dot / (a.norm * b.norm)
        sum_a = sum(a.weights.values())
        sum_b = sum(b.weights.values())
        inter = sum(a.weights[s] for s in shared)
        cover = inter / min(sum_a, sum_b) if sum_a and sum_b else 0.0
        if char is None:
            char = char_cosine(a.char_text, b.char_text)
        top = sorted(shared, key=lambda s: -a.weights[s])[:5]
        surface = {s: t for s, t in zip(a.stems, a.content, strict=True)}
        return word, char, cover, [surface[s] for s in top]

    def combine(self, word: float, char: float, cover: float) -> float:
        return W_WORD * word + W_CHAR * char + W_COVER * cover

    def compare(self, text_a: str, text_b: str) -> PairResult:
        return self.compare_prepared(prepare(text_a or ""), prepare(text_b or ""))

    def compare_prepared(
        self, a: Prepared, b: Prepared, structure: bool = True, char: float | None = None, clauses: bool | None = None
    ) -> PairResult:
        """Compare two prepared names; ``structure=False`` leaves out the named
        detail (the national screening compares it separately, vectorised);
        ``char`` passes a character cosine already computed in bulk;
        ``clauses`` (default: with the structure) also tries each work of a
        name that lists several."""
        word, char, cover, shared = self.text_parts(a, b, char)
        text = self.combine(word, char, cover)
        conflicts = feat.conflicts(a.features, b.features)
        if structure:
            conflicts += structure_conflicts(a.parsed, b.parsed)
        relation, subs = item_relation(a, b, bool(conflicts))
        if relation in {"same", "package"} and structure:
            text = max(text, KNOWN_ITEM_TEXT)  # the nomenclature says it is one item
        factor = CONFLICT_FACTOR if conflicts else (SIBLING_FACTOR if subs else 1.0)
        score = float(np.clip(text * factor, 0.0, 1.0))
        result = PairResult(
            score=round(score, 4),
            duplicate=score >= self.threshold,
            text=round(text, 4),
            word=round(word, 4),
            char=round(char, 4),
            cover=round(cover, 4),
            shared=shared,
            conflicts=conflicts,
            substitutions=subs,
        )
        # a list of works may conflict on action as a whole, not on level, group or detail
        if (
            (structure if clauses is None else clauses)
            and not (result.duplicate or relation)
            and all(c[0] == "tindakan" for c in conflicts)
        ):
            result = self.compare_clauses(a, b, result)
        return result

    def compare_clauses(self, a: Prepared, b: Prepared, whole: PairResult) -> PairResult:
        """A long activity listing several works matches a name that is one of them."""
        best = whole
        nomen = load_nomenclature()
        for one, other, swap in ((a, b, False), (b, a, True)):
            if nomen.is_single_item(one.parsed.core):
                continue  # a nomenclature item is one work, however it is worded
            for toks in clauses(one.parsed.tokens):
                part = prepare_parsed(Parsed(text=" ".join(toks), tokens=toks))
                res = self.compare_prepared(*((other, part) if swap else (part, other)), clauses=False)
                if res.score > best.score:
                    res.shared = [*res.shared, "(bagian: " + " ".join(toks) + ")"]
                    best = res
        return best

    def score(self, text_a: str, text_b: str) -> float:
        return self.compare(text_a, text_b).score


@lru_cache(maxsize=4)
def get_scorer(threshold: float = DEFAULT_THRESHOLD) -> Scorer:
    return Scorer(threshold)
