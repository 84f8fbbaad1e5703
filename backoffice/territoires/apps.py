from django.apps import AppConfig


class TerritoiresConfig(AppConfig):
    name = "backoffice.territoires"
    verbose_name = "Territoires"
