"""Screens of the signalements: the scoped list (filters, export), the declaration form, the
page with its transition buttons and timeline. Declarations are records: once filed, a
signalement is neither edited nor deleted; the DDETS's analysis goes through the transitions."""

from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn

from backoffice.acces.perimetres import perimetre_pour
from backoffice.acces.viewsets import (
    PerimetreCreateView,
    PerimetreIndexView,
    PerimetreInspectView,
    PerimetreModelViewSet,
)
from backoffice.offre.models import Dispositif
from workflows import vues
from workflows.services import chronologie, journaliser_creation

from .filters import SignalementFilterSet
from .models import REGIMES_SOUMIS, Signalement
from .notifications import notifier_declaration

ACTIONS = {
    "prendre_en_charge": vues.Action("Prendre en charge", style="button-primary"),
    "clore": vues.Action(
        "Clore",
        formulaire=type(
            "FormulaireConclusion",
            (vues.FormulaireTransition,),
            {"commentaire_requis": True, "libelle_commentaire": "Conclusion de l'analyse"},
        ),
        style="button-primary",
    ),
    "orienter_controle": vues.Action(
        "Orienter vers un contrôle",
        formulaire=type(
            "FormulaireOrientation",
            (vues.FormulaireTransition,),
            {"commentaire_requis": True, "libelle_commentaire": "Pourquoi un contrôle"},
        ),
    ),
}


class SignalementIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return Signalement.objects.select_related("dispositif")

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None


class SignalementCreateView(PerimetreCreateView):
    parents = {"dispositif": ("view",)}  # « Déclarer un signalement » on a dispositif's page

    def queryset_parent(self, champ):
        return Dispositif.objects.filter(type__regime__in=REGIMES_SOUMIS)

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        champ = form.fields.get("dispositif")
        if champ is not None:
            # Structures under authorisation or declaration only, open or not yet closed.
            champ.queryset = champ.queryset.filter(type__regime__in=REGIMES_SOUMIS)
        return form

    def save_instance(self):
        instance = self.form.instance
        instance.declare_par = self.request.user
        # A DDETS (or national) account files on the structure's behalf; its manager files
        # its own.
        instance.pour_le_compte = not perimetre_pour(
            self.request.user, "signalements.signalement", {"add"}
        ).entites
        instance = self.form.save()
        journaliser_creation(instance, self.request.user, transition="declarer")
        notifier_declaration(instance)
        return instance

    def get_success_url(self):
        return reverse("signalement:inspect", args=[self.object.pk])

    def get_success_buttons(self):
        return []  # no edit page: a declaration is a record

    def get_edit_url(self):
        return None


class SignalementInspectView(PerimetreInspectView):
    template_name = "signalements/inspect.html"
    fields = [
        "dispositif",
        "categorie",
        "date_evenement",
        "faits",
        "usagers_concernes",
        "personnels_concernes",
        "mesures_prises",
        "suites_envisagees",
        "impact_mediatique",
        "declare_le",
        "declare_par",
        "pour_le_compte",
        "etat",
        "conclusion",
    ]

    def get_edit_url(self):
        return None

    def get_delete_url(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["boutons"] = vues.boutons_transitions(
            self.object, self.request.user, ACTIONS, "signalement"
        )
        context["chronologie"] = chronologie(self.object)
        return context


class SignalementViewSet(vues.CircuitViewSetMixin, PerimetreModelViewSet):
    model = Signalement
    actions = ACTIONS
    icon = "warning"
    menu_label = "Signalements"
    menu_order = 160
    add_to_admin_menu = True
    url_prefix = "signalements"
    name = "signalement"
    index_view_class = SignalementIndexView
    add_view_class = SignalementCreateView
    inspect_view_class = SignalementInspectView
    filterset_class = SignalementFilterSet
    search_fields = ["recherche", "dispositif__recherche"]
    ordering = ["-declare_le"]
    list_display = [
        TitleColumn("__str__", label="Signalement", url_name="signalement:inspect"),
        Column("dispositif", label="Structure"),
        DateColumn("date_evenement", label="Événement le", sort_key="date_evenement"),
        Column("get_etat_display", label="État", sort_key="etat"),
        DateColumn("declare_le", label="Déclaré le", sort_key="declare_le"),
    ]
    list_export = [
        "pk",
        "dispositif.code",
        "dispositif.nom",
        "dispositif.departement_id",
        "get_categorie_display",
        "date_evenement",
        "usagers_concernes",
        "personnels_concernes",
        "get_etat_display",
        "declare_le",
    ]
    export_headings = {
        "pk": "N°",
        "dispositif.code": "Code dispositif",
        "dispositif.nom": "Structure",
        "dispositif.departement_id": "Département",
        "get_categorie_display": "Catégorie",
        "get_etat_display": "État",
    }
    export_filename = "signalements"

    def get_urlpatterns(self):
        # A declaration is a record: no edit, no delete page.
        return [p for p in super().get_urlpatterns() if p.name not in {"edit", "delete"}]

    panels = [
        FieldPanel("dispositif"),
        FieldPanel("categorie"),
        FieldPanel("date_evenement"),
        FieldPanel("faits"),
        FieldPanel("usagers_concernes"),
        FieldPanel("personnels_concernes"),
        FieldPanel("mesures_prises"),
        FieldPanel("suites_envisagees"),
        FieldPanel("impact_mediatique"),
    ]
