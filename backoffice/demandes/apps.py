from django.apps import AppConfig


class DemandesConfig(AppConfig):
    name = "backoffice.demandes"
    verbose_name = "Demandes"

    def ready(self):
        from backoffice.documents.telechargement import enregistrer_liaison

        from .models import PieceJointe

        # The documents of a request are read by those who may view the request.
        enregistrer_liaison(PieceJointe)
