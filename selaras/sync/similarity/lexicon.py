"""Every word list of the duplicate detector, in one place.

Place markers, school codes and levels, funding tags and number words (what
`normalise` parses out as local detail), the action, level, group and
document vocabularies of `features`, the stop words, hypernyms and clause
words of `scorer`, and the spellings the fast trailing-detail split of
`index` looks for. A word list that is not here is a second copy waiting to
drift from the first.

It is data, not logic, and stays whole over 400 lines so that every list has
one home.
"""

from __future__ import annotations

# --- normalise -------------------------------------------------------------
PLACE_MARKERS = {
    "desa": "desa",
    "kelurahan": "kelurahan",
    "kel": "kelurahan",
    "kecamatan": "kecamatan",
    "kec": "kecamatan",
    "kabupaten": "kabupaten",
    "kab": "kabupaten",
    "kota": "kota",
    "distrik": "distrik",
    "dusun": "dusun",
    "nagari": "nagari",
    "gampong": "gampong",
    "provinsi": "provinsi",
    "prov": "provinsi",
}

SCHOOL_CODES = {
    "SD": "sd",
    "SDN": "sd",
    "SDS": "sd",
    "SDIT": "sd",
    "MI": "sd",
    "MIN": "sd",
    "SMP": "smp",
    "SMPN": "smp",
    "SMPIT": "smp",
    "MTs": "smp",
    "MTsN": "smp",
    "SMA": "sma",
    "SMAN": "sma",
    "SMU": "sma",
    "SMK": "smk",
    "SMKN": "smk",
    "SLB": "slb",
    "SLBN": "slb",
}

SCHOOL_STATUS = {"negeri", "swasta", "inpres", "terpadu"}

# Words that end a proper name: level words, connectors, structure keywords.
NAME_STOP = {
    "kabupaten",
    "kab",
    "kota",
    "provinsi",
    "prov",
    "daerah",
    "kecamatan",
    "kec",
    "desa",
    "kelurahan",
    "kel",
    "dan",
    "di",
    "ke",
    "dari",
    "serta",
    "atau",
    "untuk",
    "paket",
    "tahun",
    "ta",
    "lain",
    "lainnya",
    "se",
    "yang",
    "pada",
    "dalam",
    "tipe",
    "sd",
    "smp",
    "sma",
    "smk",
    "jl",
    "ruas",
}

DIRECTIONS = {"utara", "selatan", "barat", "timur", "tengah", "raya", "baru", "lama", "hulu", "hilir", "ilir"}

FUND_TAGS = {
    "dak": "DAK",
    "did": "DID",
    "otsus": "OTSUS",
    "dbh": "DBH",
    "apbn": "APBN",
    "dau": "DAU",
    "bok": "BOK",
    "dekon": "DEKON",
    "dekonsentrasi": "DEKON",
    "tp": "TP",
    "apbd": "APBD",
    "blud": "BLUD",
}

FUND_PHRASES = {
    ("dana", "alokasi", "khusus"): "DAK",
    ("dana", "insentif", "daerah"): "DID",
    ("dana", "otonomi", "khusus"): "OTSUS",
}

NUMBER_WORDS = {
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
    "belas",
    "puluh",
    "ratus",
    "seratus",
    "ribu",
    "seribu",
    "juta",
}

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}

# --- features --------------------------------------------------------------
# --- actions -------------------------------------------------------------
# Light verbs say "doing" without saying what kind: they never conflict.
GENERIC_ACTIONS = {
    "pengelolaan",
    "penyelenggaraan",
    "pelaksanaan",
    "pelayanan",
    "layanan",
    "pembinaan",
    "pengembangan",
    "fasilitasi",
    "dukungan",
    "kegiatan",
    "program",
    "optimalisasi",
    "penguatan",
    "pemberdayaan",
    "penanganan",
    "peningkatan_mutu",
    "upaya",
    "penerapan",
    "implementasi",
}

# Words that only introduce the action: "Belanja Modal Pengadaan ...".
PREFIXES = {"belanja", "modal", "barang", "sub", "kegiatan", "program", "proyek", "bm"}

MODIFIERS = {"teknis", "rutin", "berkala", "sedang", "berat", "ringan", "terpadu", "secara", "aktif", "terintegrasi"}

CONNECTORS = {"dan", "serta", "atau", "dengan"}

# (phrase) -> action class. Multi-word phrases are matched longest first.
ACTION_PHRASES: dict[str, str] = {
    # physical works
    "pembangunan": "bangun",
    "membangun": "bangun",
    "pembuatan": "bangun",
    "penambahan": "bangun",
    "pemasangan": "bangun",
    "konstruksi": "bangun",
    "pengadaan konstruksi": "bangun",
    "perluasan": "perluasan",
    "peningkatan": "tingkat",
    "penggantian": "tingkat",
    "rehabilitasi": "rehab",
    "perbaikan": "rehab",
    "renovasi": "rehab",
    "peremajaan": "remaja",
    "pemugaran": "remaja",
    "revitalisasi": "revitalisasi",
    "normalisasi": "normalisasi",
    "pemeliharaan": "pelihara",
    "perawatan": "pelihara",
    "operasi pemeliharaan": "pelihara",
    "operasi dan pemeliharaan": "pelihara",
    "operasional dan pemeliharaan": "pelihara",
    # procurement and provision
    "pengadaan": "sedia",
    "penyediaan": "sedia",
    "pembelian": "sedia",
    "pembayaran": "sedia",
    "peningkatan ketersediaan": "sedia",
    "distribusi": "distribusi",
    "pendistribusian": "distribusi",
    "penyaluran": "distribusi",
    "pemberian": "beri",
    # preparation of works
    "detail engineering design": "ded",
    "perencanaan teknis": "ded",
    "desain": "ded",
    "master plan": "masterplan",
    "rencana induk": "masterplan",
    "studi kelayakan": "kajian",
    "kajian": "kajian",
    "penelitian": "kajian",
    "analisis mengenai dampak lingkungan": "dokling",
    "dokumen lingkungan": "dokling",
    "pengawasan": "awas",
    "pengawasan teknis": "awas",
    "pengawasan konstruksi": "awas",
    "supervisi": "awas",
    "manajemen konstruksi": "awas",
    "pemeriksaan": "periksa",
    "inspeksi": "periksa",
    "audit": "periksa",
    # planning and documents
    "perencanaan": "rencana",
    "penyusunan": "susun",
    "perumusan": "susun",
    "pembahasan": "bahas",
    "verifikasi": "verifikasi",
    "validasi": "verifikasi",
    "pengujian": "uji",
    "penilaian": "nilai",
    "penetapan": "tetap",
    "pembentukan": "bentuk",
    "pendataan": "data",
    "pengumpulan data": "data",
    "pendaftaran": "daftar",
    "pencatatan": "catat",
    "pemetaan": "peta",
    "perhitungan": "hitung",
    "penataan": "tata",
    "pemusnahan": "musnah",
    "seleksi": "seleksi",
    "pencegahan": "cegah",
    "penyelesaian": "selesai",
    "penegakan": "tegak",
    "penertiban": "tegak",
    "perlindungan": "lindung",
    "pengamanan": "aman",
    "pemantauan": "monev",
    "monitoring": "monev",
    "evaluasi": "monev",
    "monitoring evaluasi": "monev",
    "monitoring dan evaluasi": "monev",
    "pengendalian": "kendali",
    # people and information
    "pelatihan": "latih",
    "bimbingan teknis": "latih",
    "pendidikan dan pelatihan": "latih",
    "workshop": "latih",
    "lokakarya": "latih",
    "magang": "latih",
    "kursus": "latih",
    "peningkatan kapasitas": "latih",
    "pengembangan kapasitas": "latih",
    "penguatan kapasitas": "latih",
    "sosialisasi": "sosialisasi",
    "penyuluhan": "sosialisasi",
    "penyebarluasan": "sosialisasi",
    "diseminasi": "sosialisasi",
    "kampanye": "sosialisasi",
    "publikasi": "sosialisasi",
    "edukasi": "sosialisasi",
    "promosi": "promosi",
    "pemasaran": "promosi",
    "advokasi": "advokasi",
    "asistensi": "asistensi",
    "pendampingan": "asistensi",
    "koordinasi": "koordinasi",
    "sinkronisasi": "koordinasi",
    "harmonisasi": "koordinasi",
    "rapat koordinasi": "koordinasi",
}

# Readable Indonesian names for explanations.
ACTION_LABELS = {
    "bangun": "pembangunan",
    "perluasan": "perluasan",
    "tingkat": "peningkatan",
    "rehab": "rehabilitasi",
    "remaja": "peremajaan",
    "revitalisasi": "revitalisasi",
    "normalisasi": "normalisasi",
    "pelihara": "pemeliharaan",
    "sedia": "pengadaan/penyediaan",
    "distribusi": "distribusi",
    "beri": "pemberian",
    "ded": "DED/perencanaan teknis",
    "masterplan": "master plan",
    "kajian": "kajian",
    "dokling": "dokumen lingkungan",
    "awas": "pengawasan",
    "periksa": "pemeriksaan",
    "rencana": "perencanaan",
    "susun": "penyusunan",
    "bahas": "pembahasan",
    "verifikasi": "verifikasi",
    "uji": "pengujian",
    "nilai": "penilaian",
    "tetap": "penetapan",
    "bentuk": "pembentukan",
    "data": "pendataan",
    "daftar": "pendaftaran",
    "catat": "pencatatan",
    "peta": "pemetaan",
    "hitung": "perhitungan",
    "tata": "penataan",
    "musnah": "pemusnahan",
    "seleksi": "seleksi",
    "cegah": "pencegahan",
    "selesai": "penyelesaian",
    "tegak": "penegakan",
    "lindung": "perlindungan",
    "aman": "pengamanan",
    "monev": "monitoring/evaluasi",
    "kendali": "pengendalian",
    "latih": "pelatihan/bimtek",
    "sosialisasi": "sosialisasi",
    "promosi": "promosi",
    "advokasi": "advokasi",
    "asistensi": "asistensi/pendampingan",
    "koordinasi": "koordinasi",
}

# --- government level ----------------------------------------------------
LEVEL_PHRASES: dict[str, frozenset[str]] = {
    "provinsi": frozenset({"provinsi"}),
    "regional": frozenset({"provinsi"}),
    "lintas kabupaten kota": frozenset({"provinsi"}),
    "lintas daerah kabupaten kota": frozenset({"provinsi"}),
    "antar kabupaten kota": frozenset({"provinsi"}),
    "kabupaten kota": frozenset({"kabkota"}),
    "kabupaten": frozenset({"kabkota"}),
    "kota": frozenset({"kabkota"}),
    "walikota": frozenset({"kabkota"}),
    "bupati": frozenset({"kabkota"}),
    "gubernur": frozenset({"provinsi"}),
    "pemerintah daerah": frozenset({"provinsi", "kabkota"}),
    "pemerintahan daerah": frozenset({"provinsi", "kabkota"}),
    "pemerintah desa": frozenset({"desa"}),
    "pemerintahan desa": frozenset({"desa"}),
    "peraturan desa": frozenset({"desa"}),
    "kepala desa": frozenset({"desa"}),
    "aparatur desa": frozenset({"desa"}),
    "perangkat desa": frozenset({"desa"}),
    "dana desa": frozenset({"desa"}),
    "tingkat desa": frozenset({"desa"}),
    "tingkat nasional": frozenset({"nasional"}),
    "skala nasional": frozenset({"nasional"}),
    "lingkup nasional": frozenset({"nasional"}),
    "pemerintah pusat": frozenset({"nasional"}),
}

# --- target groups and school levels --------------------------------------
GROUP_TOKENS: dict[str, frozenset[str]] = {
    "paud": frozenset({"paud"}),
    "sd": frozenset({"sd"}),
    "smp": frozenset({"smp"}),
    "sma": frozenset({"sma"}),
    "smk": frozenset({"smk"}),
    "slb": frozenset({"slb"}),
    "nonformal": frozenset({"nonformal"}),
    "formal": frozenset({"paud", "sd", "smp", "sma", "smk", "slb", "formal"}),
    "balita": frozenset({"balita", "anak"}),
    "bayi": frozenset({"bayi", "anak"}),
    "anak": frozenset({"anak", "balita", "bayi", "remaja"}),
    "remaja": frozenset({"remaja", "anak"}),
    "pemuda": frozenset({"pemuda"}),
    "olahraga": frozenset({"olahraga"}),
    "usia_produktif": frozenset({"usia_produktif"}),
    "usia_lanjut": frozenset({"usia_lanjut"}),
    "usia_sekolah": frozenset({"usia_sekolah", "anak", "remaja"}),
    "ibu_hamil": frozenset({"ibu_hamil"}),
    "ibu_bersalin": frozenset({"ibu_bersalin"}),
    "ibu_nifas": frozenset({"ibu_nifas"}),
    "ibu_menyusui": frozenset({"ibu_menyusui"}),
    "disabilitas": frozenset({"disabilitas"}),
    "nelayan": frozenset({"nelayan"}),
    "pembudidaya_ikan": frozenset({"pembudidaya_ikan"}),
    "petani": frozenset({"petani"}),
    "pekebun": frozenset({"pekebun"}),
    "peternak": frozenset({"peternak"}),
    "terduga": frozenset({"terduga"}),
    "odgj": frozenset({"odgj"}),
    "haji": frozenset({"haji"}),
}

# "pendidikan dasar" is SD and SMP together; "pendidikan menengah" SMA and SMK.
GROUP_PHRASES: dict[tuple[str, ...], frozenset[str]] = {
    ("pendidikan", "dasar"): frozenset({"sd", "smp"}),
    ("satuan", "pendidikan", "dasar"): frozenset({"sd", "smp"}),
    ("pendidikan", "menengah"): frozenset({"sma", "smk"}),
    ("orang", "dengan", "tuberkulosis"): frozenset({"orang_dengan_tb"}),
}

FISCAL = {"pajak": "pajak", "retribusi": "retribusi"}

DOCUMENTS = {"rka", "dpa", "apbd", "kua", "ppas", "rkpd", "renja", "renstra", "rpjmd", "rpjpd", "lkpd", "lakip"}

CYCLE_MARKERS = {"perubahan", "pertanggungjawaban", "penjabaran_perubahan"}

PERIODS = {"bulanan", "triwulanan", "semesteran", "tahunan"}

# --- scorer ----------------------------------------------------------------
STOP_WORDS = {
    "dan",
    "atau",
    "serta",
    "di",
    "ke",
    "dari",
    "pada",
    "untuk",
    "bagi",
    "dalam",
    "rangka",
    "terkait",
    "yang",
    "dengan",
    "oleh",
    "melalui",
    "tentang",
    "sesuai",
    "berdasarkan",
    "atas",
    "se",
    "secara",
    "baik",
    "para",
    "tahun",
    "lainnya",
    "lain",
    "dll",
    "berupa",
    "antara",
    "kegiatan",
    "sub",
    "belanja",
    "modal",
    "bm",
    "program",
    "proyek",
    "tingkat",
    "wilayah",
    "kewenangan",
    "daerah",
    "provinsi",
    "kabupaten",
    "kota",
    "bidang",
    "sebagai",
    "akan",
    "unit",
    "lanjutan",
    "baru",
    "kelas_",
    "satuan",
    "dokumen",
}

SCHOOL_LEVELS = {"sd", "smp", "sma", "smk", "slb", "paud"}

# A general word and the specific kinds it covers: "sekolah" covers "sd".
HYPERNYMS = {"sekolah": SCHOOL_LEVELS, "satuan": SCHOOL_LEVELS}

# Counts and purpose tails in a long strategic activity are not its object.
CLAUSE_NOISE = {"sebanyak", "sejumlah", "sepanjang", "seluas", "unit", "paket", "buah", "lokasi", "orang", "jiwa"}

CLAUSE_TAIL = {("dalam", "rangka"), ("guna",), ("sebagai", "wadah")}

# Light verbs that open a work of their own in a list (`... serta pengembangan
# perpustakaan digital`); the others (`upaya`, `pelayanan`) often sit inside one object.
CLAUSE_OPENERS = {"pengembangan", "pengelolaan", "penyelenggaraan", "pembinaan", "pemberdayaan", "penguatan"}

# --- index -----------------------------------------------------------------
SCHOOL_LEVEL = {
    "SDN": "SD",
    "MIN": "SD",
    "MI": "SD",
    "SMPN": "SMP",
    "MTsN": "SMP",
    "MTs": "SMP",
    "SMAN": "SMA",
    "SMKN": "SMK",
}

STRICT_PLACE_MARKERS = {"kota", "kabupaten", "kab."}

PLACE_CANON = {"kel.": "kelurahan", "kec.": "kecamatan", "kab.": "kabupaten"}

TAIL_SCHOOL_WORDS = frozenset(
    {"SDN", "SD", "SMPN", "SMP", "SMAN", "SMA", "SMKN", "SMK", "SLB", "MIN", "MI", "MTsN", "MTs"}
)

TAIL_PLACE_WORDS = frozenset({"Desa", "Kelurahan", "Kel.", "Kecamatan", "Kec.", "Kab.", "Kabupaten", "Kota"})
