"""The requests' viewset: its views, columns, export and extra URLs."""

from django.urls import path
from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces.viewsets import (
    PerimetreModelViewSet,
    deux_lignes,
)

from ..filters import DemandeFilterSet
from ..models import Demande, TypeDemande
from .changements import DemandeChangementView
from .fiche import (
    DemandeAddView,
    DemandeDeleteView,
    DemandeEditView,
    DemandeHistoryView,
    DemandeInspectView,
    PieceJointeView,
)
from .liste import DemandeIndexView
from .transitions import ActionsGroupeesView, TransitionView


class DemandeViewSet(PerimetreModelViewSet):
    model = Demande
    icon = "mail"
    menu_label = "Demandes"
    menu_order = 200
    add_to_admin_menu = False  # the "Demandes" menu with its queues: wagtail_hooks
    url_prefix = "demandes"
    name = "demande"
    index_view_class = DemandeIndexView
    inspect_view_class = DemandeInspectView
    edit_view_class = DemandeEditView
    delete_view_class = DemandeDeleteView
    history_view_class = DemandeHistoryView
    add_view_class = DemandeAddView
    index_template_name = "demandes/index.html"
    filterset_class = DemandeFilterSet
    # The request's own names (requested dispositif and entité, requester), then the existing
    # dispositif's and entité's; a number (D-2026-00012) is matched apart (search_queryset).
    search_fields = ["recherche", "dispositif__recherche", "entite__recherche"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "numero", label="Numéro", url_name="demande:inspect", sort_key="pk", classname="code"
        ),
        Column("get_type_demande_display", label="Type", sort_key="type_demande"),
        Column("titre", label="Dispositif", accessor=deux_lignes("titre")),
        Column(
            "demandeur_organisation",
            label="Organisation",
            sort_key="demandeur_organisation",
            accessor=deux_lignes("demandeur_organisation"),
        ),
        Column("nature", label="Nature"),
        Column("departement_id", label="Dép.", sort_key="departement"),
        Column("get_etat_display", label="État", sort_key="etat"),
        Column(
            "age_jours",
            label="En attente depuis (jours)",
            sort_key="etat_depuis",
            classname="nombre",
        ),
    ]
    list_export = [
        "numero",
        "get_type_demande_display",
        "titre",
        "type_dispositif.nature.libelle",
        "type_dispositif.libelle",
        "departement_id",
        "demandeur_organisation",
        "demandeur_nom",
        "demandeur_courriel",
        "get_etat_display",
        "soumise_le",
        "etat_depuis",
        "age_jours",
        "decidee_le",
        "motif_refus",
    ]
    export_headings = {
        "numero": "Numéro",
        "get_type_demande_display": "Type de demande",
        "titre": "Dispositif",
        "type_dispositif.nature.libelle": "Nature",
        "type_dispositif.libelle": "Type de dispositif",
        "departement_id": "Département",
        "demandeur_organisation": "Organisation",
        "demandeur_nom": "Demandeur",
        "demandeur_courriel": "Courriel du demandeur",
        "get_etat_display": "État",
        "soumise_le": "Déposée le",
        "etat_depuis": "Dans cet état depuis",
        "age_jours": "En attente depuis (jours)",
        "decidee_le": "Décision le",
        "motif_refus": "Motif du refus",
    }
    export_filename = "demandes"
    form_fields = ["description"]
    ordering = ["etat_depuis", "pk"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "transition/<int:pk>/<slug:nom>/",
                self.construct_view(TransitionView),
                name="transition",
            ),
            path(
                "actions-groupees/",
                self.construct_view(ActionsGroupeesView),
                name="actions_groupees",
            ),
            path("pieces/<int:pk>/", self.construct_view(PieceJointeView), name="piece"),
            path(
                "dispositif/<int:dispositif_pk>/modification/",
                self.construct_view(DemandeChangementView, type_demande=TypeDemande.MODIFICATION),
                name="demander_modification",
            ),
            path(
                "dispositif/<int:dispositif_pk>/fermeture/",
                self.construct_view(DemandeChangementView, type_demande=TypeDemande.FERMETURE),
                name="demander_fermeture",
            ),
        ]
