"""Validators for official identifiers, shared by every app that takes them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The youngest age at which a civil servant is appointed (UU 20/2023 on the
# ASN: applicants are at least 18); one year less to tolerate rounding.
_MIN_AGE_AT_APPOINTMENT = 17


def _date(year: str, month: str, day: str = "01") -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def validate_nip(value: str, *, today: dt.date | None = None) -> None:
    """A NIP (Nomor Induk Pegawai) is 18 digits: birth date YYYYMMDD,
    appointment year and month YYYYMM, sex (1 man, 2 woman), serial number.
    Spaces between the groups, as it is often printed, are allowed."""
    nip = (value or "").replace(" ", "")
    if not nip.isdigit() or len(nip) != 18:
        raise ValidationError(
            _("NIP terdiri atas 18 angka (contoh: 19740612 199603 1 002); yang diisi “%(value)s”."),
            code="nip_length",
            params={"value": value},
        )
    today = today or dt.date.today()
    born = _date(nip[0:4], nip[4:6], nip[6:8])
    if born is None or born.year < 1900 or born > today:
        raise ValidationError(
            _("Delapan angka pertama NIP adalah tanggal lahir (TTTTBBHH); “%(part)s” bukan tanggal yang sah."),
            code="nip_birth",
            params={"part": nip[0:8]},
        )
    appointed = _date(nip[8:12], nip[12:14])
    if appointed is None or appointed > today:
        raise ValidationError(
            _("Angka ke-9 sampai ke-14 NIP adalah tahun dan bulan pengangkatan (TTTTBB); “%(part)s” tidak sah."),
            code="nip_appointment",
            params={"part": nip[8:14]},
        )
    if appointed.year - born.year < _MIN_AGE_AT_APPOINTMENT:
        raise ValidationError(
            _("Menurut NIP ini pegawai diangkat pada usia %(age)s tahun; periksa tanggal lahir dan pengangkatannya."),
            code="nip_age",
            params={"age": appointed.year - born.year},
        )
    if nip[14] not in "12":
        raise ValidationError(
            _("Angka ke-15 NIP adalah jenis kelamin: 1 (laki-laki) atau 2 (perempuan), bukan %(digit)s."),
            code="nip_sex",
            params={"digit": nip[14]},
        )
    if nip[15:] == "000":
        raise ValidationError(_("Tiga angka terakhir NIP (nomor urut) tidak boleh 000."), code="nip_serial")


def nip_field_clean(instance, field: str) -> None:
    """Check `instance.<field>` as a NIP when it is filled, the error under
    the field's name: for a model whose field does not declare the validator."""
    value = getattr(instance, field)
    if value:
        try:
            validate_nip(value)
        except ValidationError as error:
            raise ValidationError({field: error.messages}) from None
