from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "selaras.audit"
    label = "audit"
    verbose_name = _("Jejak audit")

    def ready(self) -> None:
        from selaras.audit import (
            policies,  # noqa: F401  (registers access policies)
            recorder,
        )

        recorder.connect_signals()
