"""Form plumbing every app shares: showing a service's refusal on the form
that asked for it, and the Rupiah field officials type with separators."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def error_messages(error: ValidationError) -> list[str]:
    """Every message of a service's refusal, field names dropped."""
    if hasattr(error, "error_dict"):
        return [m for msgs in error.message_dict.values() for m in msgs]
    return list(error.messages)


def errors_to_form(
    error: ValidationError, form: forms.BaseForm, *, elsewhere: dict[str, Callable[[list[str]], None]] | None = None
) -> list[str]:
    """A service's refusal shown on its form: field errors next to their
    fields, names in `elsewhere` handed to their callback (a formset, say),
    the rest returned for the top of the form."""
    top: list[str] = []
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    for name, errors in error.message_dict.items():
        if name in form.fields:
            form.add_error(name, errors)
        elif elsewhere and name in elsewhere:
            elsewhere[name](errors)
        else:
            top += errors
    return top


_RUPIAH_JUNK = re.compile(r"^(rp|idr)\s*", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$")


def parse_rupiah(text: str) -> Decimal:
    """ "1.250.000.000" / "Rp 1.250.000,50" / "1250000" → Decimal; '.' groups
    thousands and ',' marks sen, as officials write Rupiah. Raises ValueError."""
    cleaned = _RUPIAH_JUNK.sub("", text.strip()).replace(" ", "").replace("\u00a0", "")
    if not _GROUPED.match(cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned.replace(".", "").replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(text) from error


class RupiahInput(forms.TextInput):
    """A text box showing the amount as 1.250.000.000; rupiah.js keeps the
    separators while typing (the server parses either way)."""

    def __init__(self, attrs: dict | None = None):
        super().__init__({"inputmode": "decimal", "data-rupiah": "", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, str):
            return value
        amount = Decimal(value)
        whole = f"{int(amount):,}".replace(",", ".")
        sen = abs(amount) % 1
        return f"{whole},{int(sen * 100):02d}" if sen else whole


class RupiahField(forms.DecimalField):
    """A Rupiah amount typed with thousand separators: "1.250.000.000"."""

    widget = RupiahInput
    default_error_messages = {"invalid": _("Tulis jumlah rupiah dengan angka, misalnya 1.250.000.000.")}

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        try:
            return parse_rupiah(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def widget_attrs(self, widget):
        # DecimalField would add step/min for a number input; this is text.
        return {}
