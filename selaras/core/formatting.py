"""Numbers, money and dates the way Indonesian officials write them.

One implementation for every output: the template filters in
`selaras_format` are thin wrappers around these functions, and exports and
letters call them directly (pass `lang` when rendering outside a request).

Choices:

- Rupiah in Indonesian is "Rp1.500.000" (PUEBI: no space, dot thousands, no
  sen unless asked), via lokal-id. In English it is "IDR 1,500,000": the ISO
  code reads better to foreign readers of English reports, and the grouping
  follows the English page so figures are not misread as decimals. Both come
  from the same rounding (lokal-id's), so the two languages never disagree on
  an amount.
- *Terbilang* (an amount spelled out in words) is always Indonesian: it is
  the legal wording on receipts and letters, not a translation.
- Dates use the `DATE_FORMAT` of `selaras/formats/<lang>/formats.py`:
  "17 Agustus 2024" and "17 August 2024".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

import lokal
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_date, parse_datetime

Number = int | float | Decimal


def _language(lang: str | None) -> str:
    code = lang or translation.get_language() or "id"
    return code.split("-")[0].lower()


def to_decimal(value: object) -> Decimal:
    """`value` as an exact Decimal; numeric strings are accepted (forms,
    spreadsheets), anything else is a `ValueError` naming the value."""
    if isinstance(value, bool):
        raise ValueError(f"Not a number: {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"Not a number: {value!r}") from None
        if not result.is_finite():
            raise ValueError(f"Not a number: {value!r}")
        return result
    raise ValueError(f"Not a number: {value!r}")


def format_number(value: object, decimals: int | None = None, *, lang: str | None = None) -> str:
    """A number with the language's separators, always grouped:
    1.234.567,5 (id) or 1,234,567.5 (en). `decimals` fixes the decimal places."""
    number = to_decimal(value)
    with translation.override(_language(lang)):
        return formats.number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_rupiah(value: object, *, lang: str | None = None, decimals: bool = False) -> str:
    """An amount in Rupiah: "Rp1.500.000" (id) or "IDR 1,500,000" (en)."""
    indonesian = lokal.format_rupiah(to_decimal(value), decimals=decimals)
    if _language(lang) == "id":
        return indonesian
    sign = "-" if indonesian.startswith("-") else ""
    digits = indonesian.removeprefix("-").removeprefix("Rp")
    swapped = digits.translate(str.maketrans({".": ",", ",": "."}))
    return f"{sign}IDR {swapped}"


def format_date(value: dt.date | dt.datetime | str, *, lang: str | None = None, fmt: str = "DATE_FORMAT") -> str:
    """A date as "17 Agustus 2024" (id) or "17 August 2024" (en).

    Aware datetimes are shown in the site's time zone (Asia/Jakarta) before
    their date is taken, so an evening UTC timestamp lands on the right day.
    ISO strings ("2024-08-17") are accepted for data read from files."""
    if isinstance(value, str):
        parsed = parse_datetime(value) or parse_date(value)
        if parsed is None:
            raise ValueError(f"Not a date: {value!r}")
        value = parsed
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if fmt == "DATE_FORMAT":
            value = value.date()
    elif not isinstance(value, dt.date):
        raise ValueError(f"Not a date: {value!r}")
    with translation.override(_language(lang)):
        return formats.date_format(value, fmt, use_l10n=True)


def terbilang(value: object, *, currency: bool = False, case: str = "lower") -> str:
    """An amount spelled out in Indonesian: "satu juta lima ratus ribu rupiah"."""
    number = to_decimal(value)
    if number == number.to_integral_value():
        number = int(number)
    return lokal.terbilang(number, currency=currency, case=case)
