from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page. It comes after the domain apps because it will gather
    each user's own work from them ("Tugas saya")."""

    name = "selaras.home"
    label = "home"
    verbose_name = _("Beranda")
