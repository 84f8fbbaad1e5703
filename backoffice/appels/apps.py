from django.apps import AppConfig


class AppelsConfig(AppConfig):
    name = "backoffice.appels"
    verbose_name = "Appels à projets"

    def ready(self):
        from backoffice.conventions import documents

        from .models import DocumentAppel, DocumentCandidature

        # Documents of a call / a candidature: for those who may view the call / candidature.
        documents.enregistrer_liaison(DocumentAppel, "appel")
        documents.enregistrer_liaison(DocumentCandidature, "candidature")
