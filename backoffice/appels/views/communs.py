"""What the screens of calls and candidatures share: the edit form and the document upload open
only as the object's own rules say (`modifiable()`, `accepte_documents()` on the models), and
the inspect page offers the matching links."""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.functional import cached_property

from backoffice.acces.policies import policy_for
from workflows import vues


class GardeModificationMixin(vues.GardeEtatMixin):
    """Edit view: refused with `message_refus` unless the object may be edited now."""

    def permis(self, objet):
        return objet.modifiable()


class AjoutDocumentSelonEtatMixin:
    """Document upload view: for those who may change the object, while it accepts documents."""

    def peut_ajouter(self, user, objet):
        return objet.accepte_documents() and super().peut_ajouter(user, objet)


class FicheMixin:
    """Inspect view: the edit link while the object may be edited, never a delete link (a call
    is deleted by its own rules, a candidature never), the document link while it accepts
    documents — each for those who may change it."""

    @cached_property
    def peut_modifier(self):
        return policy_for(self.model).user_has_permission_for_instance(
            self.request.user, "change", self.object
        )

    def get_edit_url(self):
        if self.object.modifiable() and self.peut_modifier:
            return reverse(self.edit_url_name, args=[quote(self.object.pk)])
        return None

    def get_delete_url(self):
        return None

    def url_ajout_document(self, espace):
        if self.object.accepte_documents() and self.peut_modifier:
            return reverse(f"{espace}:ajouter_document", args=[self.object.pk])
        return None
