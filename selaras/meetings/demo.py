"""Demo meetings (after /work/shared/seeds): the 2024 Rakortekpus of the
RI–UNICEF programme at Santika Hotel BSD Serpong, organised by SUPD IV with
the programme's 16 ministries/agencies and its 9 locus provinces, closed by
the acting director of SUPD IV and the programme's PJOK with conclusions and
follow-ups; the 6 February 2024 Rakor on deconcentration and
co-administration at Hotel Asmira Bandung, with Bappenas, Kemenparekraf and
Kemenkeu as resource persons, whose recommendations are its conclusions;
and the 2025 Rakortekpus, scheduled, onto whose agenda the follow-ups still
owed from 2024 are carried.

The follow-ups are left in every state: open, in progress, done awaiting
verification (with an evidence file), verified, dropped with a reason, and
overdue on `DEMO_TODAY` (the day the story stands on, shortly before the
2025 Rakortekpus; the pages count overdue from the real today).

Everything goes through the meeting services as the demo users: SUPD IV's
and DTPKS's coordinators run the meetings, the owners' planners and
officers report progress. A meeting that already exists (by title) is left
as it is, so a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from selaras.core import access
from selaras.core.access import READ
from selaras.core.demo import DemoContext, DemoDataMissing, demo_step
from selaras.meetings import services
from selaras.meetings.models import Attendance, FollowUp, Meeting, MeetingKind, ParticipantRole
from selaras.plans.demo_data import DEKON_CODE, LOCUS_PROVINCES, PARTICIPANTS, UNICEF_CODE
from selaras.plans.models import Cycle, Plan, Programme
from selaras.registry.demo import region
from selaras.registry.models import Agency

SUPD4 = "demo.koordinator.supd4"
DTPKS = "demo.koordinator.dtpks"
KEMENKES = "demo.perencana.kemenkes"
KEMENPPPA = "demo.perencana.kemenpppa"
JATENG = "demo.daerah.jateng"

DEMO_TODAY = dt.date(2025, 2, 3)

RAKORTEKPUS_2024 = "Rakortekpus Program Kerja Sama Pemerintah RI–UNICEF Tahun 2024"
RAKOR_DEKON_2024 = "Rapat Koordinasi Pelaksanaan Dekonsentrasi dan Tugas Pembantuan Tahun 2024"
RAKORTEKPUS_2025 = "Rakortekpus Program Kerja Sama Pemerintah RI–UNICEF Tahun 2025"


def _at(year: int, month: int, day: int, hour: int = 8, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def _users() -> dict:
    from selaras.accounts.models import User

    names = (SUPD4, DTPKS, KEMENKES, KEMENPPPA, JATENG)
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    missing = sorted(set(names) - set(users))
    if missing:
        raise DemoDataMissing(
            _("Pengguna demo %(name)s belum ada. Jalankan langkah accounts.users lebih dulu.")
            % {"name": ", ".join(missing)}
        )
    return users


def _agencies(codes) -> list[Agency]:
    found = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    return [found[c] for c in codes if c in found]


def _readable(user, records) -> list:
    # Agenda links must be records the coordinator may read; demo records
    # another step did not make are simply left out.
    return [r for r in records if r is not None and access.can(user, READ, r)]


def evidence_pdf(title: str, lines: list[str]) -> SimpleUploadedFile:
    """A one-page PDF, the same bytes on every run (reportlab's invariant mode)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setTitle(title)
    canvas.setFont("Helvetica-Bold", 13)
    canvas.drawString(72, 770, title)
    canvas.setFont("Helvetica", 10)
    for n, line in enumerate(lines):
        canvas.drawString(72, 740 - 16 * n, line)
    canvas.showPage()
    canvas.save()
    return SimpleUploadedFile("laporan-praktik-baik-jateng-2024.pdf", buffer.getvalue(), "application/pdf")


def _participants(meeting: Meeting, by, rows) -> None:
    for row in rows:
        services.participant_add(meeting=meeting, by=by, **row)


# --- the 2024 Rakortekpus -------------------------------------------------------
def _rakortekpus_2024(users: dict) -> int:
    programme = Programme.objects.filter(code=UNICEF_CODE).first()
    if programme is None or Meeting.objects.filter(title=RAKORTEKPUS_2024).exists():
        return 0
    from selaras.flags.models import Flag
    from selaras.sync.models import Finding, Recommendation

    coordinator = users[SUPD4]
    cycle = Cycle.objects.filter(programme=programme, year=2024).first()
    meeting = services.meeting_create(
        by=coordinator,
        kind=MeetingKind.RAKORTEKPUS,
        title=RAKORTEKPUS_2024,
        organiser=programme.coordinator,
        programme=programme,
        cycle=cycle,
        starts_at=_at(2024, 3, 19),
        ends_at=_at(2024, 3, 21, 16),
        venue="Santika Hotel BSD Serpong, Tangerang Selatan",
        minutes=(
            "Rakortekpus tahunan keempat Program Kerja Sama Pemerintah RI–UNICEF Periode 2021–2025 untuk "
            "mengonsolidasikan Annual Work Plan (AWP)/Rencana Kerja Tahunan 2024 kementerian/lembaga agar selaras "
            "dengan arah kebijakan pembangunan nasional dan daerah. Dibuka oleh Dirjen Bina Pembangunan Daerah dan "
            "ditutup oleh Plh. Direktur SUPD IV bersama PJOK program dengan penyampaian rumusan hasil dan rencana "
            "tindak lanjut."
        ),
    )
    people = [
        {
            "agency": programme.coordinator,
            "name": "Suharyanto",
            "position": _("Plh. Direktur SUPD IV, Ditjen Bina Pembangunan Daerah"),
            "role": ParticipantRole.ORGANISER,
            "attended": Attendance.YES,
        },
        {
            "agency": programme.coordinator,
            "position": _("PJOK Program Kerja Sama Pemerintah RI–UNICEF Periode 2021–2025"),
            "role": ParticipantRole.ORGANISER,
            "attended": Attendance.YES,
        },
    ]
    came = {"024", "047", "023", "055"}  # attendance recorded for some
    for agency in _agencies(PARTICIPANTS):
        attended = Attendance.YES if agency.code in came else Attendance.UNKNOWN
        people.append({"agency": agency, "attended": attended})
    for code in LOCUS_PROVINCES:
        attended = Attendance.YES if code in ("33", "53", "91") else Attendance.UNKNOWN
        people.append({"region": region(code), "attended": attended})
    if programme.partner_id:
        people.append({"agency": programme.partner, "role": ParticipantRole.PARTICIPANT, "attended": Attendance.YES})
    _participants(meeting, coordinator, people)

    plans = list(Plan.objects.filter(cycle=cycle).select_related("owner").order_by("owner__code", "pk"))
    kemenpppa_plan = next((p for p in plans if p.owner.code == "047"), None)
    letter = Recommendation.objects.filter(plan=kemenpppa_plan).order_by("pk").first() if kemenpppa_plan else None
    finding = Finding.objects.filter(plan=kemenpppa_plan).order_by("pk").first() if kemenpppa_plan else None
    flag = next(iter(_readable(coordinator, Flag.objects.order_by("pk")[:10])), None)
    services.agenda_add(
        meeting=meeting,
        by=coordinator,
        title=_("Konsolidasi AWP/RKT 2024 kementerian/lembaga dengan arah kebijakan nasional dan daerah"),
        plans=_readable(coordinator, plans),
        regions=[region(code) for code in LOCUS_PROVINCES],
    )
    services.agenda_add(
        meeting=meeting,
        by=coordinator,
        title=_("Penelaahan AWP KemenPPPA 2024 dan surat rekomendasi"),
        plans=_readable(coordinator, [kemenpppa_plan]),
        findings=_readable(coordinator, [finding]),
        letters=_readable(coordinator, [letter]),
    )
    services.agenda_add(
        meeting=meeting,
        by=coordinator,
        title=_("Masukan daerah lokus atas kegiatan pusat di wilayahnya"),
        regions=[region("33")],
        flags=[flag] if flag else [],
    )
    conclusions = [
        services.conclusion_add(meeting=meeting, by=coordinator, text=text, is_public=public)
        for text, public in (
            (
                "AWP/RKT 2024 kementerian/lembaga disepakati selaras dengan RKP 2024 dan RKPD provinsi lokus.",
                True,
            ),
            (
                "Pelaksanaan program di sembilan provinsi lokus pada 2024 diarahkan menghasilkan praktik baik "
                "yang terdokumentasi pada semua tahapan.",
                True,
            ),
            (
                "Kementerian/lembaga menindaklanjuti surat rekomendasi hasil penelaahan AWP sebelum Rakortekpus "
                "berikutnya.",
                False,
            ),
        )
    ]
    meeting = services.meeting_schedule(meeting=meeting, by=coordinator)
    meeting = services.meeting_hold(meeting=meeting, by=coordinator)

    def followup(text, due, conclusion, **links):
        return services.followup_create(
            meeting=meeting, by=coordinator, text=text, due_date=due, conclusion=conclusion, **links
        )

    kemenkes_plan = next((p for p in plans if p.owner.code == "024"), None)
    point = letter.points.order_by("position").first() if letter else None
    kemenkes = _agencies(["024"])
    verified = (
        followup(
            "Sampaikan AWP 2024 Kemenkes yang telah diselaraskan dengan RKPD provinsi lokus.",
            dt.date(2024, 5, 31),
            conclusions[0],
            owner_agency=kemenkes[0],
            plan=_first_readable(coordinator, kemenkes_plan),
        )
        if kemenkes
        else None
    )
    in_progress = followup(
        "Tindak lanjuti butir surat rekomendasi atas AWP KemenPPPA 2024 dan sampaikan revisinya.",
        dt.date(2025, 2, 28),
        conclusions[2],
        owner_agency=_agencies(["047"])[0],
        plan=_first_readable(coordinator, kemenpppa_plan),
        letter_point=_first_readable(coordinator, point),
    )
    done = followup(
        "Dokumentasikan praktik baik pelaksanaan program 2024 di Provinsi Jawa Tengah.",
        dt.date(2024, 12, 15),
        conclusions[1],
        owner_region=region("33"),
        region=region("33"),
    )
    followup(
        "Laporkan capaian semester I pelaksanaan program di Provinsi Nusa Tenggara Timur.",
        dt.date(2024, 9, 30),  # still open after its due date: overdue
        conclusions[1],
        owner_region=region("53"),
        region=region("53"),
    )
    followup(
        "Siapkan usulan lokasi desa lokus 2025 di Provinsi Papua bersama kabupaten.",
        dt.date(2025, 3, 31),  # open, not yet due on DEMO_TODAY
        conclusions[1],
        owner_region=region("91"),
        region=region("91"),
    )
    dropped = followup(
        "Susun rencana pelatihan guru PAUD di kabupaten lokus Aceh.",
        dt.date(2024, 8, 31),
        conclusions[0],
        owner_agency=_agencies(["023"])[0],
        region=region("11"),
    )
    services.meeting_close(meeting=meeting, by=coordinator)

    if verified is not None:
        services.followup_complete(
            followup=verified, by=users[KEMENKES], text="AWP 2024 yang diselaraskan telah disampaikan."
        )
        services.followup_verify(followup=verified, by=coordinator, text="Diterima dan sesuai rumusan hasil.")
    services.followup_start(followup=in_progress, by=users[KEMENPPPA], text="Revisi sedang disusun.")
    services.followup_update_add(
        followup=in_progress, by=users[KEMENPPPA], text="Tanggapan atas butir 1–3 surat rekomendasi telah disusun."
    )
    services.followup_start(followup=done, by=users[JATENG], text="Pengumpulan dokumentasi dari kabupaten.")
    services.followup_complete(
        followup=done,
        by=users[JATENG],
        text="Laporan praktik baik 2024 terlampir.",
        evidence=evidence_pdf(
            "Laporan Praktik Baik Program RI-UNICEF 2024 - Provinsi Jawa Tengah",
            [
                "Bappeda Provinsi Jawa Tengah",
                "Dokumentasi praktik baik pelaksanaan program kerja sama di kabupaten lokus (data demo).",
            ],
        ),
    )
    services.followup_drop(
        followup=dropped,
        by=coordinator,
        reason="Kegiatan dialihkan ke AWP 2025 sesuai kesepakatan dengan kementerian.",
    )
    return 1


def _first_readable(user, record):
    found = _readable(user, [record])
    return found[0] if found else None


# --- the Rakor on deconcentration and co-administration ----------------------------
def _rakor_dekon_2024(users: dict) -> int:
    programme = Programme.objects.filter(code=DEKON_CODE).first()
    if programme is None or Meeting.objects.filter(title=RAKOR_DEKON_2024).exists():
        return 0
    coordinator = users[DTPKS]
    meeting = services.meeting_create(
        by=coordinator,
        kind=MeetingKind.RAKOR,
        title=RAKOR_DEKON_2024,
        organiser=programme.coordinator,
        programme=programme,
        cycle=Cycle.objects.filter(programme=programme, year=2024).first(),
        starts_at=_at(2024, 2, 6),
        ends_at=_at(2024, 2, 6, 17),
        venue="Hotel Asmira, Bandung",
        minutes=(
            "Rapat koordinasi untuk memberikan rekomendasi pelaksanaan kebijakan program/kegiatan dekonsentrasi "
            "dan tugas pembantuan kepada kementerian/lembaga, sesuai Peraturan Pemerintah Nomor 19 Tahun 2022 "
            "tentang Dekonsentrasi dan Tugas Pembantuan."
        ),
    )
    people = [{"agency": programme.coordinator, "role": ParticipantRole.ORGANISER, "attended": Attendance.YES}]
    people += [{"agency": a, "attended": Attendance.YES} for a in _agencies(["010"])]
    people += [{"agency": a, "attended": Attendance.YES} for a in programme.participants.order_by("code")]
    for code, attended in (("32", Attendance.YES), ("33", Attendance.YES), ("33.02", Attendance.NO)):
        people.append({"region": region(code), "position": _("Bappeda"), "attended": attended})
    people += [
        {"agency": a, "role": ParticipantRole.SPEAKER, "attended": Attendance.YES}
        for a in _agencies(["055", "040", "015"])
    ]
    _participants(meeting, coordinator, people)
    services.agenda_add(
        meeting=meeting,
        by=coordinator,
        title=_("Pembagian tugas dekonsentrasi dan tugas pembantuan menurut PP 19/2022"),
        plans=_readable(coordinator, Plan.objects.filter(cycle__programme=programme).order_by("pk")),
        regions=[region("32"), region("33")],
    )
    recommendations = [
        services.conclusion_add(meeting=meeting, by=coordinator, text=text, is_public=True)
        for text in (
            "Kementerian/lembaga menyusun rencana dekonsentrasi dan tugas pembantuan tanpa pemisahan kegiatan "
            "fisik dan nonfisik, sesuai PP 19/2022.",
            "Pendelegasian kewenangan dan penugasan dilakukan sesuai pembagian urusan untuk menghindari duplikasi "
            "dengan urusan yang telah didesentralisasikan.",
            "Bappeda provinsi mengoordinasikan usulan kabupaten/kota penerima tugas pembantuan.",
        )
    ]
    meeting = services.meeting_schedule(meeting=meeting, by=coordinator)
    meeting = services.meeting_hold(meeting=meeting, by=coordinator)
    kemenkes = _agencies(["024"])
    first = (
        services.followup_create(
            meeting=meeting,
            by=coordinator,
            text="Sampaikan rencana kegiatan dekonsentrasi 2025 tanpa pemisahan fisik dan nonfisik.",
            owner_agency=kemenkes[0],
            due_date=dt.date(2024, 4, 30),
            conclusion=recommendations[0],
        )
        if kemenkes
        else None
    )
    services.followup_create(
        meeting=meeting,
        by=coordinator,
        text="Himpun usulan kabupaten/kota penerima tugas pembantuan di Provinsi Jawa Tengah.",
        owner_region=region("33"),
        due_date=dt.date(2024, 6, 30),  # still open: overdue
        conclusion=recommendations[2],
        region=region("33"),
    )
    services.meeting_close(meeting=meeting, by=coordinator)
    if first is not None:
        services.followup_complete(followup=first, by=users[KEMENKES], text="Rencana 2025 telah disampaikan.")
        services.followup_verify(followup=first, by=coordinator)
    return 1


# --- the 2025 Rakortekpus -------------------------------------------------------
def _rakortekpus_2025(users: dict) -> int:
    programme = Programme.objects.filter(code=UNICEF_CODE).first()
    if programme is None or Meeting.objects.filter(title=RAKORTEKPUS_2025).exists():
        return 0
    coordinator = users[SUPD4]
    # Creating it carries the follow-ups still owed from 2024 onto its agenda.
    meeting = services.meeting_create(
        by=coordinator,
        kind=MeetingKind.RAKORTEKPUS,
        title=RAKORTEKPUS_2025,
        organiser=programme.coordinator,
        programme=programme,
        starts_at=_at(2025, 3, 11),
        ends_at=_at(2025, 3, 13, 16),
        venue="Jakarta",
    )
    people = [{"agency": programme.coordinator, "role": ParticipantRole.ORGANISER}]
    people += [{"agency": a} for a in _agencies(PARTICIPANTS)]
    people += [{"region": region(code)} for code in LOCUS_PROVINCES]
    _participants(meeting, coordinator, people)
    services.agenda_add(
        meeting=meeting,
        by=coordinator,
        title=_("Konsolidasi AWP/RKT 2025, tahun terakhir periode program 2021–2025"),
        regions=[region(code) for code in LOCUS_PROVINCES],
    )
    services.meeting_schedule(meeting=meeting, by=coordinator)
    return 1


@demo_step(order=400, name="meetings.meetings")
def load_meetings_demo(ctx: DemoContext) -> int:
    """The 2024 Rakortekpus and the Bandung Rakor with their follow-ups, and
    the 2025 Rakortekpus carrying what is still owed. Returns the number of
    meetings made."""
    users = _users()
    created = 0
    for build in (_rakortekpus_2024, _rakor_dekon_2024, _rakortekpus_2025):
        with transaction.atomic():
            created += build(users)
    if created:
        owed = FollowUp.objects.filter(meeting__title=RAKORTEKPUS_2024, status__in=("open", "in_progress")).count()
        ctx.log(_("Tindak lanjut Rakortekpus 2024 yang masih terbuka: %(count)d") % {"count": owed})
    return created
