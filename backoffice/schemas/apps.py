from django.apps import AppConfig


class SchemasConfig(AppConfig):
    name = "backoffice.schemas"
    verbose_name = "Schéma régional d'accueil"
