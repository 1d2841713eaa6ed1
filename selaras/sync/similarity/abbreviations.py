"""Abbreviations and canonical phrases of Indonesian government language.

Two tables. ``ABBREVIATIONS`` expands a short form to the words the official
nomenclature uses, so `Bimtek` and `Bimbingan Teknis` meet on the same stems.
``CANONICAL`` then folds a few multi-word entities (school levels, target
groups, budget documents) into one token each, so the feature extractor can
compare them as categories rather than as loose words.

Ambiguous short forms (`SDA`: sumber daya air or alam; `KB`: keluarga
berencana or, since 2023, keluarga berkualitas; `MA`; `PT`) are left
alone on purpose: a wrong expansion does more harm than none.
"""

from __future__ import annotations

# short form (lower case, one token) -> expansion (lower case words)
ABBREVIATIONS: dict[str, str] = {
    # administration and places
    "kab": "kabupaten",
    "kec": "kecamatan",
    "kel": "kelurahan",
    "prov": "provinsi",
    "pemda": "pemerintah daerah",
    "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota",
    "pemprov": "pemerintah provinsi",
    "pemdes": "pemerintah desa",
    "walikota": "wali kota",
    "jl": "jalan",
    "jln": "jalan",
    "jb": "jembatan",
    "sei": "sungai",
    "opd": "skpd",
    "tupoksi": "tugas pokok dan fungsi",
    "asn": "aparatur sipil negara",
    "pns": "pegawai negeri sipil",
    "sdm": "sumber daya manusia",
    "dukcapil": "kependudukan dan pencatatan sipil",
    "adminduk": "administrasi kependudukan",
    "perda": "peraturan daerah",
    "ranperda": "rancangan peraturan daerah",
    "perkada": "peraturan kepala daerah",
    "perbup": "peraturan bupati",
    "perwali": "peraturan wali kota",
    "pergub": "peraturan gubernur",
    "perdes": "peraturan desa",
    "musrenbang": "musyawarah perencanaan pembangunan",
    "bmd": "barang milik daerah",
    "bmn": "barang milik negara",
    "sarpras": "sarana prasarana",
    "sapras": "sarana prasarana",
    "monev": "monitoring evaluasi",
    "binwas": "pembinaan pengawasan",
    "binaan": "pembinaan",
    "diklat": "pendidikan dan pelatihan",
    "bimtek": "bimbingan teknis",
    "rakor": "rapat koordinasi",
    "rakortek": "rapat koordinasi teknis",
    "sosper": "sosialisasi peraturan",
    "rehab": "rehabilitasi",
    "om": "operasi pemeliharaan",
    "op": "operasi pemeliharaan",
    "ded": "detail engineering design",
    "amdal": "analisis mengenai dampak lingkungan",
    "lab": "laboratorium",
    "labkesda": "laboratorium kesehatan daerah",
    "bansos": "bantuan sosial",
    "rtlh": "rumah tidak layak huni",
    "rkb": "ruang kelas baru",
    "pju": "penerangan jalan umum",
    "ipal": "instalasi pengolahan air limbah",
    "spam": "sistem penyediaan air minum",
    "spal": "sistem pengelolaan air limbah",
    "tpa": "tempat pemrosesan akhir",
    "tps": "tempat penampungan sementara",
    "rsud": "rumah sakit umum daerah",
    "rs": "rumah sakit",
    "pustu": "puskesmas pembantu",
    "yankes": "pelayanan kesehatan",
    "faskes": "fasilitas kesehatan",
    "fasyankes": "fasilitas pelayanan kesehatan",
    "alkes": "alat kesehatan",
    "bmhp": "bahan medis habis pakai",
    "bhp": "bahan habis pakai",
    "odgj": "orang dengan gangguan jiwa",
    "tbc": "tuberkulosis",
    "tb": "tuberkulosis",
    "penderita": "orang dengan",
    "bumil": "ibu hamil",
    "busui": "ibu menyusui",
    "lansia": "usia lanjut",
    "pmt": "pemberian makanan tambahan",
    "kie": "komunikasi informasi edukasi",
    "pkb": "penyuluh keluarga berencana",
    "plkb": "penyuluh keluarga berencana",
    "bos": "bantuan operasional sekolah",
    "bop": "bantuan operasional penyelenggaraan",
    "siswa": "peserta didik",
    "murid": "peserta didik",
    "ptk": "pendidik dan tenaga kependidikan",
    "gtk": "guru dan tenaga kependidikan",
    "pkl": "praktik kerja lapangan",
    "umkm": "usaha mikro kecil menengah",
    "ukm": "upaya kesehatan masyarakat",
    "ukp": "upaya kesehatan perorangan",
    "bumd": "badan usaha milik daerah",
    "blud": "badan layanan umum daerah",
    "ksb": "kampung siaga bencana",
    "perijinan": "perizinan",
    "ijin": "izin",
    "sumberdaya": "sumber daya",
    "kepemudaan": "pemuda",
    "smu": "sma",
    "sltp": "smp",
    "slta": "sma",
    "sdn": "sd",
    "sds": "sd",
    "sdit": "sd",
    "smpn": "smp",
    "smpit": "smp",
    "sman": "sma",
    "smkn": "smk",
    "slbn": "slb",
    "mi": "sd",
    "mts": "smp",
    "mtsn": "smp",
    "tk": "paud",
    "kober": "paud",
    "pkbm": "nonformal",
}

# Multi-word phrase (lower case, space separated) -> one canonical token.
# Longer phrases first is not needed: the matcher tries the longest match.
CANONICAL: dict[str, str] = {
    "pendidikan anak usia dini": "paud",
    "sekolah dasar": "sd",
    "sekolah menengah pertama": "smp",
    "sekolah menengah atas": "sma",
    "sekolah menengah umum": "sma",
    "sekolah menengah kejuruan": "smk",
    "sekolah luar biasa": "slb",
    "pendidikan khusus": "slb",
    "non formal": "nonformal",
    "pendidikan kesetaraan": "nonformal",
    "kesetaraan": "nonformal",
    "taman kanak kanak": "paud",
    "aset milik daerah": "barang milik daerah",
    "aset daerah": "barang milik daerah",
    "rencana kerja dan anggaran": "rka",
    "rencana kerja anggaran": "rka",
    "dokumen pelaksanaan anggaran": "dpa",
    "anggaran pendapatan dan belanja daerah": "apbd",
    "kebijakan umum anggaran": "kua",
    "prioritas dan plafon anggaran sementara": "ppas",
    "kua ppas": "kua ppas",
    "wali kota": "walikota",
    "ibu hamil": "ibu_hamil",
    "ibu bersalin": "ibu_bersalin",
    "ibu nifas": "ibu_nifas",
    "ibu menyusui": "ibu_menyusui",
    "usia lanjut": "usia_lanjut",
    "usia produktif": "usia_produktif",
    "usia sekolah": "usia_sekolah",
    "pembudi daya ikan": "pembudidaya_ikan",
    "pembudidaya ikan": "pembudidaya_ikan",
    "penyandang disabilitas": "disabilitas",
    "orang dengan gangguan jiwa": "odgj",
    "alat besar": "alat berat",
    "alat alat berat": "alat berat",
    "kab kota": "kabupaten kota",
    "kabupaten dan kota": "kabupaten kota",
    "kab dan kota": "kabupaten kota",
    "dan dan atau": "dan",
    "dan atau": "dan",
}

# Acronyms the corpus defines itself (`Unit Sekolah Baru (USB)`), derived by
# `bench/build_similarity_data.py`; a hand-written entry above wins, and the
# ambiguous ones stay unexpanded.
AMBIGUOUS = {"sda", "kb", "ma", "pt", "ks", "kg", "ws", "dak", "tot", "dam"}


def _corpus_abbreviations() -> dict[str, str]:
    import csv
    from pathlib import Path

    path = Path(__file__).with_name("data") / "abbreviations.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {
        r["short"]: r["expansion"]
        for r in rows
        if r["short"] not in ABBREVIATIONS and r["short"] not in AMBIGUOUS and len(r["short"]) >= 3
    }


ABBREVIATIONS.update(_corpus_abbreviations())
