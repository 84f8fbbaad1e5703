"""The admin's generic sentences in proper French, per model (backoffice/grammaire.py).

Mixed into the shared views of backoffice/acces/viewsets.py, so that every perimeter-bound
viewset says « Ajouter une convention », « L'avenant « … » a été créé. », « Aucune entité
gestionnaire à afficher. » instead of Wagtail's gender-blind French. Wagtail's own screens
(accounts, documents) fall back on the neutral wording of the project's catalogue (locale/).
"""

from django.utils.functional import cached_property
from django.utils.text import capfirst

from backoffice.grammaire import Nom


class NomDuModeleMixin:
    @cached_property
    def nom(self):
        return Nom.du_modele(self.model)

    def _phrase_enregistrement(self, objet, participe):
        nom = self.nom
        return f"{capfirst(nom.le)} « {objet} » a été {nom.accorder(participe)}."

    def _phrase_erreurs(self, participe):
        nom = self.nom
        return (
            f"{capfirst(nom.le)} n'a pas pu être {nom.accorder(participe)} : "
            "corrigez les erreurs signalées."
        )


class LibellesListeMixin(NomDuModeleMixin):
    @cached_property
    def add_item_label(self):
        return f"Ajouter {self.nom.un}"

    @cached_property
    def no_results_message(self):
        aucun = capfirst(self.nom.aucun)
        if self.is_searching:
            return f"{aucun} ne correspond à votre recherche."
        if self.is_filtering:
            return f"{aucun} ne correspond aux filtres choisis."
        return f"{aucun} à afficher."


class LibellesCreationMixin(NomDuModeleMixin):
    def get_success_message(self, instance):
        if self.success_message is None:
            return None
        return self._phrase_enregistrement(instance, "créé")

    def get_error_message(self):
        if self.error_message is None or self.expects_json_response:
            return super().get_error_message()
        return self._phrase_erreurs("créé")

    def get_header_title(self):
        return capfirst(self.nom.nouveau)

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        if items and not items[-1]["url"]:
            items[-1] = {**items[-1], "label": capfirst(self.nom.nouveau)}
        return items


class LibellesModificationMixin(NomDuModeleMixin):
    def get_success_message(self):
        if self.success_message is None:
            return None
        return self._phrase_enregistrement(self.object, "modifié")

    def get_error_message(self):
        if self.error_message is None or self.expects_json_response:
            return super().get_error_message()
        return self._phrase_erreurs("enregistré")


class LibellesSuppressionMixin(NomDuModeleMixin):
    def get_success_message(self):
        if self.success_message is None:
            return None
        return self._phrase_enregistrement(self.object, "supprimé")

    @property
    def confirmation_message(self):
        return f"Voulez-vous vraiment supprimer {self.nom.ce} ?"

    def get_context_data(self, **kwargs):
        # Read by templates/wagtailadmin/shared/usage_summary.html on the delete page.
        context = super().get_context_data(**kwargs)
        if "usage_count" in context:
            nom = self.nom
            context["phrase_references"] = (
                f"{capfirst(nom.ce)} est {nom.accorder('référencé')} {context['usage_count']} fois."
            )
            pronom = "la" if nom.feminin else "le"
            context["phrase_protection"] = (
                f"Des références à {nom.ce} empêchent de {pronom} supprimer."
            )
        return context
