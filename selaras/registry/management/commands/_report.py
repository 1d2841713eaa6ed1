"""How the reference-loading commands print what they did."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from selaras.registry.loaders import SyncResult
from selaras.registry.loaders.boundaries import BoundaryReport

LIST_LIMIT = 30


def n(value: int) -> str:
    return number_format(value, force_grouping=True)


def counts(result: SyncResult) -> str:
    text = _("%(created)s baru, %(updated)s diubah, %(unchanged)s tetap") % {
        "created": n(result.created),
        "updated": n(result.updated),
        "unchanged": n(result.unchanged),
    }
    if result.relinked:
        text += _(", tautan %(count)s diperbarui") % {"count": n(result.relinked)}
    if result.retired:
        text += _(", %(count)s tidak berlaku lagi") % {"count": n(len(result.retired))}
    return text


def total(result: SyncResult) -> int:
    return result.created + result.updated + result.unchanged


def codes(values: list[str]) -> str:
    shown = " ".join(values[:LIST_LIMIT])
    if len(values) > LIST_LIMIT:
        shown += " " + _("… dan %(count)s lagi") % {"count": n(len(values) - LIST_LIMIT)}
    return shown


def boundary_lines(report: BoundaryReport) -> list[str]:
    lines = [
        _("Batas wilayah: %(features)s fitur dari %(files)s berkas — %(counts)s")
        % {"features": n(report.features), "files": n(len(report.files)), "counts": counts(report.result)}
    ]
    if report.unmatched:
        lines.append(
            _("  Kode tanpa padanan wilayah (%(count)s): %(codes)s")
            % {"count": n(len(report.unmatched)), "codes": codes(report.unmatched)}
        )
    if report.without_code:
        lines.append(_("  Fitur tanpa kode: %(count)s") % {"count": n(report.without_code)})
    if report.missing:
        lines.append(
            _("  Wilayah tanpa batas (%(count)s): %(codes)s")
            % {"count": n(len(report.missing)), "codes": codes(report.missing)}
        )
    else:
        lines.append(_("  Semua wilayah pada tingkat yang dimuat memiliki batas."))
    return lines
