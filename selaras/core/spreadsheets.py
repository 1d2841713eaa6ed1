"""People's text written into a spreadsheet export as text, never as a
formula.

A title such as `=HYPERLINK("http://…","klik")` or `+cmd|…` typed in a form
would otherwise become a live formula in the workbook a coordinator or a
region opens (OWASP "CSV injection"). Every xlsx and CSV exporter writes
its text cells through `write_text` / `append_row` / `csv_text`, which also
drop the control characters XML refuses (defence in depth: the services
already clean text on the way in, see `selaras.core.text`).
"""

from __future__ import annotations

from collections.abc import Iterable

from selaras.core.text import clean_text

# What a spreadsheet program may read as the start of a formula: the four
# signs, or a tab or carriage return before one (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def safe_text(value: str) -> str:
    """`value` without the characters an xlsx file may not hold."""
    return clean_text(value, multiline=True)


def write_text(cell, value: object):
    """Put `value` in an openpyxl cell; text always as a string cell (never
    type "f"), with Excel's quote prefix when it looks like a formula, so
    editing the cell in Excel keeps it text too. Other values as they are."""
    if not isinstance(value, str):
        cell.value = value
        return cell
    text = safe_text(value)
    cell.value = text
    cell.data_type = "s"
    if looks_like_formula(value) or looks_like_formula(text):
        cell.quotePrefix = True
    return cell


def append_row(ws, values: Iterable[object]) -> None:
    """`ws.append(values)` with every text cell written by `write_text`."""
    values = list(values)
    ws.append([None if isinstance(v, str) else v for v in values])
    row = ws.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            write_text(ws.cell(row=row, column=column), value)


def csv_text(value: object) -> object:
    """A CSV field: text that looks like a formula gets a leading apostrophe
    (OWASP), which spreadsheet programs show as text."""
    if not isinstance(value, str):
        return value
    text = safe_text(value)
    return f"'{text}" if looks_like_formula(value) or looks_like_formula(text) else text


__all__ = ["append_row", "csv_text", "looks_like_formula", "safe_text", "write_text"]
