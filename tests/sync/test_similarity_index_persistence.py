"""A saved look-up index loads memory-mapped and answers as the one built."""

from selaras.sync.similarity.index import SimilarityIndex, load_index, read_index_meta, save_index

TITLES = [
    "Pelatihan Kader Posyandu Desa Sukamaju",
    "Pelatihan Kader Posyandu",
    "Pembangunan Gedung SMPN 2 Wamena",
    "Rehabilitasi Ruang Kelas SD Negeri 3 Cilacap",
    "Penyusunan Rencana Kerja Dinas Kesehatan",
]


def test_a_saved_index_answers_like_the_built_one_without_parsing_every_name(tmp_path, monkeypatch):
    built = SimilarityIndex(TITLES, workers=1)
    save_index(built, tmp_path, meta={"stamp": "abc"})
    assert read_index_meta(tmp_path) == {"stamp": "abc"}

    import selaras.sync.similarity.index as index_module

    monkeypatch.setattr(index_module, "build_items", lambda *a, **k: (_ for _ in ()).throw(AssertionError("rebuilt")))
    loaded = load_index(tmp_path)
    for query in ("pelatihan kader posyandu", "Pembangunan Gedung SMPN 2 Wamena", "Rehab ruang kelas SD"):
        want = [(m.item, m.title, round(m.score, 4)) for m in built.lookup(query)]
        got = [(m.item, m.title, round(m.score, 4)) for m in loaded.lookup(query)]
        assert got == want
    assert loaded.lookup("Pelatihan Kader Posyandu Desa Sukamaju")[0].title.startswith("Pelatihan Kader")


def test_a_folder_without_an_index_has_no_meta(tmp_path):
    assert read_index_meta(tmp_path) is None
