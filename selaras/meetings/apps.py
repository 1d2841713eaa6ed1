from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "selaras.meetings"
    label = "meetings"
    verbose_name = _("Rapat koordinasi")

    def ready(self) -> None:
        from selaras.meetings import policies  # noqa: F401  (registers access policies)

        # Home gathers "Tugas saya" from every app; it is installed after this
        # one, so the provider joins only when home is there.
        if apps.is_installed("selaras.home"):
            from selaras.meetings import tasks_home  # noqa: F401  (registers the task provider)
