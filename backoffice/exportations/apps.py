from django.apps import AppConfig


class ExportationsConfig(AppConfig):
    name = "backoffice.exportations"
    label = "exportations"
    verbose_name = "Exports en arrière-plan"
