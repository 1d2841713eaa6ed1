"""Why two names look alike, in the reader's language.

The similarity engine (`sync.similarity`) explains a comparison in
Indonesian, for its command-line evaluation; pages, the API and findings
show the same explanation through here, in the language of the request.
The quoted words stay as the names wrote them."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from selaras.sync.similarity.scorer import PairResult, Scorer

# The engine's kinds of conflicting detail (`similarity.features.conflicts`,
# `similarity.scorer.structure_conflicts`), by their Indonesian name.
KINDS = {
    "tindakan": gettext_lazy("tindakan"),
    "tingkat pemerintahan": gettext_lazy("tingkat pemerintahan"),
    "sasaran/jenjang": gettext_lazy("sasaran/jenjang"),
    "instrumen fiskal": gettext_lazy("instrumen fiskal"),
    "dokumen": gettext_lazy("dokumen"),
    "siklus dokumen": gettext_lazy("siklus dokumen"),
    "periode": gettext_lazy("periode"),
    "negasi": gettext_lazy("negasi"),
    "paket": gettext_lazy("paket"),
    "sekolah": gettext_lazy("sekolah"),
    "ruas jalan": gettext_lazy("ruas jalan"),
    "lokasi": gettext_lazy("lokasi"),
    "tahun": gettext_lazy("tahun"),
}


def explain(result: PairResult) -> str:
    """`result.why`, in the active language."""
    parts = []
    if result.shared:
        parts.append(_("kata kunci sama: %(words)s") % {"words": ", ".join(result.shared)})
    for kind, a, b in result.conflicts:
        parts.append(_("beda %(kind)s: %(a)s ≠ %(b)s") % {"kind": KINDS.get(kind, kind), "a": a, "b": b})
    for a, b in result.substitutions:
        parts.append(_("objek berbeda: %(a)s ≠ %(b)s") % {"a": a, "b": b})
    return "; ".join(parts) or _("tidak ada kata kunci yang sama")


def explain_titles(text_a: str, text_b: str) -> str:
    """Why `text_a` and `text_b` look alike (a finding's stored pair)."""
    return _explained(text_a, text_b, get_language() or "id")


@lru_cache(maxsize=4096)
def _explained(text_a: str, text_b: str, language: str) -> str:
    return explain(Scorer().compare(text_a, text_b))
