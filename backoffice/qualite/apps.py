from django.apps import AppConfig


class QualiteConfig(AppConfig):
    name = "backoffice.qualite"
    verbose_name = "Qualité des données"
