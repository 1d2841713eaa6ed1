from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "selaras.registry"
    label = "registry"
    verbose_name = _("Data referensi")

    def ready(self) -> None:
        from selaras.registry import policies  # noqa: F401  (registers access policies)
