"""What the nomenclature itself says about two names.

`data/nomenclature.tsv` places every known name in its hierarchy (program →
kegiatan → sub kegiatan, KRO groups, budget components, procurement packages
under the activity they carry out); `data/renames.tsv` links two spellings of
one item (SIPD ↔ FMIS, one code in two editions). Both are derived from the
corpus by `bench/build_similarity_data.py` (see `data/SOURCE.md`).

A name is looked up by its normalised core (`parse(name).core`), so case,
abbreviations, typos and local detail do not hide it. Two known names are:

- ``same``    — one item (equal core, or linked by a rename);
- ``package`` — one is a package filed under the other (it carries it out);
- ``parent``  — one is the kegiatan the other (a sub kegiatan) belongs to;
- ``sibling`` — different items under one parent (sibling sub kegiatan of a
  kegiatan: a different object is a different work).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
# Items whose parent groups only by budget line, not by kind of work: their
# children are not siblings in the sense of "same template, other object".
_LOOSE_PARENTS = ("sumut-prioritas:", "bjm:")


# Levels whose names list several works: a package or a strategic activity.
_COMPOSITE = {"paket", "strategis_provinsi"}


@dataclass(frozen=True)
class Node:
    ids: frozenset[str]
    parents: frozenset[str]
    is_package: bool
    single: bool = True  # an item of the nomenclature proper: one work


class Nomenclature:
    def __init__(self, items: Iterable[tuple[str, str, str, str]], renames: Iterable[tuple[str, str]]):
        from selaras.sync.similarity.normalise import parse

        ids: dict[str, set[str]] = {}
        parents: dict[str, set[str]] = {}
        packages: set[str] = set()
        composite: set[str] = set()
        self.names_of: dict[str, set[str]] = {}  # item id -> cores
        for ident, parent, level, name in items:
            core = parse(name).core
            if not core:
                continue
            ids.setdefault(core, set()).add(ident)
            self.names_of.setdefault(ident, set()).add(core)
            if parent and not parent.startswith(_LOOSE_PARENTS):
                parents.setdefault(core, set()).add(parent)
            if level in _COMPOSITE:
                composite.add(core)
            if level == "paket":
                packages.add(core)
                # a package belongs to the item it was filed under
                parents.setdefault(core, set()).add("of:" + parent)
        # siblings share a parent *name*: the same kegiatan recurs under every
        # urusan and in both editions, with other codes
        for core, ps in parents.items():
            named = set()
            for p in ps:
                if p.startswith("of:"):
                    named.add(p)
                else:
                    names = self.names_of.get(p)
                    named.update({"p:" + c for c in names} if names else {p})
            parents[core] = named
        groups: dict[str, int] = {}
        self.groups = {}
        for core, ps in parents.items():
            own = sorted(p for p in ps if not p.startswith("of:"))
            self.groups[core] = groups.setdefault(own[0], len(groups)) if len(own) == 1 else (-2 if own else -1)
        self.ids_of = {core: frozenset(v) for core, v in ids.items()}
        self.nodes = {
            core: Node(frozenset(v), frozenset(parents.get(core, ())), core in packages, core not in composite)
            for core, v in ids.items()
        }
        self._rename_pairs = [(parse(a).core, parse(b).core) for a, b in renames]
        self.excluded: frozenset[frozenset[str]] = frozenset()
        self._classes = self._union(self._rename_pairs)

    def _union(self, pairs: list[tuple[str, str]]) -> dict[str, str]:
        root: dict[str, str] = {}

        def find(x: str) -> str:
            while root.get(x, x) != x:
                x = root[x]
            return x

        for a, b in pairs:
            if a and b and frozenset((a, b)) not in self.excluded:
                root.setdefault(a, a)
                root.setdefault(b, b)
                ra, rb = find(a), find(b)
                if ra != rb:
                    root[max(ra, rb)] = min(ra, rb)
        return {x: find(x) for x in root}

    def node(self, core: str) -> Node | None:
        return self.nodes.get(core)

    def known(self, core: str) -> bool:
        """Whether the nomenclature can say anything about this name."""
        return core in self.nodes or core in self._classes

    def group(self, core: str) -> int:
        """The one parent a name has, as a number (-1: none known, -2: several)."""
        return self.groups.get(core, -1)

    def is_single_item(self, core: str) -> bool:
        node = self.nodes.get(core)
        return node is not None and node.single

    def renamed(self, a: str, b: str) -> bool:
        ca, cb = self._classes.get(a), self._classes.get(b)
        return ca is not None and ca == cb

    def relation(self, a: str, b: str) -> str | None:
        if a == b or self.renamed(a, b):
            return "same"
        na, nb = self.nodes.get(a), self.nodes.get(b)
        if na is None or nb is None:
            return None
        if na.ids & nb.ids:
            return "same"
        if (na.is_package and any(p[3:] in nb.ids for p in na.parents if p.startswith("of:"))) or (
            nb.is_package and any(p[3:] in na.ids for p in nb.parents if p.startswith("of:"))
        ):
            return "package"
        if na.ids & self._codes_of(nb) or nb.ids & self._codes_of(na):
            return "parent"  # a sub kegiatan under the kegiatan: the general contains it
        shared = {p for p in na.parents & nb.parents if not p.startswith("of:")}
        if shared:
            return "sibling"
        return None

    def _codes_of(self, node: Node) -> set[str]:
        """The ids of a node's parents (its parents are kept by name)."""
        out: set[str] = set()
        for p in node.parents:
            if p.startswith("p:"):
                out.update(self.ids_of.get(p[2:], ()))
        return out

    @contextmanager
    def without(self, pairs: Iterable[tuple[str, str]]):
        """Forget the direct links between the given names (cross-validation:
        a held-out pair must not be scored with a link that names it)."""
        from selaras.sync.similarity.normalise import parse

        old_ex, old_nodes, old_classes = self.excluded, self.nodes, self._classes
        cut = {frozenset((parse(a).core, parse(b).core)) for a, b in pairs}
        self.excluded = frozenset(cut)
        nodes = dict(old_nodes)
        for pair in cut:
            if len(pair) != 2:
                continue
            a, b = tuple(pair)
            na, nb = nodes.get(a), nodes.get(b)
            if na is not None and nb is not None:
                # the package's filing under that item, if any, is forgotten
                nodes[a] = Node(na.ids, _unfiled(na.parents, nb.ids), na.is_package, na.single)
                nodes[b] = Node(nb.ids, _unfiled(nb.parents, na.ids), nb.is_package, nb.single)
        self.nodes = nodes
        self._classes = self._union(self._rename_pairs)
        try:
            yield self
        finally:
            self.excluded, self.nodes, self._classes = old_ex, old_nodes, old_classes


def _unfiled(parents: frozenset[str], ids: frozenset[str]) -> frozenset[str]:
    return frozenset(p for p in parents if not (p.startswith("of:") and p[3:] in ids))


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@lru_cache(maxsize=1)
def load() -> Nomenclature:
    items = [(r["id"], r["parent"], r["level"], r["name"]) for r in _read(DATA / "nomenclature.tsv")]
    renames = [(r["name_a"], r["name_b"]) for r in _read(DATA / "renames.tsv")]
    return Nomenclature(items, renames)
