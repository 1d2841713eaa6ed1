"""Demo plans: the Government of Indonesia–UNICEF cooperation programme
2021–2025 with the ministries' 2024 annual work plans (after the 2024
Rakortekpus, /work/shared/seeds), a 2024 deconcentration (binwas) and a
central co-administration programme coordinated by Ditjen Bina Adwil, and
the locus districts' own 2024 sub-activities, some of which deliberately
repeat central activities so the duplication check has something to find.

Everything is written through the plan services as the demo users, so the
audit trail and the plan revisions are real. A plan that already exists is
left as it is (a person may have edited it), so a second run changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from selaras.core.demo import DemoContext, DemoDataMissing, agency, demo_step, region
from selaras.plans import services
from selaras.plans.models import Cycle, Plan, Programme, ProgrammeKind, RegionalPlan, RegionalSubActivity
from selaras.registry.models import Affair, DevelopmentTarget, Region, RegionLevel

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


def _m(millions: int) -> Decimal:
    return Decimal(millions) * Decimal("1000000")


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


class _Actors:
    """The demo users who act: the agency's own planner where the demo cast
    has one, the coordinating unit's coordinator, else the administrator."""

    def __init__(self):
        from selaras.accounts.models import User

        self.admin = User.objects.filter(username="demo.admin").first()
        if self.admin is None:
            raise DemoDataMissing(_("Pengguna demo belum ada. Jalankan langkah accounts.users lebih dulu."))
        self._by_agency = {}
        for user in User.objects.filter(
            username__startswith="demo.", memberships__agency__isnull=False
        ).prefetch_related("memberships__agency"):
            for m in user.memberships.all():
                if m.agency_id and m.is_active:
                    self._by_agency.setdefault((m.role, m.agency.code), user)

    def planner(self, code: str):
        return self._by_agency.get(("planner", code), self.admin)

    def coordinator(self, code: str):
        return self._by_agency.get(("coordinator", code), self.admin)


def _targets(codes) -> list:
    found = []
    for code in codes:
        framework, target = code.split(":")
        t = DevelopmentTarget.objects.filter(framework__code=framework, code=target).first()
        if t is not None:
            found.append(t)
    return found


def _affair(code: str):
    return Affair.objects.filter(code=code).first()


def _villages_of(code: str, rng: random.Random, n: int) -> list[Region]:
    villages = list(
        Region.objects.filter(level=RegionLevel.VILLAGE, code__startswith=f"{code}.").order_by("code")[:200]
    )
    return rng.sample(villages, min(n, len(villages)))


def _activity_data(act: Act, rng: random.Random) -> services.ActivityData:
    locations = []
    for code, millions in act.where.items():
        # Some district activities land in named villages when they are loaded.
        villages = _villages_of(code, rng, 2) if act.affair.startswith(("2.13", "1.02.04")) else []
        if villages:
            share = _m(millions) / len(villages)
            locations += [services.LocationData(v, share) for v in villages]
        else:
            locations.append(services.LocationData(region(code), _m(millions)))
    budget = sum((loc.budget for loc in locations), Decimal("0"))
    if act.budget is not None and not locations:
        budget = _m(act.budget)
    indicator, unit, baseline, target = act.indicator
    return services.ActivityData(
        title=act.title,
        description=act.description,
        funding_source=act.funding,
        budget=budget,
        partner_budget=(budget / USD_RATE).quantize(Decimal("1")) if act.funding == "partner" else None,
        affair=_affair(act.affair),
        output=act.output,
        quarters=act.quarters,
        executing_level=act.level,
        implementing_office=act.office,
        recipient=agency(act.recipient) if act.recipient else None,
        delegated_content=act.content,
        requires_matching_funds=act.matching_funds,
        targets=_targets(act.targets),
        locations=locations,
        indicators=[services.IndicatorData(indicator, unit, Decimal(baseline), Decimal(target))],
    )


_PATH = {
    "draft": [],
    "submitted": ["submit"],
    "in_review": ["submit", "start_review"],
    "returned": ["submit", "start_review", "return"],
    "endorsed": ["submit", "start_review", "endorse"],
}
_COMMENTS = {
    "start_review": "Ditelaah pada Rakortekpus 2024.",
    "return": "Lengkapi lokasi desa dan indikator keluaran.",
    "endorse": "Disepakati dalam rumusan hasil Rakortekpus.",
}


def _programme(actors: _Actors, *, code: str, coordinator: str, **fields) -> tuple[Programme, int]:
    existing = Programme.objects.filter(code=code).first()
    if existing is not None:
        return existing, 0
    loci = [region(c) for c in fields.pop("loci")]
    participants = [agency(c) for c in fields.pop("participants")]
    programme = services.programme_create(
        by=actors.coordinator(coordinator),
        code=code,
        coordinator=agency(coordinator),
        loci=loci,
        participants=participants,
        **fields,
    )
    return programme, 1


def _cycle(actors: _Actors, programme: Programme, year: int) -> tuple[Cycle, int]:
    existing = Cycle.objects.filter(programme=programme, year=year).first()
    if existing is not None:
        return existing, 0
    return services.cycle_open(programme=programme, year=year, by=actors.coordinator(programme.coordinator.code)), 1


def _plans(actors: _Actors, cycle: Cycle, specs: list[PlanSpec], rng: random.Random) -> int:
    created = 0
    coordinator = actors.coordinator(cycle.programme.coordinator.code)
    for spec in specs:
        owner = agency(spec.owner)
        if Plan.objects.filter(cycle=cycle, owner=owner).exists():
            continue
        planner = actors.planner(spec.owner)
        plan = services.plan_create(cycle=cycle, owner=owner, by=planner, title=spec.title, notes=spec.notes)
        for act in spec.activities:
            services.activity_create(plan=plan, by=planner, data=_activity_data(act, rng))
        for action in _PATH[spec.status]:
            by = planner if action == "submit" else coordinator
            plan = services.plan_transition(plan=plan, action=action, by=by, comment=_COMMENTS.get(action, ""))
        created += 1
    return created


def _regional_plans(actors: _Actors, rng: random.Random) -> int:
    created = 0
    for code, overlapping in REGIONAL.items():
        where = region(code)
        if RegionalPlan.objects.filter(region=where, year=2024).exists():
            continue
        regional = RegionalPlan.objects.create(
            region=where,
            year=2024,
            source_name=f"RKPD {where.name} 2024 (ekspor SIPD, data demo)",
            imported_by=actors.admin,
        )
        rows = [(OVERLAP_AFFAIR[code], OFFICE_OF[OVERLAP_AFFAIR[code]], name) for name in overlapping]
        rows += rng.sample(ROUTINE, 6)
        affairs = {a.code: a for a in Affair.objects.filter(code__in={r[0] for r in rows})}
        RegionalSubActivity.objects.bulk_create(
            RegionalSubActivity(
                regional_plan=regional,
                code=f"{affair}.{n:02d}.2.01.{rng.randint(1, 30):04d}",
                name=name,
                implementing_office=office,
                budget=Decimal(rng.randrange(150, 2500)) * Decimal("1000000"),
                location=where,
                affair=affairs.get(affair),
                row_number=n,
            )
            for n, (affair, office, name) in enumerate(rows, start=1)
        )
        created += 1
    return created


@demo_step(order=200, name="plans.programmes")
def load_plans_demo(ctx: DemoContext) -> int:
    """The three 2024 programmes with their plans and the locus districts'
    own plans. Returns the number of programmes, plans and regional plans made."""
    rng = random.Random(ctx.seed + 200)
    actors = _Actors()
    created = 0

    unicef, n = _programme(
        actors, code=UNICEF_CODE, coordinator="010.bangda.supd4",
        name="Program Kerja Sama Pemerintah RI–UNICEF 2021–2025", kind=ProgrammeKind.COOPERATION,
        description=("Country Programme Action Plan (CPAP) 2021–2025: gizi; air, sanitasi dan kebersihan; kesehatan; "
                     "pendidikan; perlindungan anak; kebijakan sosial; efektivitas program."),
        partner=agency("mitra.unicef"), start_year=2021, end_year=2025, partner_currency="USD",
        loci=LOCUS_PROVINCES, participants=[c for c in PARTICIPANTS if _exists(c)],
    )  # fmt: skip
    created += n
    cycle, n = _cycle(actors, unicef, 2024)
    created += n + _plans(actors, cycle, UNICEF_PLANS, rng)

    dekon, n = _programme(
        actors, code=DEKON_CODE, coordinator="010.adwil.dtpks",
        name="Dekonsentrasi Pembinaan dan Pengawasan 2024", kind=ProgrammeKind.DEKON_BINWAS,
        description="Pelimpahan pembinaan dan pengawasan urusan kabupaten/kota kepada GWPP (PP 19/2022).",
        start_year=2024, end_year=2024, loci=("33", "35", "52", "53", "73", "91", "96"), participants=("024", "023", "047"),
    )  # fmt: skip
    created += n
    cycle, n = _cycle(actors, dekon, 2024)
    created += n + _plans(actors, cycle, DEKON_PLANS, rng)

    tp, n = _programme(
        actors, code=TP_CODE, coordinator="010.adwil.dtpks", name="Tugas Pembantuan Pusat 2024",
        kind=ProgrammeKind.TP_PUSAT, description="Penugasan sebagian urusan pemerintah pusat kepada daerah (PP 19/2022).",
        start_year=2024, end_year=2024, loci=("33", "52", "53", "73", "91"), participants=("033", "018", "027"),
    )  # fmt: skip
    created += n
    cycle, n = _cycle(actors, tp, 2024)
    created += n + _plans(actors, cycle, TP_PLANS, rng)

    created += _regional_plans(actors, rng)
    return created


def _exists(code: str) -> bool:
    from selaras.registry.models import Agency

    return Agency.objects.filter(code=code).exists()


# =============================================================================
# Records planted for the synchronisation checks (demo step sync.review)
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


def _planted_plan(
    actors: _Actors, cycle: Cycle, spec: PlanSpec, rng: random.Random, *, planner=None, before_submit=None
) -> int:
    """Like `_plans` for one plan, with a chosen planner and a hook that runs
    on the draft before it is submitted."""
    owner = agency(spec.owner)
    if Plan.objects.filter(cycle=cycle, owner=owner).exists():
        return 0
    planner = planner or actors.planner(spec.owner)
    plan = services.plan_create(cycle=cycle, owner=owner, by=planner, title=spec.title, notes=spec.notes)
    for act in spec.activities:
        services.activity_create(plan=plan, by=planner, data=_activity_data(act, rng))
    if before_submit is not None:
        before_submit(plan)
    coordinator = actors.coordinator(cycle.programme.coordinator.code)
    for action in _PATH[spec.status]:
        by = planner if action == "submit" else coordinator
        plan = services.plan_transition(plan=plan, action=action, by=by, comment=_COMMENTS.get(action, ""))
    return 1


def _plant_budget_change(plan: Plan) -> None:
    """consistency.location_budget_sum: the PMT budget was raised in the
    province's budget system and copied into the plan without its location
    split, the way rows arrive from older spreadsheets. The plan form would
    refuse this, so it is written to the record directly (audited)."""
    from selaras.plans.models import Activity

    activity = Activity.objects.get(plan=plan, title=PMT_TITLE)
    activity.budget = _m(1400)
    activity.version += 1
    activity.save()


def _plant_kemenpppa_activities(rng: random.Random) -> int:
    """The KemenPPPA planner completes its draft AWP (see PLANTED_KEMENPPPA)."""
    from selaras.accounts.models import User

    programme = Programme.objects.filter(code=UNICEF_CODE).first()
    plan = Plan.objects.filter(cycle__programme=programme, cycle__year=2024, owner__code="047").first()
    planner = User.objects.filter(username="demo.perencana.kemenpppa").first()
    if plan is None or planner is None or not plan.is_editable:
        return 0
    created = 0
    for act in PLANTED_KEMENPPPA:
        if not plan.activities.filter(title=act.title).exists():
            services.activity_create(plan=plan, by=planner, data=_activity_data(act, rng))
            created += 1
    return created


def _plant_cpap_2016(actors: _Actors, rng: random.Random) -> int:
    """The previous programme, once extended to 2021 for a transition year;
    when CPAP 2021–2025 took over, its period was set back to 2016–2020 and
    the transition cycle was left outside it."""
    created = 0
    programme, n = _programme(
        actors, code=CPAP_2016_CODE, coordinator="010.bangda.supd4",
        name="Program Kerja Sama Pemerintah RI–UNICEF 2016–2020", kind=ProgrammeKind.COOPERATION,
        description=("Country Programme Action Plan (CPAP) 2016–2020, ditandatangani 28 Desember 2015. Sempat "
                     "diperpanjang untuk tahun transisi 2021, lalu dikembalikan ke 2016–2020 setelah CPAP "
                     "2021–2025 berlaku."),
        partner=agency("mitra.unicef"), start_year=2016, end_year=2021, partner_currency="USD",
        loci=(), participants=[c for c in ("055", "010", "024", "023", "027", "047") if _exists(c)],
    )  # fmt: skip
    created += n
    cycle, n = _cycle(actors, programme, 2021)
    created += n + _planted_plan(actors, cycle, PLANTED_CPAP_2016, rng, planner=actors.planner("024"))
    if programme.end_year != 2020:
        # No service changes a programme's period (only the admin does);
        # written directly and audited, as the admin's edit would be.
        programme.end_year = 2020
        programme.full_clean()
        programme.version += 1
        programme.save()
    return created


def _plant_tp_provinsi(actors: _Actors, rng: random.Random) -> int:
    """Provincial co-administration from Jawa Tengah to its regencies,
    drafted by the province's Bappeda officer."""
    from selaras.accounts.models import User

    created = 0
    programme, n = _programme(
        actors, code=TP_PROV_CODE, coordinator="010.adwil.dtpks",
        name="Tugas Pembantuan Provinsi Jawa Tengah 2024", kind=ProgrammeKind.TP_PROVINSI,
        description="Penugasan sebagian urusan Pemerintah Provinsi Jawa Tengah kepada kabupaten/kota (PP 19/2022).",
        assigner=agency("pemda.33"), start_year=2024, end_year=2024, loci=("33",), participants=("pemda.33",),
    )  # fmt: skip
    created += n
    cycle, n = _cycle(actors, programme, 2024)
    officer = User.objects.filter(username="demo.daerah.jateng").first() or actors.admin
    created += n + _planted_plan(
        actors, cycle, PLANTED_TP_PROVINSI, rng, planner=officer, before_submit=_plant_budget_change
    )
    return created


def _plant_dekon_gwpp(actors: _Actors, rng: random.Random) -> int:
    """Deconcentration of GWPP tasks (PP 19/2022 Pasal 4 ayat (1) huruf b)."""
    programme, created = _programme(
        actors, code=DEKON_GWPP_CODE, coordinator="010.adwil.dtpks",
        name="Dekonsentrasi Tugas dan Wewenang GWPP 2024", kind=ProgrammeKind.DEKON_GWPP,
        description="Pelimpahan tugas dan wewenang gubernur sebagai wakil Pemerintah Pusat (PP 19/2022, PP 33/2018).",
        start_year=2024, end_year=2024, loci=("53",), participants=("055",),
    )  # fmt: skip
    cycle, n = _cycle(actors, programme, 2024)
    return created + n + _planted_plan(actors, cycle, PLANTED_DEKON_GWPP, rng)


def _plant_in_existing_cycles(actors: _Actors, rng: random.Random) -> int:
    created = 0
    for code, specs in ((UNICEF_CODE, PLANTED_UNICEF), (DEKON_CODE, [PLANTED_DEKON]), (TP_CODE, [PLANTED_TP_PUSAT])):
        cycle = Cycle.objects.filter(programme__code=code, year=2024).first()
        if cycle is None:
            continue
        for spec in specs:
            made = _planted_plan(actors, cycle, spec, rng)
            if made:
                cycle.programme.participants.add(agency(spec.owner))
            created += made
    return created


@demo_step(order=250, name="plans.check_examples")
def load_check_examples(ctx: DemoContext) -> int:
    """Plans that give every synchronisation check something to find (see
    the section comment above). Returns the number of records made."""
    rng = random.Random(ctx.seed + 250)
    actors = _Actors()
    created = _plant_kemenpppa_activities(rng)
    created += _plant_in_existing_cycles(actors, rng)
    created += _plant_tp_provinsi(actors, rng)
    created += _plant_dekon_gwpp(actors, rng)
    created += _plant_cpap_2016(actors, rng)
    return created
