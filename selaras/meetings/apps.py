from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "selaras.meetings"
    label = "meetings"
    verbose_name = _("Rapat koordinasi")

    def ready(self) -> None:
        from selaras.meetings import policies  # noqa: F401  (registers access policies)
