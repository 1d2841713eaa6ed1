"""Saving a `SimilarityIndex` to a directory and loading it back.

An index is saved as plain .npy files (memory-mapped on load, so web
processes share the pages) and a small index.json. The prepared names are
not stored: each core keeps the text it was parsed from and is prepared
again only when a look-up reaches it (a few per query)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from selaras.sync.similarity.index import CoreTable, ItemSet, SimilarityIndex
from selaras.sync.similarity.scorer import Prepared, Scorer, prepare

INDEX_FORMAT = 1
_CSR = ("Wn", "B", "C")


def _write_texts(directory, name: str, texts: Sequence[str]) -> None:
    encoded = [t.encode("utf-8") for t in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    (directory / f"{name}.bin").write_bytes(b"".join(encoded))
    np.save(directory / f"{name}_offsets.npy", offsets)


class _Texts(Sequence):
    """Strings read from one memory-mapped blob, decoded when asked for."""

    def __init__(self, directory, name: str):
        self._blob = (
            np.memmap(directory / f"{name}.bin", dtype=np.uint8, mode="r")
            if (directory / f"{name}.bin").stat().st_size
            else np.zeros(0, dtype=np.uint8)
        )
        self._offsets = np.load(directory / f"{name}_offsets.npy", mmap_mode="r")

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        i = int(i)
        if i < 0:
            i += len(self)
        return bytes(self._blob[self._offsets[i] : self._offsets[i + 1]]).decode("utf-8")


class _LazyPrepared(Sequence):
    """The prepared cores of a loaded index, prepared again on first use."""

    def __init__(self, texts: _Texts):
        self._texts = texts
        self._done: dict[int, Prepared] = {}

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, i):
        i = int(i)
        p = self._done.get(i)
        if p is None:
            p = self._done[i] = prepare(self._texts[i])
        return p


class _LazyCodes(dict):
    """The detail codes (place, school, road, package -> id), read from disk
    the first time a query names a detail."""

    def __init__(self, path):
        super().__init__()
        self._path = path
        self._loaded = False

    def get(self, key, default=None):
        if not self._loaded:
            import json

            self.update(json.loads(self._path.read_text(encoding="utf-8")))
            self._loaded = True
        return super().get(key, default)


def save_index(index: SimilarityIndex, directory, *, meta: dict | None = None) -> None:
    """Write ``index`` into ``directory`` (created; files in it replaced).

    ``meta`` is kept in index.json for the caller (e.g. a version stamp of
    the data the index was built from)."""
    import json
    from pathlib import Path

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    table = index.table
    for name in _CSR:
        m = getattr(table, name).tocsr()
        for part in ("data", "indices", "indptr"):
            np.save(directory / f"{name}_{part}.npy", getattr(m, part))
    np.save(directory / "sums.npy", np.asarray(table.sums))
    np.save(directory / "masks.npy", np.asarray(table.masks))
    np.save(directory / "core_ids.npy", np.asarray(index.items.core_ids))
    np.save(directory / "detail.npy", np.asarray(index.items.detail))
    np.save(directory / "order.npy", np.asarray(index._order))
    np.save(directory / "indptr.npy", np.asarray(index._indptr))
    if index.years is not None:
        np.save(directory / "years.npy", np.asarray(index.years))
    if index.regions is not None:
        np.save(directory / "regions.npy", np.asarray(index.regions).astype(str))
    _write_texts(directory, "titles", index.titles)
    _write_texts(directory, "cores", [p.parsed.text for p in table.prepared])
    stems = sorted(table.stem_ids, key=table.stem_ids.__getitem__)
    (directory / "codes.json").write_text(json.dumps(index.codes, ensure_ascii=False), encoding="utf-8")
    header = {
        "format": INDEX_FORMAT,
        "threshold": index.threshold,
        "shapes": {name: list(getattr(table, name).shape) for name in _CSR},
        "stems": stems,
        "meta": meta or {},
    }
    (directory / "index.json").write_text(json.dumps(header, ensure_ascii=False), encoding="utf-8")


def read_index_meta(directory) -> dict | None:
    """The ``meta`` a saved index was written with, or None when there is no
    readable index in ``directory``."""
    import json
    from pathlib import Path

    try:
        header = json.loads((Path(directory) / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return header.get("meta", {}) if header.get("format") == INDEX_FORMAT else None


def load_index(directory, *, mmap: bool = True) -> SimilarityIndex:
    """An index saved by `save_index`, its arrays memory-mapped: nothing is
    parsed or vectorised again."""
    import json
    from pathlib import Path

    directory = Path(directory)
    header = json.loads((directory / "index.json").read_text(encoding="utf-8"))
    if header.get("format") != INDEX_FORMAT:
        raise ValueError(f"unknown index format {header.get('format')!r}")
    mode = "r" if mmap else None

    def arr(name: str):
        return np.load(directory / f"{name}.npy", mmap_mode=mode)

    table = CoreTable.__new__(CoreTable)
    for name in _CSR:
        parts = (arr(f"{name}_data"), arr(f"{name}_indices"), arr(f"{name}_indptr"))
        setattr(table, name, sparse.csr_matrix(parts, shape=tuple(header["shapes"][name]), copy=False))
    table.sums, table.masks = arr("sums"), arr("masks")
    table.stem_ids = {s: k for k, s in enumerate(header["stems"])}
    table.hasher = HashingVectorizer(
        analyzer="char_wb", ngram_range=(3, 4), n_features=2**20, alternate_sign=False, norm="l2", lowercase=False
    )
    table.prepared = _LazyPrepared(_Texts(directory, "cores"))
    index = SimilarityIndex.__new__(SimilarityIndex)
    index.titles = _Texts(directory, "titles")
    index.threshold = header["threshold"]
    index.scorer = Scorer(index.threshold)
    index.codes = _LazyCodes(directory / "codes.json")
    index.items = ItemSet(core_ids=arr("core_ids"), detail=arr("detail"), prepared=table.prepared)
    index.table = table
    index.years = arr("years") if (directory / "years.npy").exists() else None
    index.regions = arr("regions") if (directory / "regions.npy").exists() else None
    index._order, index._indptr = arr("order"), arr("indptr")
    return index
