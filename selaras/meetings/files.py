"""The guarded path for a meeting document or a follow-up's evidence: a
size limit, the type read from the content (never from the name), only
types a meeting needs, Office files' zip directories checked for bombs, and
a stored name of our own under `VAR_DIR/meeting-docs`."""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import File
from django.utils.translation import gettext as _

from selaras.core.uploads import DOCX_TYPE, MB, XLSX_TYPE, UploadRefused, ZipLimits, check_zip, sniff_type

PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DEFAULT_MAX_BYTES = 20 * MB
# What a meeting's files may be, and the extensions a name may carry for
# each. Anything else (executables, archives, legacy Office files that may
# carry macros, unknown binaries) is refused.
ALLOWED: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    DOCX_TYPE: (".docx",),
    XLSX_TYPE: (".xlsx",),
    PPTX_TYPE: (".pptx",),
    "text/plain": (".txt", ".csv"),
}
_ZIP_TYPES = {DOCX_TYPE, XLSX_TYPE, PPTX_TYPE, "application/zip"}
_OFFICE_LIMITS = ZipLimits(max_entries=2000, max_total_bytes=200 * MB, max_entry_bytes=100 * MB)


@dataclass(frozen=True)
class AcceptedFile:
    file: File
    original_name: str
    size: int
    content_type: str
    stored_name: str


def max_bytes() -> int:
    return int(getattr(settings, "MEETING_FILE_MAX_BYTES", DEFAULT_MAX_BYTES))


def _clean_name(name: str) -> str:
    # Only the last part of whatever path the browser sent, without control
    # characters; it is shown and offered as the download name, never a path.
    base = PurePath(str(name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:255] or "berkas"


def _zip_names(upload) -> list[str]:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            check_zip(archive, _OFFICE_LIMITS)
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError):
        raise UploadRefused(_("Berkas rusak atau bukan dokumen yang dapat dibaca.")) from None
    finally:
        upload.seek(0)


def accept_upload(upload) -> AcceptedFile:
    """Judge an uploaded file (a Django `UploadedFile`) or refuse it with an
    `UploadRefused` saying why, in the user's language."""
    limit = max_bytes()
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    if size > limit:
        raise UploadRefused(
            _("Berkas berukuran %(size)s MB; paling besar %(max)s MB.")
            % {"size": f"{size / MB:.1f}".replace(".", ","), "max": f"{limit / MB:.0f}"}
        )
    if size == 0:
        raise UploadRefused(_("Berkas kosong."))
    name = _clean_name(getattr(upload, "name", ""))
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = sniff_type(head)
    if kind in _ZIP_TYPES:
        kind = sniff_type(head, _zip_names(upload))
    extensions = ALLOWED.get(kind)
    if extensions is None:
        raise UploadRefused(
            _(
                "Jenis berkas ini tidak diterima. Unggah PDF, gambar PNG/JPEG, dokumen Word, Excel, PowerPoint atau teks."
            )
        )
    suffix = PurePath(name).suffix.lower()
    if suffix not in extensions:
        raise UploadRefused(
            _("Nama berkas “%(name)s” tidak sesuai dengan isinya; simpan dengan akhiran %(suffix)s lalu unggah lagi.")
            % {"name": name, "suffix": extensions[0]}
        )
    return AcceptedFile(
        file=File(upload),
        original_name=name,
        size=size,
        content_type=kind,
        stored_name=f"{uuid.uuid4().hex}{extensions[0]}",
    )
