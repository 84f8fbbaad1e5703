"""Evaluation campaigns: listing, page of one campaign, and its evaluation page, summary and
downloads (views in `evaluation.py`)."""

import django_filters
from django.urls import path, reverse
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.acces.viewsets import (
    PerimetreIndexView,
    PerimetreInspectView,
    PerimetreModelViewSet,
)

from .. import regles, services
from ..forms import CampagneForm
from ..models import CampagneEvaluation, EvaluationAction, Realisation, SchemaRegional
from .communs import EnfantCreateView, ModificationView, compte
from .evaluation import EvaluationView, ExportGrilleView, SyntheseView, SyntheseXlsxView


class CampagneFilterSet(PerimetreFilterSet):
    schema = django_filters.ModelChoiceFilter(
        queryset=SchemaRegional.objects.select_related("region"), label="Schéma"
    )

    class Meta:
        model = CampagneEvaluation
        fields = ["schema"]


class CampagneIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        renseignees = EvaluationAction.objects.exclude(realisation=Realisation.NC)
        return CampagneEvaluation.objects.select_related("schema__region").annotate(
            nb_renseignees=compte(renseignees, "campagne")
        )


class CampagneCreateView(EnfantCreateView):
    parent_champ = "schema"

    def get_success_url(self):
        return reverse("campagne:inspect", args=[self.object.pk])


class CampagneEditView(ModificationView):
    def get_success_url(self):
        return reverse("campagne:inspect", args=[self.object.pk])


class CampagneInspectView(PerimetreInspectView):
    template_name = "schemas/campagne_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campagne = self.object
        lignes = services.synthese(campagne)
        context.update(
            {
                "total": lignes[-1],
                "peut_evaluer": regles.peut_evaluer(self.request.user, campagne.schema_id),
                "peut_importer": regles.peut_importer(self.request.user, campagne.schema_id),
            }
        )
        return context


class CampagneViewSet(PerimetreModelViewSet):
    model = CampagneEvaluation
    icon = "date"
    menu_label = "Campagnes d'évaluation"
    url_prefix = "schemas/campagnes"
    name = "campagne"
    index_view_class = CampagneIndexView
    add_view_class = CampagneCreateView
    edit_view_class = CampagneEditView
    inspect_view_class = CampagneInspectView
    filterset_class = CampagneFilterSet
    search_fields = ["recherche", "schema__recherche", "schema__region__recherche"]
    ordering = ["-date"]
    list_display = [
        TitleColumn("libelle", label="Campagne", sort_key="libelle", url_name="campagne:inspect"),
        Column("schema", label="Schéma"),
        Column("date", label="Date", sort_key="date"),
        Column("nb_renseignees", label="Actions renseignées", sort_key="nb_renseignees"),
    ]
    list_export = ["schema.titre", "schema.region.nom", "libelle", "date", "nb_renseignees"]
    export_headings = {
        "schema.titre": "Schéma",
        "schema.region.nom": "Région",
        "libelle": "Campagne",
        "date": "Date",
        "nb_renseignees": "Actions renseignées (hors nc)",
    }
    export_filename = "campagnes-evaluation-schema"
    inspect_view_fields = ["schema", "libelle", "date", "description"]
    panels = [
        FieldPanel("schema"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("libelle"), FieldPanel("date")]), FieldPanel("description")],
            heading="Campagne",
        ),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=CampagneForm).bind_to_model(self.model)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("evaluer/<int:pk>/", EvaluationView.as_view(), name="evaluer"),
            path("synthese/<int:pk>/", SyntheseView.as_view(), name="synthese"),
            path("synthese/<int:pk>/xlsx/", SyntheseXlsxView.as_view(), name="synthese_xlsx"),
            path("exporter/<int:pk>/", ExportGrilleView.as_view(), name="exporter"),
        ]
