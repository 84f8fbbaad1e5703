from django.apps import AppConfig


class OffreConfig(AppConfig):
    name = "backoffice.offre"
    verbose_name = "Offre"
