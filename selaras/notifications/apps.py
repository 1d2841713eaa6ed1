from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "selaras.notifications"
    label = "notifications"
    verbose_name = _("Notifikasi")

    def ready(self) -> None:
        from selaras.notifications import (
            policies,  # noqa: F401  (registers access policies)
            subscribers,  # noqa: F401  (subscribes to domain events)
        )
