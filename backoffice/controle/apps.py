from django.apps import AppConfig


class ControleConfig(AppConfig):
    name = "backoffice.controle"
    verbose_name = "Contrôles et inspections"

    def ready(self):
        from backoffice.acces.policies import enregistrer_politiques
        from backoffice.acces.roles import CONTROLE
        from backoffice.documents.telechargement import enregistrer_liaison

        from .models import DocumentControle

        # One policy per model: roles give the action, perimeters the rows (a gestionnaire's
        # rows: its entité's controls from the contradictory step on, Controle.q_perimetre).
        enregistrer_politiques(CONTROLE)
        # Documents of a control are downloadable by those who may view the control.
        enregistrer_liaison(DocumentControle)
