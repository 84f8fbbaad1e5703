"""Schémas: listing with their counts, the page of one schéma (its tree and campaigns), and the
grid import reached from it."""

import django_filters
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.acces.viewsets import (
    PerimetreDeleteView,
    PerimetreIndexView,
    PerimetreInspectView,
    PerimetreModelViewSet,
)
from backoffice.territoires.models import Region

from .. import regles, services
from ..forms import SchemaForm
from ..models import ActionSchema, CampagneEvaluation, Objectif, SchemaRegional
from .communs import ModificationView, compte
from .import_grille import ImportGrilleView


class SchemaFilterSet(PerimetreFilterSet):
    region = django_filters.ModelChoiceFilter(queryset=Region.objects.all(), label="Région")

    class Meta:
        model = SchemaRegional
        fields = ["region"]


class SchemaIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return SchemaRegional.objects.select_related("region").annotate(
            nb_objectifs=compte(Objectif.objects.all(), "schema"),
            nb_actions=compte(ActionSchema.objects.all(), "thematique__objectif__schema"),
            nb_campagnes=compte(CampagneEvaluation.objects.all(), "schema"),
        )


class SchemaInspectView(PerimetreInspectView):
    template_name = "schemas/schema_inspect.html"

    def get_adopte_le_display_value(self):
        return self.object.adopte_le.strftime("%d/%m/%Y") if self.object.adopte_le else "—"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schema = self.object
        user = self.request.user
        objectifs = services.arbre(schema)
        campagnes = list(
            schema.campagnes.annotate(
                nb_renseignees=Count("evaluations", filter=~Q(evaluations__realisation="nc"))
            )
        )
        context.update(
            {
                "objectifs": objectifs,
                "nb_thematiques": sum(len(o.thematiques.all()) for o in objectifs),
                "nb_actions": sum(
                    len(t.actions.all()) for o in objectifs for t in o.thematiques.all()
                ),
                "campagnes": campagnes,
                "peut_modifier_arbre": regles.peut_modifier_arbre(user, schema.pk),
                "peut_importer": regles.peut_importer(user, schema.pk),
                "peut_evaluer": regles.peut_evaluer(user, schema.pk),
                "peut_ajouter_campagne": regles.peut_ajouter_campagne(user, schema.pk),
            }
        )
        return context


class SchemaDeleteView(PerimetreDeleteView):
    def dispatch(self, request, *args, **kwargs):
        objet = self.get_object()
        refus = regles.refus_suppression(objet)
        if refus:
            messages.error(request, refus)
            return redirect("schema:inspect", objet.pk)
        return super().dispatch(request, *args, **kwargs)


class SchemaViewSet(PerimetreModelViewSet):
    model = SchemaRegional
    icon = "list-ol"
    menu_label = "Schémas"
    url_prefix = "schemas"
    name = "schema"
    index_view_class = SchemaIndexView
    inspect_view_class = SchemaInspectView
    edit_view_class = ModificationView
    delete_view_class = SchemaDeleteView
    filterset_class = SchemaFilterSet
    search_fields = ["recherche", "region__recherche"]
    ordering = ["-annee_debut", "region__nom"]
    list_display = [
        TitleColumn("titre", label="Titre", sort_key="titre", url_name="schema:inspect"),
        Column("region", label="Région", sort_key="region__nom"),
        Column("periode", label="Période", sort_key="annee_debut"),
        Column("adopte_le", label="Arrêté le", sort_key="adopte_le"),
        Column("nb_objectifs", label="Objectifs", sort_key="nb_objectifs"),
        Column("nb_actions", label="Actions", sort_key="nb_actions"),
        Column("nb_campagnes", label="Campagnes", sort_key="nb_campagnes"),
    ]
    list_export = [
        "titre",
        "region.nom",
        "annee_debut",
        "annee_fin",
        "adopte_le",
        "nb_objectifs",
        "nb_actions",
        "nb_campagnes",
    ]
    export_headings = {
        "titre": "Titre",
        "region.nom": "Région",
        "annee_debut": "Première année",
        "annee_fin": "Dernière année",
        "adopte_le": "Arrêté le",
        "nb_objectifs": "Objectifs",
        "nb_actions": "Actions",
        "nb_campagnes": "Campagnes d'évaluation",
    }
    export_filename = "schemas-regionaux"
    inspect_view_fields = [
        "titre",
        "region",
        "annee_debut",
        "annee_fin",
        "adopte_le",
        "description",
    ]
    panels = [
        FieldPanel("titre"),
        FieldRowPanel([FieldPanel("region"), FieldPanel("adopte_le")]),
        FieldRowPanel([FieldPanel("annee_debut"), FieldPanel("annee_fin")]),
        FieldPanel("description"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=SchemaForm).bind_to_model(self.model)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("importer/<int:pk>/", ImportGrilleView.as_view(), name="importer"),
        ]
