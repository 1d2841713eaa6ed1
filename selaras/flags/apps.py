from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FlagsConfig(AppConfig):
    name = "selaras.flags"
    label = "flags"
    verbose_name = _("Tanda daerah")

    def ready(self) -> None:
        from selaras.flags import policies  # noqa: F401  (registers access policies)
