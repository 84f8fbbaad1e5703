from django.apps import AppConfig


class AppelsConfig(AppConfig):
    name = "backoffice.appels"
    verbose_name = "Appels à projets"

    def ready(self):
        from backoffice.documents.telechargement import enregistrer_liaison

        from .models import DocumentAppel, DocumentCandidature

        # Documents of a call / a candidature: for those who may view the call / candidature.
        enregistrer_liaison(DocumentAppel)
        enregistrer_liaison(DocumentCandidature)
