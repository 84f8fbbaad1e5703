"""The history of imports: the list, its summary of rows and its download links."""

import django_filters
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import BaseColumn
from wagtail.admin.widgets.button import HeaderButton

from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.acces.viewsets import PerimetreIndexView
from backoffice.grammaire import compter

from .. import regles
from ..apercu import apercu
from ..models import EtatImport, ImportTemps1


class ImportFilterSet(PerimetreFilterSet):
    etat = django_filters.ChoiceFilter(label="État", choices=EtatImport.choices)

    class Meta:
        model = ImportTemps1
        fields = ["etat"]


def resume_lignes(import_):
    """« 3 créées · 1 modifiée · 40 inchangées · 2 erreurs » from the stored report."""
    rapport = import_.rapport or {}
    if not rapport:
        return "—"
    compteurs = apercu(rapport).total
    futur = import_.etat != EtatImport.APPLIQUEE
    morceaux = [
        f"{compteurs['created']} à créer"
        if futur
        else compter(compteurs["created"], "créée", "créées"),
        f"{compteurs['updated']} à modifier"
        if futur
        else compter(compteurs["updated"], "modifiée", "modifiées"),
        compter(compteurs["unchanged"], "inchangée", "inchangées"),
    ]
    erreurs = len(rapport.get("errors") or [])
    if erreurs:
        morceaux.append(compter(erreurs, "erreur", "erreurs"))
    return " · ".join(morceaux)


def nom_deposant(user):
    if user is None:
        return "—"
    return user.get_full_name().strip() or user.get_username()


class TelechargementsColumn(BaseColumn):
    cell_template_name = "imports/_cellule_telechargements.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["liens"] = liens_fichiers(instance)
        return context


def liens_fichiers(import_):
    liens = [("Fichier déposé", reverse("import_temps1:fichier", args=[import_.pk, "original"]))]
    if import_.rapport:
        liens.append(
            ("Rapport (JSON)", reverse("import_temps1:fichier", args=[import_.pk, "rapport"]))
        )
    if import_.fichier_annote:
        liens.append(
            ("Classeur annoté", reverse("import_temps1:fichier", args=[import_.pk, "annote"]))
        )
    return liens


class ImportIndexView(PerimetreIndexView):
    template_name = "imports/index.html"
    page_title = "Imports de fichiers"

    def get_liste_queryset(self):
        return ImportTemps1.objects.select_related("deposant")

    def user_has_any_permission(self, permissions):
        # The page also hands out the blank template and the export: open to whoever may
        # export (a regional administrator, a lecteur), with an empty history if they may not
        # see imports.
        return super().user_has_any_permission(permissions) or regles.peut_exporter(
            self.request.user
        )

    @property
    def add_item_label(self):
        return "Déposer un classeur Temps 1"

    @cached_property
    def header_buttons(self):
        boutons = list(super().header_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            boutons.append(
                HeaderButton(
                    "Déposer un extrait d'occupation DN@",
                    url=reverse("import_temps1:deposer_occupation"),
                    icon_name="upload",
                    attrs={"data-depot-occupation": ""},
                )
            )
        boutons.append(
            HeaderButton(
                "Modèle vierge",
                url=reverse("import_temps1:modele"),
                icon_name="download",
                attrs={"data-modele": ""},
            )
        )
        if regles.peut_exporter(self.request.user):
            boutons.append(
                HeaderButton(
                    "Exporter l'offre",
                    url=reverse("import_temps1:export"),
                    icon_name="download",
                )
            )
        return boutons

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["voit_imports"] = self.permission_policy.user_has_permission(
            self.request.user, "view"
        )
        context["peut_exporter"] = regles.peut_exporter(self.request.user)
        return context
