"""The errors of one spreadsheet import, each naming the sheet, the row and
the column (letter and header) it concerns, in the user's language.

An import collects every problem of the file before deciding: the person
fixes the workbook once instead of discovering errors one upload at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Past this many errors the rest are only counted: a 1,000,000-row file with a
# wrong column would otherwise build a million messages.
MAX_REPORTED = 1000


def column_letter(index: int) -> str:
    """Excel letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class ImportIssue:
    """One problem: where (sheet, 1-based row, column letter and header) and
    what, already translated."""

    sheet: str
    row: int | None
    column: str
    header: str
    message: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def as_dict(self) -> dict:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "message": self.message,
            "where": self.where,
        }


def describe_place(sheet: str, row: int | None, column: str, header: str) -> str:
    """ "Lembar Kegiatan, baris 5, kolom F (Anggaran (Rp))", in the active
    language."""
    if row is None and not column:
        return _("Lembar %(sheet)s") % {"sheet": sheet} if sheet else _("Berkas")
    if row is None:
        return _("Lembar %(sheet)s, kolom %(column)s (%(header)s)") % {
            "sheet": sheet,
            "column": column,
            "header": header,
        }
    if not column:
        return _("Lembar %(sheet)s, baris %(row)s") % {"sheet": sheet, "row": row}
    return _("Lembar %(sheet)s, baris %(row)s, kolom %(column)s (%(header)s)") % {
        "sheet": sheet,
        "row": row,
        "column": column,
        "header": header,
    }


class ImportErrorList:
    """Every error of one file, in the order found."""

    def __init__(self, limit: int = MAX_REPORTED) -> None:
        self.issues: list[ImportIssue] = []
        self.count = 0
        self.limit = limit

    def add(self, message: str, *, sheet: str = "", row: int | None = None, column: str = "", header: str = "") -> None:
        self.count += 1
        if len(self.issues) < self.limit:
            where = describe_place(sheet, row, column, header)
            self.issues.append(ImportIssue(sheet, row, column, header, str(message), where))

    def file(self, message: str) -> None:
        """A problem of the whole file (empty, not Excel, too large)."""
        self.add(message)

    def __bool__(self) -> bool:
        return self.count > 0

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[ImportIssue]:
        return iter(self.issues)

    def messages(self) -> list[str]:
        lines = [str(issue) for issue in self.issues]
        if self.count > len(self.issues):
            lines.append(
                _("… dan %(count)s kesalahan lain tidak ditampilkan.") % {"count": self.count - len(self.issues)}
            )
        return lines

    def raise_if_any(self) -> None:
        if self:
            raise SpreadsheetImportError(self)


class SpreadsheetImportError(ValidationError):
    """Raised when a file has any error: nothing of it was saved. `errors`
    holds every problem with its place."""

    def __init__(self, errors: ImportErrorList) -> None:
        self.errors = errors
        super().__init__(errors.messages(), code="spreadsheet")

    @property
    def summary(self) -> str:
        return _("Berkas memuat %(count)s kesalahan; tidak ada data yang disimpan.") % {"count": self.errors.count}
