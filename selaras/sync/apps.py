from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    name = "selaras.sync"
    label = "sync"
    verbose_name = _("Sinkronisasi")

    def ready(self) -> None:
        from selaras.core import warmup
        from selaras.sync import policies  # noqa: F401  (registers access policies)
        from selaras.sync.shards import warm_up_checks
        from selaras.sync.similarity_service import warm_up

        warmup.register("sync.similarity", warm_up)
        warmup.register("sync.checks", warm_up_checks)
