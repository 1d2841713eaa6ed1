"""What a letter says, once, for both renderers (Word and PDF): the values of
the template placeholders, formatted the Indonesian way."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from selaras.core.formatting import format_date
from selaras.sync.models import Recommendation

MINISTRY_LINES = ("KEMENTERIAN DALAM NEGERI", "REPUBLIK INDONESIA")
DEFAULT_ADDRESS = "Jalan Medan Merdeka Utara Nomor 7, Jakarta 10110"


@dataclass
class Point:
    nomor: str
    teks: str
    dasar: str


@dataclass
class LetterContent:
    nomor: str
    tanggal: str
    tempat: str
    kepada: str
    perihal: str
    pembuka: str
    penutup: str
    penanda_tangan: str
    jabatan: str
    nip: str
    unit_penerbit: list[str]
    alamat: str
    rencana: str
    tahun: str
    butir: list[Point] = field(default_factory=list)
    tembusan: list[str] = field(default_factory=list)

    def scalars(self) -> dict[str, str]:
        """Placeholders replaced by a single text."""
        return {
            "nomor": self.nomor,
            "tanggal": self.tanggal,
            "tempat": self.tempat,
            "kepada": self.kepada,
            "perihal": self.perihal,
            "pembuka": self.pembuka,
            "penutup": self.penutup,
            "penanda_tangan": self.penanda_tangan,
            "jabatan": self.jabatan,
            "nip": self.nip,
            "kementerian": " ".join(MINISTRY_LINES),
            "unit_penerbit": "\n".join(self.unit_penerbit),
            "alamat": self.alamat,
            "rencana": self.rencana,
            "tahun": self.tahun,
        }


def issuer_lines(agency) -> list[str]:
    """The issuing unit's chain below the ministry, upper-cased for the kop
    surat (e.g. DIREKTORAT JENDERAL BINA PEMBANGUNAN DAERAH)."""
    chain = []
    node = agency
    while node is not None and node.parent_id is not None:
        chain.append(node.name.upper())
        node = node.parent
    return list(reversed(chain))


def letter_content(letter: Recommendation) -> LetterContent:
    plan = letter.plan
    date = letter.date or timezone.localdate()
    points = [
        Point(nomor=str(index), teks=p.text, dasar=p.citation)
        for index, p in enumerate(letter.points.order_by("position", "id"), start=1)
    ]
    return LetterContent(
        nomor=letter.number or "……",
        tanggal=format_date(date, lang="id"),
        tempat=letter.place,
        kepada=letter.addressee.name,
        perihal=letter.subject,
        pembuka=letter.opening,
        penutup=letter.closing,
        penanda_tangan=letter.signatory_name,
        jabatan=letter.signatory_title,
        nip=letter.signatory_nip,
        unit_penerbit=issuer_lines(letter.issuer),
        alamat=getattr(settings, "SELARAS_LETTER_ADDRESS", "") or DEFAULT_ADDRESS,
        rencana=str(plan),
        tahun=str(plan.cycle.year),
        butir=points,
        tembusan=[line.strip() for line in letter.copies_to.splitlines() if line.strip()],
    )
