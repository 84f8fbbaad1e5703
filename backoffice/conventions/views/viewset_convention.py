"""The convention viewset: its columns, exports, panels and extra URLs."""

from django.urls import path
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces.viewsets import (
    PerimetreModelViewSet,
    deux_lignes,
)
from workflows import vues

from ..filters import (
    ConventionFilterSet,
)
from ..models import (
    Convention,
)
from .actions import (
    ACTIONS_CONVENTION,
)
from .convention import (
    AjoutDocumentConventionView,
    ConventionCreateView,
    ConventionDeleteView,
    ConventionEditView,
    ConventionIndexView,
    ConventionInspectView,
)
from .formulaires import ConventionForm
from .rattachement import RattachementFinancementsView
from .renouvellement import RenouvellementView


class ConventionViewSet(vues.CircuitViewSetMixin, PerimetreModelViewSet):
    model = Convention
    base_form_class = ConventionForm
    actions = ACTIONS_CONVENTION
    colonnes_groupees = (
        ("Numéro", lambda c: c.numero),
        ("Intitulé", lambda c: c.intitule),
        ("Entité", lambda c: c.entite.raison_sociale),
        ("Dép.", lambda c: c.departement_id),
        ("Début", lambda c: c.date_debut.strftime("%d/%m/%Y")),
        ("État", lambda c: c.get_etat_display()),
    )
    ajout_document_view_class = AjoutDocumentConventionView
    icon = "doc-full-inverse"
    menu_label = "Conventions"
    url_prefix = "conventions"
    name = "convention"
    index_view_class = ConventionIndexView
    add_view_class = ConventionCreateView
    edit_view_class = ConventionEditView
    delete_view_class = ConventionDeleteView
    inspect_view_class = ConventionInspectView
    filterset_class = ConventionFilterSet
    search_fields = ["recherche", "entite__recherche"]
    ordering = ["date_fin"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "numero",
            label="Numéro",
            sort_key="numero",
            url_name="convention:inspect",
            classname="code",
        ),
        Column("intitule", label="Intitulé", sort_key="intitule", accessor=deux_lignes("intitule")),
        Column("get_type_convention_display", label="Type", sort_key="type_convention"),
        Column(
            "entite",
            label="Entité gestionnaire",
            sort_key="entite__raison_sociale",
            accessor=deux_lignes("entite.raison_sociale"),
        ),
        Column("departement_id", label="Dép.", sort_key="departement"),
        Column("date_debut", label="Début", sort_key="date_debut", classname="date"),
        Column("date_fin", label="Fin", sort_key="date_fin", classname="date"),
        Column("get_etat_display", label="État", sort_key="etat"),
    ]
    list_export = [
        "numero",
        "intitule",
        "get_type_convention_display",
        "entite.siren",
        "entite.raison_sociale",
        "departement_id",
        "nationale",
        "date_debut",
        "date_fin",
        "get_etat_display",
        "places_conventionnees",
        "get_signataire_display",
        "date_signature",
        "date_resiliation",
        "motif_resiliation",
    ]
    export_headings = {
        "numero": "Numéro",
        "intitule": "Intitulé",
        "get_type_convention_display": "Type",
        "entite.siren": "SIREN de l'entité",
        "entite.raison_sociale": "Entité gestionnaire",
        "departement_id": "Département",
        "nationale": "Convention nationale",
        "date_debut": "Début",
        "date_fin": "Fin",
        "get_etat_display": "État",
        "places_conventionnees": "Places conventionnées",
        "get_signataire_display": "Signataire",
        "date_signature": "Date de signature",
        "date_resiliation": "Résiliation (effet)",
        "motif_resiliation": "Motif de résiliation",
    }
    export_filename = "conventions"
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("intitule"),
                FieldRowPanel([FieldPanel("type_convention"), FieldPanel("numero")]),
                FieldPanel("entite"),
                FieldRowPanel([FieldPanel("departement"), FieldPanel("nationale")]),
                FieldPanel("convention_precedente"),
            ],
            heading="Convention",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date_debut"), FieldPanel("date_fin")]),
                FieldRowPanel([FieldPanel("signataire"), FieldPanel("signataire_nom")]),
            ],
            heading="Période et signature",
        ),
        InlinePanel(
            "lignes", heading="Dispositifs couverts et places conventionnées", label="Dispositif"
        ),
        InlinePanel("montants", heading="Montants annuels", label="Exercice"),
        MultiFieldPanel([FieldPanel("objectifs"), FieldPanel("observations")], heading="Objectifs"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "financements/<int:pk>/",
                RattachementFinancementsView.as_view(),
                name="rattacher_financements",
            ),
            path("renouveler/<int:pk>/", RenouvellementView.as_view(), name="renouveler"),
        ]
