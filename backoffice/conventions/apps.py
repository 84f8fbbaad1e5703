from django.apps import AppConfig


class ConventionsConfig(AppConfig):
    name = "backoffice.conventions"
    verbose_name = "Conventions"

    def ready(self):
        from wagtail.documents import get_document_model_string

        from backoffice.acces.perimetres import declarer

        from . import documents
        from .models import DocumentConvention

        # Documents of a convention are downloadable by those who may view the convention.
        documents.enregistrer_liaison(DocumentConvention, "convention")
        # A Wagtail document belongs to the perimeter of the objects it is attached to.
        declarer(
            get_document_model_string(),
            q=documents.q_document,
            motif="le périmètre des objets auxquels il est rattaché",
        )
