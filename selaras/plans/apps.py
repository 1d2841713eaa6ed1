from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "selaras.plans"
    label = "plans"
    verbose_name = _("Rencana")

    def ready(self) -> None:
        from selaras.plans import policies  # noqa: F401  (registers access policies)
