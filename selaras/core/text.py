"""What people type, made safe to keep: one cleaning rule for every text
field, and one reading of ids.

Control characters (vertical tab, escape, NUL …) are invisible on screen but
are not allowed in the XML inside xlsx and docx files, so a single one in a
title breaks every export and letter that later carries it. They are removed
where text enters: in `full_clean` (every service), and in the bulk paths of
the spreadsheet imports, which skip `full_clean`.
"""

from __future__ import annotations

import re

from django.db import models

# C0 controls except tab and line feed, DEL, C1 controls, lone surrogates
# (possible from JSON "\ud800") and the two non-characters XML refuses.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n?")
_SINGLE_LINE_BREAKS = re.compile("[\t\n]")

# The largest id a database row can have (a signed 64-bit integer); a bigger
# number reaches the database driver as an overflow, not as "no such row".
MAX_ID = 2**63 - 1


def clean_text(value, *, multiline: bool = False):
    """`value` without control characters. Multi-line text keeps its tabs
    and line breaks (a carriage return becomes a line break); single-line
    text has them turned into spaces. Anything not a string is returned as
    it is."""
    if not isinstance(value, str):
        return value
    if "\r" in value:
        value = _LINE_BREAKS.sub("\n", value)
    value = _UNWANTED.sub("", value)
    if not multiline:
        value = _SINGLE_LINE_BREAKS.sub(" ", value)
    return value


def is_multiline(field: models.Field) -> bool:
    return isinstance(field, models.TextField)


def text_fields(model: type[models.Model]) -> list[models.Field]:
    """The model's concrete fields that hold text a person typed."""
    return [
        f for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField)) and not f.choices
    ]


def clean_text_fields(instance: models.Model) -> None:
    """Clean every text field of `instance` in place."""
    for field in text_fields(type(instance)):
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            setattr(instance, field.attname, clean_text(value, multiline=is_multiline(field)))


def parse_id(raw: str) -> int:
    """A positive whole number that fits a database id, written with the
    digits 0-9 only; ValueError for anything else (signs, decimals,
    exponents, other scripts' digits, numbers too large)."""
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()):
        raise ValueError(raw)
    value = int(raw)
    if not 1 <= value <= MAX_ID:
        raise ValueError(raw)
    return value
