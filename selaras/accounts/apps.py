from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "selaras.accounts"
    label = "accounts"
    verbose_name = _("Akun")

    def ready(self) -> None:
        from selaras.accounts import policies  # noqa: F401  (registers access policies)
