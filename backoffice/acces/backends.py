"""Model-level permissions derived from role assignments (roles.py).

Django's and Wagtail's permission checks (`user.has_perm`) then work unchanged; row-level limits
are the permission policy's job (policies.py).
"""

from django.apps import apps

from .perimetres import affectations_de
from .roles import DROITS, Role

ACCES_ADMIN = "wagtailadmin.access_admin"


class RoleBackend:
    def authenticate(self, request, **credentials):
        return None  # authentication stays with ModelBackend

    def get_all_permissions(self, user_obj, obj=None):
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return set()
        cache = getattr(user_obj, "_role_perm_cache", None)
        if cache is not None:
            return cache
        permissions = set()
        for role, _ in affectations_de(user_obj):
            permissions.add(ACCES_ADMIN)
            if role == Role.NATIONAL:
                permissions |= _toutes_permissions_metier()
                continue
            for label, actions in DROITS.get(role, {}).items():
                app_label, model_name = label.split(".")
                permissions |= {f"{app_label}.{action}_{model_name}" for action in actions}
        user_obj._role_perm_cache = permissions
        return permissions

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj))


APPS_METIER = {
    "territoires",
    "offre",
    "acces",
    "conventions",
    "appels",
    "demandes",
    "pilotage",
    "qualite",
    "occupation",
    "controle",
    "signalements",
    "evaluations",
    "schemas",
    "imports",
    "workflows",
}


def _toutes_permissions_metier():
    """Every add/change/delete/view permission of the domain apps, plus user management."""
    permissions = {"auth.add_user", "auth.change_user", "auth.delete_user", "auth.view_user"}
    for model in apps.get_models():
        if model._meta.app_label in APPS_METIER:
            for action in ("add", "change", "delete", "view"):
                permissions.add(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
    return permissions
