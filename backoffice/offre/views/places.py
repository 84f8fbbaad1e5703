"""Admin screens of the groupes de places and financing lines, added from their dispositif."""

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces.viewsets import (
    PerimetreCreateView,
    PerimetreIndexView,
    PerimetreModelViewSet,
    deux_lignes,
)

from ..filters import FinancementFilterSet, GroupeFilterSet
from ..models import (
    Financement,
    GroupeDePlaces,
)
from .communs import HistoriqueInspectView


class AjoutAuDispositifView(PerimetreCreateView):
    """« Ajouter un groupe de places / un financement » on a dispositif's page."""

    parents = {"dispositif": ("change",)}


class GroupeIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return GroupeDePlaces.objects.select_related("dispositif", "dispositif__type")


class GroupeViewSet(PerimetreModelViewSet):
    model = GroupeDePlaces
    icon = "table"
    menu_label = "Groupes de places"
    url_prefix = "offre/groupes"
    name = "groupe"
    recherche_globale = False  # found through their dispositif
    index_view_class = GroupeIndexView
    add_view_class = AjoutAuDispositifView
    inspect_view_class = HistoriqueInspectView
    list_per_page = 50
    list_display = [
        Column(
            "dispositif",
            label="Dispositif",
            sort_key="dispositif__code",
            accessor=deux_lignes("dispositif"),
        ),
        TitleColumn(
            "libelle",
            label="Libellé",
            sort_key="libelle",
            url_name="groupe:inspect",
            classname="deux-lignes",
        ),
        Column("places", label="Places", sort_key="places", classname="nombre"),
        Column("get_public_display", label="Public"),
        Column("get_mode_hebergement_display", label="Mode"),
        Column("commune", label="Commune", sort_key="commune"),
        Column("date_debut", label="Début", sort_key="date_debut", classname="date"),
        Column("date_fin", label="Fin", sort_key="date_fin", classname="date"),
    ]
    list_export = [
        "dispositif.code",
        "dispositif.nom",
        "libelle",
        "places",
        "places_pmr",
        "get_public_display",
        "get_mode_hebergement_display",
        "commune",
        "code_postal",
        "date_debut",
        "date_fin",
    ]
    export_headings = {
        "dispositif.code": "Code dispositif",
        "dispositif.nom": "Dispositif",
        "get_public_display": "Public",
        "get_mode_hebergement_display": "Mode d'hébergement",
    }
    export_filename = "groupes-de-places"
    filterset_class = GroupeFilterSet
    search_fields = ["recherche", "dispositif__recherche"]
    ordering = ["dispositif__code", "libelle"]
    panels = [
        FieldPanel("dispositif"),
        FieldPanel("libelle"),
        FieldRowPanel([FieldPanel("places"), FieldPanel("places_pmr")]),
        FieldRowPanel([FieldPanel("public"), FieldPanel("mode_hebergement")]),
        FieldRowPanel([FieldPanel("code_postal"), FieldPanel("commune")]),
        FieldRowPanel([FieldPanel("date_debut"), FieldPanel("date_fin")]),
    ]


class FinancementIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return Financement.objects.select_related("dispositif", "programme")


class FinancementViewSet(PerimetreModelViewSet):
    model = Financement
    icon = "tasks"
    menu_label = "Financements"
    url_prefix = "offre/financements"
    name = "financement"
    recherche_globale = False  # found through their dispositif
    index_view_class = FinancementIndexView
    add_view_class = AjoutAuDispositifView
    inspect_view_class = HistoriqueInspectView
    list_per_page = 50
    list_display = [
        TitleColumn(
            "dispositif",
            label="Dispositif",
            sort_key="dispositif__code",
            url_name="financement:inspect",
            classname="deux-lignes",
        ),
        Column("exercice", label="Exercice", sort_key="exercice", classname="nombre"),
        Column("programme_id", label="Programme", sort_key="programme"),
        Column("action", label="Action"),
        Column("get_service_financeur_display", label="Financeur"),
        Column("get_mode_display", label="Mode"),
        Column("places_financees", label="Places", sort_key="places_financees", classname="nombre"),
        Column(
            "montant_annuel",
            label="Montant annuel (€)",
            sort_key="montant_annuel",
            classname="nombre",
        ),
        Column("cout_journalier_place", label="Coût / place / jour (€)", classname="nombre"),
    ]
    list_export = [
        "dispositif.code",
        "dispositif.nom",
        "exercice",
        "programme_id",
        "action",
        "get_service_financeur_display",
        "get_mode_display",
        "places_financees",
        "montant_annuel",
        "cout_journalier_place",
        "date_debut",
        "date_fin",
        "get_orientation_display",
    ]
    export_headings = {
        "dispositif.code": "Code dispositif",
        "dispositif.nom": "Dispositif",
        "programme_id": "Programme",
        "get_service_financeur_display": "Service financeur",
        "get_mode_display": "Mode de financement",
        "cout_journalier_place": "Coût par place et par jour (€)",
        "get_orientation_display": "Orientation",
    }
    export_filename = "financements"
    filterset_class = FinancementFilterSet
    search_fields = ["recherche", "dispositif__recherche"]
    ordering = ["-exercice", "dispositif__code"]
    panels = [
        FieldPanel("dispositif"),
        FieldRowPanel([FieldPanel("exercice"), FieldPanel("programme"), FieldPanel("action")]),
        FieldRowPanel([FieldPanel("service_financeur"), FieldPanel("mode")]),
        FieldRowPanel([FieldPanel("places_financees"), FieldPanel("montant_annuel")]),
        FieldRowPanel([FieldPanel("date_debut"), FieldPanel("date_fin")]),
        FieldPanel("orientation"),
    ]
