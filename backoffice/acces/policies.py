"""The one permission policy every admin view of a perimeter-bound model goes through."""

from django.apps import apps
from django.shortcuts import get_object_or_404
from wagtail.permission_policies import ModelPermissionPolicy

from . import perimetres


class PerimetrePermissionPolicy(ModelPermissionPolicy):
    """Model permission (from roles) AND the row inside the perimeter of that role."""

    @property
    def label(self):
        return self.model._meta.label_lower

    def perimetre(self, user, actions):
        return perimetres.perimetre_pour(user, self.label, actions)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def instances_user_has_any_permission_for(self, user, actions):
        return self.filtrer(self.model._default_manager.all(), user, actions)

    def filtrer(self, queryset, user, actions):
        """Restrict any queryset of the model to the rows `user` may act on with `actions`."""
        if not any(self.user_has_permission(user, action) for action in actions):
            return queryset.none()
        return perimetres.filtrer(queryset, self.perimetre(user, actions))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and perimetres.contient(
            self.perimetre(user, action), instance
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)


def policy_for(model):
    # import différé : wagtail.permissions charge les modèles de Wagtail, et ce module est lu par
    # les apps.py des applications, avant que le registre des applications soit prêt.
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(model)


def enregistrer_politiques(labels):
    """Register the perimeter policy for models (`app_label.modelname`); each domain app calls it
    from its AppConfig.ready() for its own models."""
    # import différé : wagtail.permissions charge les modèles de Wagtail (voir policy_for).
    from wagtail.permissions import register_permission_policy

    for label in labels:
        model = apps.get_model(label)
        register_permission_policy(model, PerimetrePermissionPolicy(model), exact_class=True)


def objet_ou_404(politique, user, pk, actions=perimetres.LECTURE):
    """The one way to fetch an object by its key for a user: through the policy's scoped
    queryset, so an object out of the user's perimeter (or without the right for `actions`) is
    not found, whatever the URL (Wagtail's generic views fetch by key alone, issue #10746)."""
    return get_object_or_404(politique.instances_user_has_any_permission_for(user, actions), pk=pk)
