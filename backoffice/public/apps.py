from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "backoffice.public"
    verbose_name = "Pages publiques"
