from django.apps import AppConfig


class ConventionsConfig(AppConfig):
    name = "backoffice.conventions"
    verbose_name = "Conventions"

    def ready(self):
        from . import documents
        from .models import DocumentConvention

        # Documents of a convention are downloadable by those who may view the convention.
        documents.enregistrer_liaison(DocumentConvention, "convention")
