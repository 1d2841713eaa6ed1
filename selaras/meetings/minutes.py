"""The minutes (notulen) of a meeting in Word, from a replaceable template
with placeholders (docs/minutes-template.md), like the letters: the
shipped `templates_docx/notulen.docx` (written by `selaras
minutes-template`) or the administrator's (setting MINUTES_TEMPLATE).

Simple placeholders are replaced inside their paragraph (across Word's
runs, keeping the formatting); a paragraph holding only a block
placeholder becomes the list or table it names."""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from selaras.meetings.models import Meeting
from selaras.sync.letters.docx import PLACEHOLDER, expand_block, replace_in_paragraph

DEFAULT_TEMPLATE = Path(__file__).parent / "templates_docx" / "notulen.docx"
TABLES = ("kehadiran", "tindak_lanjut")
BLOCKS = ("rumusan", "agenda", "notula")


def template_path() -> Path:
    configured = getattr(settings, "MINUTES_TEMPLATE", "")
    return Path(configured) if configured else DEFAULT_TEMPLATE


def build_template() -> Document:
    """The official layout shipped with Selaras, every placeholder used once."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)

    def line(text: str, *, bold=False, size=None, center=False):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph

    line("{{penyelenggara}}", bold=True, center=True)
    line("NOTULA RAPAT", bold=True, size=14, center=True)
    line("{{judul}}", bold=True, center=True)
    line("")
    line("Hari/tanggal\t: {{tanggal}}")
    line("Tempat\t\t: {{tempat}}")
    line("Program\t\t: {{program}}")
    line("")
    line("I. AGENDA", bold=True)
    line("{{agenda}}")
    line("II. DAFTAR HADIR", bold=True)
    line("{{kehadiran}}")
    line("III. JALANNYA RAPAT", bold=True)
    line("{{notula}}")
    line("IV. RUMUSAN HASIL", bold=True)
    line("{{rumusan}}")
    line("V. RENCANA TINDAK LANJUT", bold=True)
    line("{{tindak_lanjut}}")
    line("")
    line("{{tempat_tanggal_ttd}}")
    line("Notulis,")
    return document


def write_template(path: Path = DEFAULT_TEMPLATE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    build_template().save(str(path))
    return path


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "l, j F Y") if value else ""


def minutes_values(meeting: Meeting) -> dict[str, str]:
    return {
        "judul": meeting.title,
        "penyelenggara": str(meeting.organiser).upper(),
        "jenis": meeting.get_kind_display(),
        "program": str(meeting.programme or "-"),
        "tanggal": _date(meeting.starts_at),
        "tempat": meeting.venue or meeting.online_url or "-",
        "status": meeting.get_status_display(),
        "tempat_tanggal_ttd": ", ".join(
            p for p in (meeting.venue.split(",")[-1].strip(), _date(meeting.ends_at or meeting.starts_at)) if p
        ),
    }


def _block_lines(name: str, meeting: Meeting) -> list[str]:
    if name == "rumusan":
        return [f"{c.number}. {c.text}" for c in meeting.conclusions.order_by("number")]
    if name == "agenda":
        return [f"{a.number}. {a.title}" for a in meeting.agenda.order_by("number")]
    return [line for line in meeting.minutes.splitlines() if line.strip()] or ["-"]


def _table(document, paragraph: Paragraph, name: str, meeting: Meeting) -> None:
    if name == "kehadiran":
        headers = [_("No."), _("Instansi / wilayah"), _("Nama"), _("Jabatan"), _("Kehadiran")]
        rows = [
            [str(i), str(p.agency or p.region or ""), p.name, p.position, p.get_attended_display()]
            for i, p in enumerate(meeting.participants.select_related("agency", "region").order_by("pk"), start=1)
        ]
    else:
        headers = [_("No."), _("Tindak lanjut"), _("Penanggung jawab"), _("Tenggat"), _("Status")]
        rows = [
            [
                str(i),
                f.text,
                str(f.owner),
                formats.date_format(f.due_date, "j F Y") if f.due_date else "-",
                f.get_status_display(),
            ]
            for i, f in enumerate(
                meeting.followups.select_related("owner_agency", "owner_region").order_by("pk"), start=1
            )
        ]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    paragraph._p.addprevious(table._tbl)
    paragraph._p.getparent().remove(paragraph._p)


def render_minutes(meeting: Meeting, template: Path | None = None) -> bytes:
    """The filled minutes as .docx bytes."""
    path = template or template_path()
    document = Document(str(path)) if path.exists() else build_template()
    values = minutes_values(meeting)
    for paragraph in list(document.paragraphs):
        alone = PLACEHOLDER.fullmatch(paragraph.text.strip())
        name = alone.group(1) if alone else ""
        if name in TABLES:
            _table(document, paragraph, name, meeting)
        elif name in BLOCKS:
            expand_block(paragraph, _block_lines(name, meeting))
        else:
            replace_in_paragraph(paragraph, values)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    replace_in_paragraph(paragraph, values)
    for section in document.sections:
        for paragraph in section.header.paragraphs + section.footer.paragraphs:
            replace_in_paragraph(paragraph, values)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def minutes_filename(meeting: Meeting) -> str:
    return f"notulen-rapat-{meeting.pk}.docx"
