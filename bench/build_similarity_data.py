"""Rebuild the duplicate detector's shipped language resources from the corpus.

Reads the nomenclature corpus (`../shared/data/nomenclature/`: the 2,510
names, their sources and `raw/`) and writes, under
`selaras/sync/similarity/data/`:

- `nomenclature.tsv` — every item with a code, its parent and its level:
  program → kegiatan → sub kegiatan (regency and province editions), KRO
  groups, BPOM and DPD budget components, the provincial strategic list, and
  procurement packages under the activity they were filed under. Siblings are
  items with one parent; a package's parent is the item it carries out.
- `renames.tsv` — two spellings of one item: the SIPD ↔ FMIS mapping (2022
  and 2023) and the same code in two nomenclature editions.
- `synonyms.tsv` — words one spelling of an item replaces by another in
  `renames.tsv` (aligned word by word), kept when the two are not the same
  word misspelt.
- `abbreviations.tsv` — acronyms the corpus itself defines
  (`Unit Sekolah Baru (USB)`, `(SANIMAS)` after its words).

No labelled pair is read. Run:

    .venv/bin/python -m bench.build_similarity_data [SHARED_DIR]

and then `python -m selaras.devtools.similarity.vocab_build CORPUS` if the corpus grew.
"""

from __future__ import annotations

import csv
import os
import re
import sys
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "selaras" / "sync" / "similarity" / "data"


def _norm_code(code: str) -> str:
    """`1.01.01.02.01` (mis-keyed) and `1.01.01.2.01` are one code."""
    parts = [p for p in code.strip().strip(".").split(".") if p]
    if len(parts) >= 4 and parts[3].isdigit():
        parts[3] = str(int(parts[3]))
    return ".".join(parts)


def _rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def items(raw: Path) -> list[tuple[str, str, str, str, str]]:
    """(id, parent id, level, source, name) for every item with a place in a hierarchy."""
    out: list[tuple[str, str, str, str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(ident: str, parent: str, level: str, source: str, name: str) -> None:
        name = " ".join(name.split())
        if name and (ident, name) not in seen:
            seen.add((ident, name))
            out.append((ident, parent, level, source, name))

    b = raw / "bappeda_seeders"
    for r in _rows(b / "program.csv"):
        add(_norm_code(r["kode"]), "", "program", "NOMEN_KAB_PROG", r["nama"])
    for r in _rows(b / "kegiatan.csv"):
        code = _norm_code(r["kode"])
        add(code, code.rsplit(".", 2)[0], "kegiatan", "NOMEN_KAB_KEG", r["nama"])
    for r in _rows(b / "sub_kegiatan.csv"):
        code = _norm_code(r["kode"])
        add(code, code.rsplit(".", 1)[0], "sub_kegiatan", "NOMEN_KAB_SUB", r["nama"])
    for r in _rows(raw / "js_seeder_excerpt" / "sub_kegiatan_pendidikan_transcribed.tsv", "\t"):
        code = _norm_code(r["kode_sub_kegiatan"])
        add(code, code.rsplit(".", 1)[0], "sub_kegiatan", "NOMEN_2024_EDU", r["nama_sub_kegiatan"])
    for r in _rows(raw / "monev_prov_excerpt" / "master_kegiatan_provinsi_transcribed.tsv", "\t"):
        code = _norm_code(r["kode_rekening"])
        add(code, code.rsplit(".", 2)[0], "kegiatan", "NOMEN_PROV_KEG", r["nama_kegiatan"])
    for r in _rows(raw / "kro_excerpt" / "kro_names_transcribed.tsv", "\t"):
        add("kro:" + r["code"], "kro:" + r["code"][:2], "kro", "KRO", r["name"])
    for r in _rows(raw / "kro_excerpt" / "dpd_par_komponen_transcribed.tsv", "\t"):
        code = r["komponen_id"]
        add("dpd:" + code, "dpd:" + code.rsplit(".", 1)[0], "komponen", "DPD_KOMP", r["nama_komponen"])
    parents = {"subdit": None, "komponen": 10, "subkomponen": 12}
    for r in _rows(raw / "bpom_danaku" / "subdit_komponen_subkomponen.csv"):
        cut = parents.get(r["level"])
        parent = "bpom:" + r["kode"][:cut] if cut else ""
        add("bpom:" + r["kode"], parent, r["level"], "BPOM", r["nama"])
    for r in _rows(raw / "toba_prp2" / "kegiatan_strategis.csv"):
        add(
            "sumut:" + r["id"],
            "sumut-prioritas:" + r["id_prioritas"],
            "strategis_provinsi",
            "SUMUT_STRAT",
            r["nama_kegiatan"],
        )
    bjm = raw / "banjarmasin_simolek"
    for r in _rows(bjm / "kegiatan_2019_format_import.csv"):
        add("bjm:" + r["nama_kegiatan"].strip().lower(), "", "kegiatan", "BJM_KEG", r["nama_kegiatan"])
    for r in _rows(bjm / "pekerjaan.csv"):
        parent = "bjm:" + r["kegiatan"].strip().lower()
        add(parent, "", "kegiatan", "BJM_KEG", r["kegiatan"])
        add("bjm-paket:" + r["id"], parent, "paket", "BJM_PKG", r["nama_pekerjaan"])
    return out


_PAIR_RE = re.compile(r"\[([^\]]*)\]-\[([^\]]*)\]")


def _level(name: str) -> str:
    """The explicit government level a name states (a mapping that changes it is a mix-up, not a rename)."""
    low = " ".join(_words(name))
    if re.search(r"\bkab(upaten)?\b|\bkota\b", low):
        return "kabkota"
    return "provinsi" if "provinsi" in low else ""


def renames(raw: Path, rows: list[tuple[str, str, str, str, str]]) -> list[tuple[str, str, str]]:
    """Pairs of names that are one item: the SIPD ↔ FMIS mapping, and one code in two editions."""
    out: list[tuple[str, str, str]] = []
    for path in sorted((raw / "wp-sipd_mapping").glob("*.txt")):
        for a, b in _PAIR_RE.findall(path.read_text(encoding="utf-8")):
            a, b = " ".join(a.split()), " ".join(b.split())
            if a and b and a.lower() != b.lower() and _level(a) == _level(b):
                out.append((a, b, "fmis:" + path.stem))
    by_code: dict[str, set[str]] = {}
    for ident, _parent, level, _source, name in rows:
        if level == "sub_kegiatan":
            by_code.setdefault(ident, set()).add(name)
    for code, names in sorted(by_code.items()):
        ordered = sorted(names)
        for other in ordered[1:]:
            if other.lower() != ordered[0].lower():
                out.append((ordered[0], other, "edisi:" + code))
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def synonyms(pairs: list[tuple[str, str, str]]) -> list[tuple[str, str, int]]:
    """Single words one spelling replaces by another, in otherwise aligned names."""
    from rapidfuzz.distance import Levenshtein

    found: Counter[tuple[str, str]] = Counter()
    for a, b, _why in pairs:
        wa, wb = _words(a), _words(b)
        for op, i1, i2, j1, j2 in SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
            if op != "replace" or i2 - i1 != 1 or j2 - j1 != 1:
                continue
            x, y = wa[i1], wb[j1]
            if len(x) < 4 or len(y) < 4 or Levenshtein.normalized_distance(x, y) <= 0.3:
                continue  # short codes, or the same word misspelt (the typo repair handles those)
            found[tuple(sorted((x, y)))] += 1
    return [(x, y, n) for (x, y), n in sorted(found.items())]


_ACRO_RE = re.compile(r"((?:[A-Za-z][\w-]*\s+){1,8})\(\s*([A-Z][A-Za-z]{1,9})\s*\)")
_MINOR = {"dan", "di", "ke", "dari", "untuk", "bagi", "yang", "serta", "atau"}


def abbreviations(names: list[str]) -> list[tuple[str, str]]:
    """`Unit Sekolah Baru (USB)`: an acronym whose letters start the words before it."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    for name in names:
        for before, acro in _ACRO_RE.findall(name):
            words = before.split()
            letters = acro.lower()
            for k in range(len(words), 0, -1):
                tail = [w for w in words[-k:] if w.lower() not in _MINOR]
                if words[-k].lower() in _MINOR:
                    continue  # an expansion starts with a content word
                if "".join(w[0].lower() for w in tail) == letters or (
                    len(tail) >= 2 and "".join(w[:2].lower() for w in tail) == letters
                ):
                    exp = " ".join(w.lower() for w in words[-k:])
                    if out.get(letters, exp) != exp:
                        clash.add(letters)
                    out[letters] = exp
                    break
    return sorted((k, v) for k, v in out.items() if k not in clash)


def _write(path: Path, header: tuple[str, ...], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def build(shared: Path, out: Path = OUT) -> dict[str, int]:
    raw = shared / "data" / "nomenclature" / "raw"
    corpus = (shared / "data" / "nomenclature" / "corpus_names.txt").read_text(encoding="utf-8").splitlines()
    rows = items(raw)
    pairs = renames(raw, rows)
    syn = synonyms(pairs)
    abbr = abbreviations(corpus + [r[4] for r in rows])
    out.mkdir(parents=True, exist_ok=True)
    _write(out / "nomenclature.tsv", ("id", "parent", "level", "source", "name"), rows)
    _write(out / "renames.tsv", ("name_a", "name_b", "evidence"), pairs)
    _write(out / "synonyms.tsv", ("word_a", "word_b", "count"), syn)
    _write(out / "abbreviations.tsv", ("short", "expansion"), abbr)
    return {"items": len(rows), "renames": len(pairs), "synonyms": len(syn), "abbreviations": len(abbr)}


if __name__ == "__main__":
    shared = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(os.environ.get("SELARAS_SHARED_DIR", ROOT.parent / "shared"))
    )
    print(build(shared))
