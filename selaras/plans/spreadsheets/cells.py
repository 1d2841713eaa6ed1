"""Turning one cell's value (as python-calamine or the csv module gives it)
into the value Selaras stores, or a reason it cannot be."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from selaras.plans.spreadsheets.layout import MAX_AMOUNT, NO_WORDS, YES_WORDS

_CENT = Decimal("0.01")
# Indonesian thousands with dots and a decimal comma: 1.250.000,50
_ID_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+,\d+$")
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_RP = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)


class CellError(ValueError):
    """The cell's value is not acceptable; the message says why."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: object) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


def as_code(value: object) -> str:
    """A code cell. Codes are text ("33.02", "024"), but a cell typed as a
    number arrives as a float: 33.02 stays readable, 24.0 becomes "24"."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        raise CellError(_("Kode harus berupa teks."))
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def as_decimal(value: object, *, allow_negative: bool = False) -> Decimal | None:
    """A number cell: blank gives None; text that is not a number is an
    error (Indonesian "1.250.000,50" and plain "1250000.50" are numbers)."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("Harus berupa angka, bukan Ya/Tidak."))
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    elif isinstance(value, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        raise CellError(_("Harus berupa angka, bukan tanggal."))
    else:
        text = _RP.sub("", str(value).strip()).replace(" ", "").replace("\u00a0", "")
        try:
            if _ID_NUMBER.match(text):
                number = Decimal(text.replace(".", "").replace(",", "."))
            elif _PLAIN_NUMBER.match(text):
                number = Decimal(text)
            else:
                raise InvalidOperation
        except InvalidOperation:
            raise CellError(_("“%(value)s” bukan angka.") % {"value": str(value).strip()[:60]}) from None
    if not number.is_finite():
        raise CellError(_("Harus berupa angka."))
    if number < 0 and not allow_negative:
        raise CellError(_("Tidak boleh negatif (%(value)s).") % {"value": format(number.normalize(), "f")})
    if abs(number) >= MAX_AMOUNT:
        raise CellError(_("Angka terlalu besar."))
    return number.quantize(_CENT)


def as_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    word = as_text(value).casefold()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise CellError(_("Isi dengan “Ya” atau “Tidak”, bukan “%(value)s”.") % {"value": word[:30]})
