"""Reference records for the demo steps of later apps: a step that needs an
agency or a region that `selaras load-reference` has not loaded fails with a
message saying so. The registry registers no demo step of its own."""

from __future__ import annotations

from django.utils.translation import gettext as _

from selaras.core.demo import DemoDataMissing
from selaras.registry.models import Agency, Region


def agency(code: str):
    try:
        return Agency.objects.get(code=code)
    except Agency.DoesNotExist:
        raise DemoDataMissing(
            _("Instansi dengan kode %(code)s belum ada. Jalankan `selaras load-reference` terlebih dahulu.")
            % {"code": code}
        ) from None


def region(code: str):
    try:
        return Region.objects.get(code=code)
    except Region.DoesNotExist:
        raise DemoDataMissing(
            _("Wilayah dengan kode %(code)s belum ada. Jalankan `selaras load-reference` terlebih dahulu.")
            % {"code": code}
        ) from None
