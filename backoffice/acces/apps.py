from django.apps import AppConfig, apps


class AccesConfig(AppConfig):
    name = "backoffice.acces"
    verbose_name = "Accès et rôles"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from . import signals  # noqa: F401
        from .policies import PerimetrePermissionPolicy
        from .roles import APPELS, CANDIDATURES, CONVENTIONS, DEMANDES, IMPORTS, OFFRE, REFERENTIEL

        # One policy for every domain model: roles give the action, perimeters the rows.
        for label in [
            *OFFRE,
            *REFERENTIEL,
            *DEMANDES,
            *IMPORTS,
            *CONVENTIONS,
            *APPELS,
            *CANDIDATURES,
            "acces.affectationrole",
        ]:
            model = apps.get_model(label)
            register_permission_policy(model, PerimetrePermissionPolicy(model), exact_class=True)
