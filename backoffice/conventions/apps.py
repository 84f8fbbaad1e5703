from django.apps import AppConfig


class ConventionsConfig(AppConfig):
    name = "backoffice.conventions"
    verbose_name = "Conventions"

    def ready(self):
        from backoffice.documents.telechargement import enregistrer_liaison

        from .models import DocumentConvention

        # Documents of a convention are downloadable by those who may view the convention.
        enregistrer_liaison(DocumentConvention)
