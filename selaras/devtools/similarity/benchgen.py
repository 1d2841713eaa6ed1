"""Deterministic national-scale test data for duplicate screening.

Regional sub-activity names are real nomenclature names, about a third with
local detail appended (a village, a school, a road section, a package
number), spread over the real kabupaten/kota codes; central activity-
locations reuse names in agency wording (abbreviations, upper case, detail)
at kabupaten/kota or province level. Used by `bench/bench_similarity.py` and
by the lead's `selaras bench-data --scale national`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

VILLAGES = [
    "Sukamaju", "Sukajadi", "Mekarsari", "Tanjung", "Suka Makmur", "Karya Bakti", "Bontonompo", "Pattallassang",
    "Tonasa", "Wonorejo", "Sidomulyo", "Margahayu", "Pelita Jaya", "Harapan Baru", "Tirta Kencana", "Lembah Hijau",
]  # fmt: skip
TOWNS = [
    "Wamena", "Elelim", "Sentani", "Galesong", "Limbung", "Takalar", "Sungguminasa", "Pallangga", "Martapura",
    "Kandangan", "Bima", "Dompu", "Ende", "Atambua", "Tual", "Masohi", "Sorong", "Manokwari", "Nabire", "Timika",
]  # fmt: skip
SCHOOLS = ["SDN", "SD Negeri", "SMPN", "SMP Negeri", "SMAN", "SMKN"]
ABBREVIATE = [
    ("Bimbingan Teknis", "Bimtek"),
    ("Pendidikan dan Pelatihan", "Diklat"),
    ("Kabupaten/Kota", "Kab/Kota"),
    ("Pemerintah Daerah", "Pemda"),
    ("Sarana dan Prasarana", "Sarpras"),
    ("Rehabilitasi", "Rehab"),
    ("Peraturan Daerah", "Perda"),
    ("Aparatur Sipil Negara", "ASN"),
    ("Monitoring dan Evaluasi", "Monev"),
    ("Sekolah Dasar", "SD"),
    ("Sekolah Menengah Pertama", "SMP"),
]


@dataclass(frozen=True)
class BenchData:
    regional_titles: list[str]
    regional_regions: list[str]  # kabupaten/kota code
    regional_years: list[int]
    central_titles: list[str]
    central_regions: list[str]  # kabupaten/kota or province code
    central_years: list[int]


def read_regencies(path: Path) -> list[str]:
    import csv

    with Path(path).open(encoding="utf-8", newline="") as fh:
        return [row["code"] for row in csv.DictReader(fh)]


def read_names(path: Path) -> list[str]:
    return [line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def local_detail(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f"di Desa {rng.choice(VILLAGES)}"
    if kind == 1:
        return f"{rng.choice(SCHOOLS)} {rng.randint(1, 12)} {rng.choice(TOWNS)}"
    if kind == 2:
        a, b = rng.sample(TOWNS, 2)
        return f"Ruas Jalan {a}–{b}"
    return f"Paket {rng.randint(1, 30):02d}"


def agency_wording(name: str, rng: random.Random) -> str:
    """The same work written the way a ministry would: abbreviated, in capitals."""
    for full, short in ABBREVIATE:
        if full in name and rng.random() < 0.7:
            name = name.replace(full, short)
    roll = rng.random()
    if roll < 0.2:
        name = name.upper()
    elif roll < 0.3:
        name = name.lower()
    return name


def generate(
    corpus_path: Path,
    regency_codes: list[str],
    *,
    n_regional: int = 1_000_000,
    n_central: int = 50_000,
    detail_share: float = 1 / 3,
    province_share: float = 0.2,
    years: tuple[int, ...] = (2025, 2026),
    seed: int = 20250101,
) -> BenchData:
    """Generate regional sub-activities and central activity-locations."""
    rng = random.Random(seed)
    names = read_names(corpus_path)
    provinces = sorted({code.split(".")[0] for code in regency_codes})
    r_titles: list[str] = []
    r_regions: list[str] = []
    r_years: list[int] = []
    for _ in range(n_regional):
        name = rng.choice(names)
        if rng.random() < detail_share:
            name = f"{name} {local_detail(rng)}"
        r_titles.append(name)
        r_regions.append(rng.choice(regency_codes))
        r_years.append(rng.choice(years))
    c_titles: list[str] = []
    c_regions: list[str] = []
    c_years: list[int] = []
    for _ in range(n_central):
        name = agency_wording(rng.choice(names), rng)
        if rng.random() < 0.2:
            name = f"{name} {local_detail(rng)}"
        c_titles.append(name)
        c_regions.append(rng.choice(provinces) if rng.random() < province_share else rng.choice(regency_codes))
        c_years.append(rng.choice(years))
    return BenchData(r_titles, r_regions, r_years, c_titles, c_regions, c_years)
