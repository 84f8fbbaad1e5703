from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "backoffice.documents"
    verbose_name = "Documents"

    def ready(self):
        # Imported here: app registry must be ready before reading the document model setting.
        from wagtail.documents import get_document_model_string

        from backoffice.acces.perimetres import declarer

        from .telechargement import q_document

        # A Wagtail document belongs to the perimeter of the objects it is attached to.
        declarer(
            get_document_model_string(),
            q=q_document,
            motif="le périmètre des objets auxquels il est rattaché",
        )
