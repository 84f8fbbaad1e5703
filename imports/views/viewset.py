"""The imports' viewset. Imports are neither edited nor deleted: they are the trail of what
was written."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views import View
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn

from backoffice.acces.viewsets import PerimetreModelViewSet

from .. import regles
from ..models import ImportTemps1
from .fichiers import ExportView, FichierView, ModeleOccupationView, ModeleView
from .historique import (
    ImportFilterSet,
    ImportIndexView,
    TelechargementsColumn,
    nom_deposant,
    resume_lignes,
)
from .suivi import (
    AppliquerView,
    DepotOccupationView,
    DepotView,
    ImportInspectView,
    StatutView,
)


class RedirectionView(View):
    def get(self, request, pk):
        get_object_or_404(regles.imports_visibles(request.user), pk=pk)
        return redirect("import_temps1:inspect", pk)

    post = get


class SuppressionView(View):
    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class ImportTemps1ViewSet(PerimetreModelViewSet):
    model = ImportTemps1
    icon = "upload"
    menu_label = "Imports de fichiers"
    add_to_admin_menu = False  # wagtail_hooks: shown to whoever may also just export
    url_prefix = "imports-temps1"
    name = "import_temps1"
    index_view_class = ImportIndexView
    add_view_class = DepotView
    inspect_view_class = ImportInspectView
    edit_view_class = RedirectionView
    delete_view_class = SuppressionView
    filterset_class = ImportFilterSet
    search_fields = ["recherche"]
    list_per_page = 50
    ordering = ["-cree_le", "-pk"]
    list_display = [
        TitleColumn(
            "nom_fichier",
            label="Fichier",
            url_name="import_temps1:inspect",
            classname="deux-lignes",
        ),
        Column("pk", label="N°", sort_key="pk", classname="nombre"),
        Column("get_nature_display", label="Nature", sort_key="nature"),
        Column("deposant", label="Déposé par", accessor=lambda i: nom_deposant(i.deposant)),
        DateColumn("cree_le", label="Déposé le", sort_key="cree_le"),
        Column("perimetre_libelle", label="Périmètre"),
        Column("lignes", label="Lignes", accessor=resume_lignes),
        Column("get_etat_display", label="État", sort_key="etat"),
        TelechargementsColumn("telechargements", label="Télécharger"),
    ]

    def get_add_view_kwargs(self, **kwargs):
        return kwargs  # DepotView has its own form

    def get_edit_view_kwargs(self, **kwargs):
        return kwargs

    def get_delete_view_kwargs(self, **kwargs):
        return kwargs

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("statut/<int:pk>/", self.construct_view(StatutView), name="statut"),
            path("appliquer/<int:pk>/", self.construct_view(AppliquerView), name="appliquer"),
            path(
                "fichier/<int:pk>/<slug:quoi>/",
                self.construct_view(FichierView),
                name="fichier",
            ),
            path("modele/", ModeleView.as_view(), name="modele"),
            path(
                "deposer-occupation/",
                self.construct_view(DepotOccupationView),
                name="deposer_occupation",
            ),
            path("modele-occupation/", ModeleOccupationView.as_view(), name="modele_occupation"),
            path("export/", self.construct_view(ExportView), name="export"),
        ]
