"""The evidence of a finding as an official reads it: labelled lines in the
reader's language, never a rule's internal keys or codes.

A rule stores its evidence as data (for the API, the letters and the rule's
own message); the finding's card shows the parts that add to its message,
each under a label from here. Anything else stays in the data: the message
already says it in words."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def _names(rows, *keys) -> list[str]:
    """One line per row of a list of records: the given keys that are there, joined."""
    lines = []
    for row in rows if isinstance(rows, list) else ():
        if isinstance(row, dict):
            parts = [str(row[k]) for k in keys if row.get(k) not in (None, "")]
            if parts:
                lines.append(" — ".join(parts))
        elif row not in (None, ""):
            lines.append(str(row))
    return lines


def _words(value) -> list[str]:
    return [", ".join(str(w) for w in value)] if isinstance(value, list) and value else []


def _text(value) -> list[str]:
    return [str(value)] if isinstance(value, str) and value else []


# key → (label, how its value reads), in the order shown
ROWS = (
    ("item_text", _("Butir matriks kewenangan"), _text),
    ("words", _("Kata yang menentukan"), _words),
    ("runner_up", _("Butir terdekat berikutnya"), _text),
    ("matches", _("Sub kegiatan daerah yang mirip"), lambda v: _names(v, "name", "code")),
    ("activities", _("Kegiatan yang mirip"), lambda v: _names(v, "title", "owner")),
    ("holder_rows", _("Butir matriks pemegang kewenangan"), lambda v: _names(v, "text")),
    ("assigner_rows", _("Butir matriks pemberi tugas"), lambda v: _names(v, "text")),
    ("incomplete", _("Indikator belum lengkap"), lambda v: _names(v, "indicator")),
    ("comment", _("Catatan daerah"), _text),
)


def evidence_rows(evidence: dict) -> list[tuple[str, list[str]]]:
    """(label, lines) for each part of `evidence` an official reads."""
    if not isinstance(evidence, dict):
        return []
    rows = []
    for key, label, lines_of in ROWS:
        lines = lines_of(evidence.get(key))
        if lines:
            rows.append((str(label), lines))
    return rows
