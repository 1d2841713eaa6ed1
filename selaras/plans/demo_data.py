"""The demo plans' data: the programmes' codes, the 2024 annual work plans
of the GoI–UNICEF cooperation, the deconcentration and co-administration
plans, the districts' own sub-activities, and the records planted for the
synchronisation checks. The steps that write them are in `plans.demo`.

Budgets are in millions of Rupiah; sources are in /work/shared/seeds. The
module is long because it is data (one table per programme and per planted
check), with no logic to split by.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

USD_RATE = Decimal("15500")  # indicative planning rate for 2024 work plans
LOCUS_PROVINCES = ("11", "33", "35", "52", "53", "73", "91", "92", "96")
UNICEF_CODE = "RI-UNICEF-2021-2025"
DEKON_CODE = "DEKON-BINWAS-2024"
TP_CODE = "TP-PUSAT-2024"
# The 16 ministries/agencies of the 2024 Rakortekpus (seed 000); the
# education ministry is Kemendikbudristek (023), as it was in 2024.
PARTICIPANTS = (
    "055", "010", "023", "024", "027", "047", "067", "015", "068", "054",
    "025", "033", "029", "018", "063", "057",
)  # fmt: skip


@dataclass
class Act:
    """One demo activity; `where` maps region codes to their budget share
    in millions of Rupiah."""

    title: str
    affair: str
    where: dict[str, int]
    output: str
    indicator: tuple[str, str, str, str]  # indicator, unit, baseline, target
    targets: tuple[str, ...] = ()
    funding: str = "partner"
    level: str = "kabkota"
    quarters: tuple[int, ...] = (2, 3)
    office: str = ""
    recipient: str = ""
    content: str = ""
    matching_funds: bool = False
    description: str = ""
    # Only for an activity without located budgets: its budget in millions.
    budget: int | None = None


@dataclass
class PlanSpec:
    owner: str
    title: str
    status: str  # draft | submitted | in_review | endorsed | returned
    activities: list[Act] = field(default_factory=list)
    notes: str = ""


UNICEF_PLANS = [
    PlanSpec(
        "024",
        "Rencana Kerja Tahunan Kementerian Kesehatan 2024",
        "endorsed",
        [
            Act(
                "Penguatan surveilans gizi dan pemantauan pertumbuhan balita di Posyandu",
                "1.02.01",
                {"33.29": 850, "53.01": 700, "73.06": 650},
                "Posyandu melaksanakan pemantauan pertumbuhan sesuai standar",
                ("Balita yang ditimbang dan diukur setiap bulan", "persen", "68", "85"),
                ("sdg:2", "sdg:3", "rpjmn-2020-2024:PN3"),
                office="Direktorat Gizi dan Kesehatan Ibu dan Anak",
                quarters=(1, 2, 3, 4),
            ),
            Act(
                "Peningkatan cakupan imunisasi rutin lengkap dan imunisasi kejar",
                "1.02.01",
                {"91.03": 900, "92.02": 600, "96.01": 550, "11.06": 500},
                "Anak usia 12–23 bulan mendapat imunisasi lengkap",
                ("Cakupan imunisasi dasar lengkap", "persen", "72", "90"),
                ("sdg:3", "rpjmn-2020-2024:PN3"),
                office="Direktorat Pengelolaan Imunisasi",
                quarters=(1, 2, 3, 4),
            ),
            Act(
                "Pelatihan tenaga kesehatan puskesmas tentang tata laksana gizi buruk pada balita",
                "1.02.02",
                {"52.02": 400, "52.03": 350, "53.03": 400},
                "Tenaga kesehatan terlatih tata laksana gizi buruk",
                ("Tenaga kesehatan terlatih", "orang", "0", "240"),
                ("sdg:2", "rpjmn-2020-2024:PN3"),
                quarters=(2, 3),
            ),
            Act(
                "Pendampingan Sanitasi Total Berbasis Masyarakat (STBM) di desa lokus stunting",
                "1.02.04",
                {"33.29": 300, "35.26": 450, "73.22": 300},
                "Desa lokus mencapai status Stop Buang Air Besar Sembarangan",
                ("Desa SBS (Stop BABS)", "desa", "12", "60"),
                ("sdg:6", "rpjmn-2020-2024:PN3"),
            ),
        ],
    ),
    PlanSpec(
        "023",
        "Rencana Kerja Tahunan Kemendikbudristek 2024",
        "submitted",
        [
            Act(
                "Penguatan layanan PAUD holistik integratif bersama Posyandu dan BKB",
                "1.01.01",
                {"53.10": 500, "91.71": 450, "35.10": 400},
                "Satuan PAUD menerapkan layanan holistik integratif",
                ("Satuan PAUD HI", "satuan", "40", "150"),
                ("sdg:4", "rpjmn-2020-2024:PN3"),
                quarters=(1, 2, 3),
            ),
            Act(
                "Pendampingan pembelajaran literasi dan numerasi kelas awal di sekolah dasar",
                "1.01.02",
                {"91.03": 600, "96.71": 350, "52.71": 300},
                "Guru kelas awal menerapkan pembelajaran terdiferensiasi",
                ("Guru kelas awal terlatih", "orang", "0", "900"),
                ("sdg:4", "rpjmn-2020-2024:PN3"),
            ),
            Act(
                "Penerapan Satuan Pendidikan Aman Bencana (SPAB) di sekolah rawan bencana",
                "1.01.01",
                {"11.08": 250, "73.71": 250},
                "Sekolah menerapkan SPAB",
                ("Sekolah menerapkan SPAB", "sekolah", "15", "80"),
                ("sdg:4", "sdg:13", "rpjmn-2020-2024:PN6"),
                quarters=(3, 4),
            ),
        ],
    ),
    PlanSpec(
        "027",
        "Rencana Kerja Tahunan Kementerian Sosial 2024",
        "in_review",
        [
            Act(
                "Penguatan layanan Asistensi Rehabilitasi Sosial (ATENSI) bagi anak",
                "1.06.03",
                {"33.74": 300, "35.78": 300, "73.71": 250},
                "Anak memerlukan perlindungan khusus mendapat layanan ATENSI",
                ("Anak yang mendapat layanan ATENSI", "anak", "1200", "2500"),
                ("sdg:16", "rpjmn-2020-2024:PN3"),
            ),
            Act(
                "Pemutakhiran DTKS dan integrasi data perlindungan sosial adaptif",
                "1.06.04",
                {"53.01": 200, "53.71": 150, "52.02": 200},
                "Data terpadu kesejahteraan sosial termutakhir",
                ("Kabupaten/kota dengan DTKS termutakhir", "kabupaten/kota", "1", "3"),
                ("sdg:1", "rpjmn-2020-2024:PN1"),
            ),
        ],
    ),
    PlanSpec(
        "047",
        "Rencana Kerja Tahunan KemenPPPA 2024",
        "draft",
        [
            Act(
                "Penguatan gugus tugas Kabupaten/Kota Layak Anak (KLA)",
                "2.08.05",
                {"33.01": 200, "52.03": 200, "92.02": 250},
                "Gugus tugas KLA berfungsi",
                ("Gugus tugas KLA aktif", "gugus tugas", "1", "3"),
                ("sdg:16", "rpjmn-2020-2024:PN3"),
            ),
            Act(
                "Pencegahan perkawinan anak melalui forum anak dan tokoh agama",
                "2.08.06",
                {"52.02": 300, "52.03": 300, "73.06": 250},
                "Komitmen desa mencegah perkawinan anak",
                ("Desa dengan peraturan desa pencegahan perkawinan anak", "desa", "5", "40"),
                ("sdg:5", "rpjmn-2020-2024:PN3"),
            ),
            Act(
                "Peningkatan kapasitas UPTD PPA dalam penanganan kasus kekerasan terhadap anak",
                "2.08.06",
                {"91.71": 300, "96.71": 250},
                "UPTD PPA menangani kasus sesuai standar",
                ("Petugas UPTD PPA terlatih", "orang", "0", "60"),
                ("sdg:16",),
            ),
        ],
    ),
    PlanSpec(
        "067",
        "Rencana Kerja Tahunan Kemendes PDTT 2024",
        "submitted",
        [
            Act(
                "Fasilitasi konvergensi pencegahan stunting di desa melalui Kader Pembangunan Manusia",
                "2.13.03",
                {"33.29": 400, "53.03": 350, "91.03": 400},
                "Desa melaksanakan rembuk stunting dan konvergensi layanan",
                ("Desa dengan skor konvergensi baik", "desa", "30", "120"),
                ("sdg:2", "rpjmn-2020-2024:PN2"),
                quarters=(1, 2, 3),
            ),
        ],
    ),
    PlanSpec(
        "055",
        "Rencana Kerja Tahunan Bappenas 2024",
        "endorsed",
        [
            Act(
                "Penyusunan kajian kemiskinan anak multidimensi dan kebijakan perlindungan sosial adaptif",
                "5.01",
                {"33": 250, "53": 250, "91": 250},
                "Rekomendasi kebijakan perlindungan sosial adaptif",
                ("Dokumen rekomendasi kebijakan", "dokumen", "0", "3"),
                ("sdg:1", "rpjmn-2020-2024:PN1"),
                level="pusat",
                quarters=(2, 3, 4),
            ),
        ],
    ),
    PlanSpec(
        "068",
        "Rencana Kerja Tahunan BKKBN 2024",
        "in_review",
        [
            Act(
                "Pendampingan keluarga berisiko stunting oleh Tim Pendamping Keluarga",
                "2.14.03",
                {"35.26": 400, "73.22": 350, "11.08": 350},
                "Keluarga berisiko stunting didampingi",
                ("Keluarga berisiko stunting yang didampingi", "keluarga", "5000", "15000"),
                ("sdg:2", "rpjmn-2020-2024:PN3"),
            ),
        ],
    ),
    PlanSpec(
        "010.bangda.supd4",
        "Rencana Kerja Tahunan Ditjen Bina Bangda (SUPD IV) 2024",
        "endorsed",
        [
            Act(
                "Dokumentasi dan replikasi praktik baik program kerja sama di provinsi lokus",
                "5.01",
                {"52": 150, "53": 150, "73": 150},
                "Praktik baik terdokumentasi dan direplikasi",
                ("Praktik baik terdokumentasi", "praktik", "6", "18"),
                ("rpjmn-2020-2024:PN7",),
                level="pusat",
                office="Direktorat SUPD IV",
                quarters=(2, 3, 4),
            ),
        ],
    ),
]

DEKON_PLANS = [
    PlanSpec(
        "024",
        "Rencana Dekonsentrasi Binwas Kementerian Kesehatan 2024",
        "submitted",
        [
            Act(
                "Pembinaan dan pengawasan penyelenggaraan upaya kesehatan kabupaten/kota oleh Dinas Kesehatan Provinsi",
                "1.02.01",
                {"33": 1200, "53": 900},
                "Kabupaten/kota dibina dan diawasi",
                ("Kabupaten/kota yang dibina", "kabupaten/kota", "0", "57"),
                ("rpjmn-2020-2024:PN3",),
                funding="dekonsentrasi",
                level="provinsi",
                office="Dinas Kesehatan Provinsi",
                recipient="pemda.33",
                content="pembinaan",
            ),
            # Not guidance or supervision: the authority check should flag it.
            Act(
                "Pengadaan alat antropometri untuk Posyandu",
                "1.02.01",
                {"73": 800},
                "Posyandu memiliki alat antropometri",
                ("Posyandu menerima alat", "posyandu", "0", "1500"),
                ("sdg:2",),
                funding="dekonsentrasi",
                level="provinsi",
                office="Dinas Kesehatan Provinsi",
                recipient="pemda.73",
                content="pelaksanaan",
            ),
        ],
    ),
    PlanSpec(
        "023",
        "Rencana Dekonsentrasi Binwas Kemendikbudristek 2024",
        "endorsed",
        [
            Act(
                "Pemantauan dan evaluasi penerapan standar pelayanan minimal pendidikan di kabupaten/kota",
                "1.01.01",
                {"35": 900, "52": 600},
                "Laporan pemantauan SPM pendidikan",
                ("Kabupaten/kota yang dipantau", "kabupaten/kota", "0", "48"),
                ("sdg:4",),
                funding="dekonsentrasi",
                level="provinsi",
                office="Dinas Pendidikan Provinsi",
                recipient="pemda.35",
                content="pengawasan",
            ),
        ],
    ),
    PlanSpec(
        "047",
        "Rencana Dekonsentrasi Binwas KemenPPPA 2024",
        "draft",
        [
            Act(
                "Fasilitasi dan konsultasi pengembangan Kabupaten/Kota Layak Anak",
                "2.08.05",
                {"91": 500, "96": 400},
                "Kabupaten/kota difasilitasi menuju KLA",
                ("Kabupaten/kota difasilitasi", "kabupaten/kota", "0", "14"),
                ("sdg:16",),
                funding="dekonsentrasi",
                level="provinsi",
                office="Dinas PPPA Provinsi",
                recipient="pemda.91",
                content="pembinaan",
            ),
        ],
    ),
]

TP_PLANS = [
    PlanSpec(
        "033",
        "Rencana Tugas Pembantuan Kementerian PUPR 2024",
        "submitted",
        [
            Act(
                "Pembangunan Sistem Penyediaan Air Minum (SPAM) perdesaan",
                "1.03.01",
                {"53.03": 4500},
                "Sambungan rumah air minum layak",
                ("Sambungan rumah", "SR", "0", "1800"),
                ("sdg:6", "rpjmn-2020-2024:PN5"),
                funding="tugas_pembantuan",
                office="Dinas PUPR Kabupaten",
                recipient="pemda.53.03",
                content="pelaksanaan",
            ),
            # Matching funds from the region are not allowed (PP 19/2022): for the checks.
            Act(
                "Pembangunan instalasi pengolahan air limbah domestik komunal",
                "1.03.03",
                {"52.02": 3200},
                "IPAL komunal terbangun",
                ("IPAL komunal", "unit", "0", "8"),
                ("sdg:6",),
                funding="tugas_pembantuan",
                office="Dinas PUPR Kabupaten",
                recipient="pemda.52.02",
                content="pelaksanaan",
                matching_funds=True,
            ),
        ],
    ),
    PlanSpec(
        "018",
        "Rencana Tugas Pembantuan Kementerian Pertanian 2024",
        "endorsed",
        [
            Act(
                "Pengembangan pekarangan pangan lestari untuk keluarga berisiko stunting",
                "2.09",
                {"33.29": 1500, "73.06": 1200},
                "Kelompok tani pekarangan pangan lestari",
                ("Kelompok penerima", "kelompok", "0", "120"),
                ("sdg:2", "rpjmn-2020-2024:PN1"),
                funding="tugas_pembantuan",
                office="Dinas Pertanian Kabupaten",
                recipient="pemda.33.29",
                content="pelaksanaan",
            ),
        ],
    ),
    PlanSpec(
        "027",
        "Rencana Tugas Pembantuan Kementerian Sosial 2024",
        "in_review",
        [
            Act(
                "Penyaluran bantuan sosial pangan dan pendampingan keluarga penerima manfaat",
                "1.06.04",
                {"91.03": 2500},
                "Keluarga penerima manfaat terdampingi",
                ("Keluarga penerima manfaat", "keluarga", "0", "4000"),
                ("sdg:1",),
                funding="tugas_pembantuan",
                office="Dinas Sosial Kabupaten",
                recipient="pemda.91.03",
                content="pelaksanaan",
            ),
        ],
    ),
]

# Each district's own 2024 sub-activities; the first of each list repeats
# central work planned there (the duplication check should find it).
REGIONAL = {
    "33.29": ["Pelatihan kader Posyandu untuk pemantauan pertumbuhan balita", "Pemicuan STBM di desa lokus stunting"],
    "53.01": ["Penguatan surveilans gizi balita di Posyandu"],
    "91.03": ["Pelaksanaan imunisasi kejar bagi anak yang belum lengkap imunisasinya",
              "Fasilitasi rembuk stunting desa bersama Kader Pembangunan Manusia"],
    "52.02": ["Sosialisasi pencegahan perkawinan anak bersama tokoh agama"],
    "73.06": ["Pendampingan keluarga berisiko stunting oleh kader PKK"],
    "35.26": ["Pembangunan jamban sehat keluarga di desa lokus stunting"],
    "53.03": ["Perluasan jaringan perpipaan air minum perdesaan"],
    "96.71": ["Bimbingan teknis pembelajaran literasi dan numerasi guru SD kelas awal"],
    "11.08": ["Pelatihan Satuan Pendidikan Aman Bencana bagi guru"],
}  # fmt: skip
ROUTINE = [
    ("1.02", "Dinas Kesehatan", "Pengelolaan Pelayanan Kesehatan Ibu Hamil"),
    ("1.02", "Dinas Kesehatan", "Pengelolaan Pelayanan Kesehatan Balita"),
    ("1.02", "Dinas Kesehatan", "Pengelolaan Pelayanan Kesehatan Gizi Masyarakat"),
    ("1.01", "Dinas Pendidikan", "Pembinaan Pendidik dan Tenaga Kependidikan pada Satuan PAUD"),
    ("1.01", "Dinas Pendidikan", "Pembangunan Ruang Kelas Baru Sekolah Dasar"),
    ("1.03", "Dinas Pekerjaan Umum dan Penataan Ruang", "Pembangunan SPAM Jaringan Perpipaan di Kawasan Perdesaan"),
    ("1.06", "Dinas Sosial", "Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota"),
    ("2.08", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "Penyediaan Layanan Pengaduan Masyarakat bagi Anak yang Memerlukan Perlindungan Khusus"),
    ("2.13", "Dinas Pemberdayaan Masyarakat dan Desa", "Fasilitasi Penyusunan Perencanaan Pembangunan Desa"),
    ("2.14", "Dinas Pengendalian Penduduk dan Keluarga Berencana", "Pelaksanaan Pembinaan Kelompok Bina Keluarga Balita"),
]  # fmt: skip
OFFICE_OF = {"1.02": "Dinas Kesehatan", "1.01": "Dinas Pendidikan", "1.03": "Dinas Pekerjaan Umum dan Penataan Ruang",
             "2.08": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "2.13": "Dinas Pemberdayaan Masyarakat dan Desa",
             "2.14": "Dinas Pengendalian Penduduk dan Keluarga Berencana", "1.06": "Dinas Sosial"}  # fmt: skip
OVERLAP_AFFAIR = {"33.29": "1.02", "53.01": "1.02", "91.03": "1.02", "52.02": "2.08", "73.06": "2.14", "35.26": "1.02",
                  "53.03": "1.03", "96.71": "1.01", "11.08": "1.01"}  # fmt: skip


# =============================================================================
# Records planted for the synchronisation checks (demo step sync.review)
#
# The step that writes them is `plans.demo.load_check_examples`.
#
# Each record below gives one or more check rules something realistic to find,
# so the review demo shows every rule at work. The rule each one is meant for
# is named next to it. They live in their own step, after plans.programmes, so
# that step's records stay as the 2024 Rakortekpus had them. Everything goes
# through the plan services, except what those services refuse by design (a
# programme period shortened after its cycle was opened, location budgets that
# no longer add up): those are written the way such records really arise, by
# an edit outside the plan form, and say so in a comment.
# =============================================================================
CPAP_2016_CODE = "RI-UNICEF-2016-2020"
TP_PROV_CODE = "TP-PROV-JATENG-2024"
DEKON_GWPP_CODE = "DEKON-GWPP-2024"

# The KemenPPPA 2024 AWP is still a draft after plans.programmes; its planner
# adds these two activities before submitting it in the review demo. Both
# carry slips the review finds and the revision fixes.
PLANTED_KEMENPPPA = [
    # alignment.no_target, consistency.location_outside_loci (Kota Bandung)
    Act(
        "Penguatan layanan Pusat Pembelajaran Keluarga (PUSPAGA) dalam pengasuhan berbasis hak anak",
        "2.08.03",
        {"33.74": 200, "32.73": 150},
        "PUSPAGA memberikan layanan konseling pengasuhan sesuai standar",
        ("Keluarga yang mendapat konseling pengasuhan", "keluarga", "300", "1200"),
        (),
        quarters=(2, 3, 4),
    ),
    # consistency.indicator_incomplete (no unit), consistency.no_schedule
    Act(
        "Pengembangan sistem data kekerasan terhadap anak (SIMFONI-PPA) di kabupaten/kota lokus",
        "2.08.04",
        {"53.71": 150, "73.71": 150},
        "Kasus kekerasan terhadap anak tercatat di SIMFONI-PPA",
        ("Kabupaten/kota yang menginput kasus ke SIMFONI-PPA secara rutin", "", "2", "6"),
        ("sdg:5", "rpjmn-2020-2024:PN3"),
        quarters=(),
    ),
]

PLANTED_UNICEF = [
    PlanSpec(
        "063",
        "Rencana Kerja Tahunan BPOM 2024",
        "submitted",
        [
            # coverage.crowded_affair: the fourth agency on health (1.02) in Kabupaten Brebes
            Act(
                "Intervensi keamanan pangan jajanan anak sekolah dan Desa Pangan Aman di desa lokus stunting",
                "1.02.03",
                {"33.29": 350, "73.06": 300},
                "Desa lokus stunting menjadi Desa Pangan Aman",
                ("Desa Pangan Aman", "desa", "4", "20"),
                ("sdg:3", "rpjmn-2020-2024:PN3"),
                quarters=(2, 3, 4),
            ),
        ],
    ),
    PlanSpec(
        "025",
        "Rencana Kerja Tahunan Kementerian Agama 2024",
        "submitted",
        [
            # coverage.crowded_affair (Kabupaten Brebes, 1.02)
            Act(
                "Bimbingan perkawinan dan pemeriksaan kesehatan calon pengantin untuk pencegahan stunting",
                "1.02.04",
                {"33.29": 300, "52.02": 250},
                "Calon pengantin mendapat bimbingan perkawinan dan skrining kesehatan",
                ("Calon pengantin yang mengikuti bimbingan perkawinan", "orang", "800", "3000"),
                ("sdg:3", "rpjmn-2020-2024:PN3"),
                office="Ditjen Bimbingan Masyarakat Islam",
            ),
            # duplication: repeats BKKBN's family assistance in Bangkalan and Luwu Utara
            Act(
                "Pendampingan keluarga berisiko stunting bersama Tim Pendamping Keluarga dan penyuluh agama",
                "2.14.03",
                {"35.26": 300, "73.22": 250},
                "Keluarga berisiko stunting didampingi penyuluh agama",
                ("Keluarga berisiko stunting yang didampingi", "keluarga", "1000", "4000"),
                ("rpjmn-2020-2024:PN3",),
                office="Ditjen Bimbingan Masyarakat Islam",
            ),
        ],
    ),
]

PLANTED_DEKON = PlanSpec(
    "027",
    "Rencana Dekonsentrasi Binwas Kementerian Sosial 2024",
    "submitted",
    [
        # authority.recipient_level, authority.funding_executing_level,
        # consistency.dekon_location_level (a regency, not the governor)
        Act(
            "Pembinaan dan pengawasan penyelenggaraan rehabilitasi sosial anak oleh Dinas Sosial Kabupaten Kupang",
            "1.06.03",
            {"53.01": 600},
            "Layanan rehabilitasi sosial anak kabupaten dibina dan diawasi",
            ("Lembaga kesejahteraan sosial anak yang dibina", "lembaga", "0", "25"),
            ("rpjmn-2020-2024:PN3",),
            funding="dekonsentrasi",
            level="kabkota",
            office="Dinas Sosial Kabupaten",
            recipient="pemda.53.01",
            content="pembinaan",
        ),
        # authority.dekon_binwas_object: the supervised panti is the province's own (a provincial item)
        Act(
            "Monitoring dan evaluasi rehabilitasi sosial dalam panti milik Pemerintah Provinsi Nusa Tenggara Timur",
            "1.06.03",
            {"53": 300},
            "Laporan evaluasi layanan panti sosial provinsi",
            ("Panti sosial provinsi yang dievaluasi", "panti", "0", "3"),
            ("rpjmn-2020-2024:PN3",),
            funding="dekonsentrasi",
            level="provinsi",
            office="Dinas Sosial Provinsi",
            recipient="pemda.53",
            content="pengawasan",
        ),
        # consistency.no_location (a delegated activity that says nowhere)
        Act(
            "Pemantauan dan evaluasi penerapan SPM bidang sosial di kabupaten/kota",
            "1.06.04",
            {},
            "Laporan pemantauan SPM bidang sosial",
            ("Kabupaten/kota yang dipantau", "kabupaten/kota", "0", "22"),
            ("rpjmn-2020-2024:PN3",),
            funding="dekonsentrasi",
            level="provinsi",
            office="Dinas Sosial Provinsi",
            recipient="pemda.53",
            content="pengawasan",
            budget=450,
        ),
    ],
)

# authority.dekon_gwpp_not_kemendagri: a GWPP task budgeted by Bappenas, not Kemendagri
PLANTED_DEKON_GWPP = PlanSpec(
    "055",
    "Rencana Dekonsentrasi Tugas GWPP Bappenas 2024",
    "submitted",
    [
        Act(
            "Penyelarasan perencanaan pembangunan antar-kabupaten/kota oleh Gubernur sebagai wakil Pemerintah Pusat",
            "",
            {"53": 400},
            "Rancangan RKPD kabupaten/kota selaras dengan RKPD provinsi dan RKP",
            ("Kabupaten/kota yang RKPD-nya diselaraskan", "kabupaten/kota", "0", "22"),
            ("rpjmn-2020-2024:PN7",),
            funding="dekonsentrasi",
            level="provinsi",
            office="Bappeda Provinsi",
            recipient="pemda.53",
            content="tugas_gwpp",
        ),
    ],
)

PLANTED_TP_PUSAT = PlanSpec(
    "024",
    "Rencana Tugas Pembantuan Kementerian Kesehatan 2024",
    "submitted",
    [
        # authority.tp_province_single_district: the province gets a task that lies in one regency
        Act(
            "Pembangunan Puskesmas dan rumah dinas tenaga kesehatan di daerah terpencil",
            "1.02.01",
            {"53.02": 6500},
            "Puskesmas dan rumah dinas terbangun",
            ("Puskesmas terbangun", "unit", "0", "2"),
            ("sdg:3", "rpjmn-2020-2024:PN3"),
            funding="tugas_pembantuan",
            level="provinsi",
            office="Dinas Kesehatan Provinsi",
            recipient="pemda.53",
            content="pelaksanaan",
        ),
    ],
)

PLANTED_TP_PROVINSI = PlanSpec(
    "pemda.33",
    "Rencana Tugas Pembantuan Provinsi Jawa Tengah 2024",
    "submitted",
    [
        # authority.affair_not_assigners: the province holds nothing in civil registration (2.12.02)
        Act(
            "Pelayanan jemput bola penerbitan akta kelahiran dan Kartu Identitas Anak (KIA) di desa lokus",
            "2.12.02",
            {"33.29": 450},
            "Anak di desa lokus memiliki akta kelahiran dan KIA",
            ("Anak yang menerima akta kelahiran dan KIA", "anak", "0", "5000"),
            ("sdg:16",),
            funding="apbd",
            office="Dinas Kependudukan dan Pencatatan Sipil Kabupaten",
            recipient="pemda.33.29",
            content="pelaksanaan",
        ),
        # authority.tp_content_is_binwas
        Act(
            "Pembinaan dan pengawasan pelayanan KB pasca persalinan di puskesmas kabupaten",
            "2.14.02",
            {"33.02": 300},
            "Puskesmas memberikan pelayanan KB pasca persalinan sesuai standar",
            ("Puskesmas yang dibina", "puskesmas", "0", "39"),
            ("rpjmn-2020-2024:PN3",),
            funding="apbd",
            office="Dinas Pengendalian Penduduk dan KB Kabupaten",
            recipient="pemda.33.02",
            content="pembinaan",
        ),
        # authority.tp_not_concurrent: planning (5.01) is a supporting element, not an affair
        Act(
            "Fasilitasi penyusunan RKPD kabupaten yang responsif anak dan gender",
            "5.01",
            {"33.02": 200},
            "RKPD kabupaten memuat program responsif anak dan gender",
            ("Dokumen RKPD yang difasilitasi", "dokumen", "0", "1"),
            ("rpjmn-2020-2024:PN7",),
            funding="apbd",
            office="Bappeda Kabupaten",
            recipient="pemda.33.02",
            content="pelaksanaan",
        ),
        # authority.funding_instrument (DAK instead of the province's APBD),
        # consistency.location_budget_sum (see _plant_budget_change),
        # coverage.crowded_affair (Kabupaten Brebes, 1.02)
        Act(
            "Pemberian makanan tambahan berbahan pangan lokal bagi balita gizi kurang dan ibu hamil KEK",
            "1.02.01",
            {"33.29": 1250},
            "Balita gizi kurang dan ibu hamil KEK mendapat makanan tambahan",
            ("Balita gizi kurang yang mendapat makanan tambahan", "balita", "0", "2500"),
            ("sdg:3", "rpjmn-2020-2024:PN3"),
            funding="dak",
            office="Dinas Kesehatan Kabupaten",
            recipient="pemda.33.29",
            content="pelaksanaan",
        ),
    ],
)
PMT_TITLE = PLANTED_TP_PROVINSI.activities[3].title

# consistency.cycle_outside_period: a transition AWP filed under the previous
# programme, whose period the coordinator later set back to 2016–2020.
PLANTED_CPAP_2016 = PlanSpec(
    "024",
    "Rencana Kerja Tahunan Transisi Kementerian Kesehatan 2021",
    "submitted",
    [
        Act(
            "Pendampingan layanan imunisasi rutin pada masa pandemi COVID-19",
            "1.02.01",
            {"91.03": 400, "53.01": 300},
            "Layanan imunisasi rutin tetap berjalan selama pandemi",
            ("Cakupan imunisasi dasar lengkap", "persen", "65", "80"),
            ("sdg:3", "rpjmn-2020-2024:PN3"),
            quarters=(1, 2, 3, 4),
        ),
    ],
)
