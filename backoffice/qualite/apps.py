from django.apps import AppConfig


class QualiteConfig(AppConfig):
    name = "backoffice.qualite"
    verbose_name = "Qualité des données"

    def ready(self):
        from backoffice.acces.policies import enregistrer_politiques
        from backoffice.acces.roles import QUALITE

        from . import signaux  # noqa: F401  (receivers: recomputation after each change)

        enregistrer_politiques(QUALITE)
