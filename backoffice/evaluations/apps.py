from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "backoffice.evaluations"
    verbose_name = "Évaluations des ESSMS"

    def ready(self):
        from backoffice.acces.policies import enregistrer_politiques
        from backoffice.acces.roles import EVALUATIONS
        from backoffice.documents.telechargement import enregistrer_liaison

        from .models import Evaluation

        enregistrer_politiques(EVALUATIONS)
        # The report is read by those who may view the evaluation (its dispositif's perimeter).
        enregistrer_liaison(Evaluation)
