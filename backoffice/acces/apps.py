from django.apps import AppConfig


class AccesConfig(AppConfig):
    name = "backoffice.acces"
    verbose_name = "Accès et rôles"

    def ready(self):
        from . import checks, signals, tiers  # noqa: F401  (checks: registered on import)
        from .policies import enregistrer_politiques
        from .roles import APPELS, CANDIDATURES, CONVENTIONS, DEMANDES, IMPORTS, OFFRE, REFERENTIEL

        # One policy for every domain model: roles give the action, perimeters the rows.
        enregistrer_politiques(
            [
                *OFFRE,
                *REFERENTIEL,
                *DEMANDES,
                *IMPORTS,
                *CONVENTIONS,
                *APPELS,
                *CANDIDATURES,
                "acces.affectationrole",
            ]
        )
        # The installed apps' models we do not edit: their perimeter is decided here.
        tiers.declarer_modeles()
