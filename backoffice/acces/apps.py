from django.apps import AppConfig


class AccesConfig(AppConfig):
    name = "backoffice.acces"
    verbose_name = "Accès et rôles"

    def ready(self):
        from wagtail.admin.views.mixins import SpreadsheetExportMixin

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

        # Wagtail's own exports (users, pages, reports) through our spreadsheet writer too: no
        # listing anywhere writes a user's text as a live formula (backoffice/exports.py).
        from .export_tableur import ExportTableurMixin

        for nom in ExportTableurMixin.METHODES:
            setattr(SpreadsheetExportMixin, nom, ExportTableurMixin.__dict__[nom])
