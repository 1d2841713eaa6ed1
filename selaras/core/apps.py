from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "selaras.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from django.db.models import fields

        from selaras.core import policies  # noqa: F401  (registers access policies)

        # Django 6.1's empty choice ("- Select an option -") is not yet in its
        # Indonesian catalogue; every select in forms and admin reads this one.
        fields.BLANK_CHOICE_LABEL = _("— pilih —")

        from selaras.core import api_messages

        api_messages.install()
