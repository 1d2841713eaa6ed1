from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    name = "selaras.sync"
    label = "sync"
    verbose_name = _("Sinkronisasi")

    def ready(self) -> None:
        from selaras.sync import policies  # noqa: F401  (registers access policies)
