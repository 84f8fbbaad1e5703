"""Admin screens of calls for projects: list (filters, export), form with its split and
criteria, inspect page (state, actions, timeline, documents, sought → proposed → retained →
conventionnées → open, the ranked candidatures)."""

from django.urls import reverse
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import (
    PerimetreCreateView,
    PerimetreDeleteView,
    PerimetreEditView,
    PerimetreForm,
    PerimetreIndexView,
    PerimetreInspectView,
    PerimetreModelViewSet,
    deux_lignes,
)
from backoffice.documents.vues import AjoutDocumentView
from workflows import vues
from workflows.services import chronologie

from ..filters import AppelFilterSet
from ..models import AppelAProjets, Candidature, DocumentAppel, NatureDocumentAppel
from ..regles import erreurs_repartition, hors_perimetre_de_l_auteur
from .actions import ACTIONS_APPEL
from .communs import AjoutDocumentSelonEtatMixin, FicheMixin, GardeModificationMixin


class AppelForm(PerimetreForm):
    """Split and criteria are checked with the call once the child forms are cleaned (ClusterForm
    cleans them after the parent's own clean())."""

    def is_valid(self):
        if not super().is_valid():
            return False
        self.verifier(self.cleaned_data)
        return not self.errors

    def verifier(self, donnees):
        region = donnees.get("region")
        repartitions = []
        formset = self.formsets.get("repartitions")
        for sous in formset.forms if formset else []:
            d = getattr(sous, "cleaned_data", None) or {}
            if d and not d.get("DELETE") and d.get("departement"):
                repartitions.append((d["departement"], d.get("places_recherchees")))
        erreurs = erreurs_repartition(
            region.pk if region else None, donnees.get("places_recherchees"), repartitions
        )
        for erreur in erreurs:
            self.add_error(None, erreur)
        criteres = self.formsets.get("criteres")
        if criteres is not None and not any(
            (getattr(f, "cleaned_data", None) or {}).get("libelle")
            and not f.cleaned_data.get("DELETE")
            for f in criteres.forms
        ):
            self.add_error(None, "Définissez au moins un critère de sélection, avec son poids.")
        if (
            self.for_user is not None
            and region is not None
            and hors_perimetre_de_l_auteur(
                self.for_user, region.pk, [d.pk for d, _ in repartitions]
            )
        ):
            self.add_error(
                None,
                "Cet appel couvrirait des départements hors de votre périmètre : précisez "
                "la répartition par département (vos départements seulement).",
            )


class AppelIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return AppelAProjets.objects.select_related("type_dispositif", "region")


class AppelCreateView(vues.CreationJournaliseeMixin, PerimetreCreateView):
    pass


class AppelEditView(GardeModificationMixin, PerimetreEditView):
    message_refus = (
        "Un appel à projets « {etat} » ne se modifie plus "
        "(renvoyez-le au brouillon s'il n'est pas encore validé)."
    )


class AppelDeleteView(vues.SuppressionEncadreeVueMixin, PerimetreDeleteView):
    pass


class AppelInspectView(FicheMixin, PerimetreInspectView):
    template_name = "appels/appel_inspect.html"
    fields = [
        "reference",
        "titre",
        "type_dispositif",
        "region",
        "nationale",
        "etat",
        "places_recherchees",
        "cout_journalier_cible",
        "date_publication",
        "date_limite",
        "publie_le",
        "description",
        "motif",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appel = self.object
        user = self.request.user
        candidatures = policy_for(Candidature).filtrer(
            appel.candidatures.select_related("entite", "departement"), user, ("view",)
        )
        flux = appel.flux()
        context.update(
            {
                "boutons": vues.boutons_transitions(appel, user, ACTIONS_APPEL, "appel"),
                "chronologie": chronologie(appel),
                "flux": flux,
                "criteres": list(appel.criteres.all()),
                "repartitions": list(appel.repartitions.select_related("departement")),
                "documents": list(appel.documents.select_related("document")),
                "url_ajout_document": self.url_ajout_document("appel"),
                "candidatures": list(candidatures.classement()),
                "url_classement": (
                    f"{reverse('candidature:index')}?appel={appel.pk}&ordering=-score"
                ),
                "url_deposer": f"{reverse('candidature:add')}?appel={appel.pk}"
                if appel.depot_ouvert() and policy_for(Candidature).user_has_permission(user, "add")
                else None,
            }
        )
        return context


class AjoutDocumentAppelView(AjoutDocumentSelonEtatMixin, AjoutDocumentView):
    natures = NatureDocumentAppel.choices
    modele_document = DocumentAppel
    champ_objet = "appel"
    nom_collection = "Appels à projets"
    champ_reference = "reference"


class AppelViewSet(vues.CircuitViewSetMixin, PerimetreModelViewSet):
    model = AppelAProjets
    base_form_class = AppelForm
    actions = ACTIONS_APPEL
    ajout_document_view_class = AjoutDocumentAppelView
    icon = "pick"
    menu_label = "Appels à projets"
    url_prefix = "appels"
    name = "appel"
    index_view_class = AppelIndexView
    add_view_class = AppelCreateView
    edit_view_class = AppelEditView
    delete_view_class = AppelDeleteView
    inspect_view_class = AppelInspectView
    filterset_class = AppelFilterSet
    search_fields = ["recherche"]
    ordering = ["-date_limite"]
    list_display = [
        TitleColumn(
            "reference",
            label="Référence",
            sort_key="reference",
            url_name="appel:inspect",
            classname="code",
        ),
        Column("titre", label="Titre", sort_key="titre", accessor=deux_lignes("titre")),
        Column("type_dispositif", label="Type de places"),
        Column("region", label="Région"),
        Column(
            "places_recherchees",
            label="Places recherchées",
            sort_key="places_recherchees",
            classname="nombre",
        ),
        Column("date_limite", label="Date limite", sort_key="date_limite", classname="date"),
        Column("get_etat_display", label="État", sort_key="etat"),
    ]
    list_export = [
        "reference",
        "titre",
        "type_dispositif.libelle",
        "region.nom",
        "nationale",
        "places_recherchees",
        "cout_journalier_cible",
        "date_publication",
        "date_limite",
        "get_etat_display",
    ]
    export_headings = {
        "reference": "Référence",
        "titre": "Titre",
        "type_dispositif.libelle": "Type de places",
        "region.nom": "Région",
        "nationale": "Vague nationale",
        "places_recherchees": "Places recherchées",
        "cout_journalier_cible": "Coût journalier cible (€)",
        "date_publication": "Publication prévue",
        "date_limite": "Date limite",
        "get_etat_display": "État",
    }
    export_filename = "appels-a-projets"
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("titre"),
                FieldRowPanel([FieldPanel("type_dispositif"), FieldPanel("region")]),
                FieldPanel("nationale"),
                FieldRowPanel(
                    [FieldPanel("places_recherchees"), FieldPanel("cout_journalier_cible")]
                ),
                FieldRowPanel([FieldPanel("date_publication"), FieldPanel("date_limite")]),
                FieldPanel("description"),
            ],
            heading="Appel à projets",
        ),
        InlinePanel(
            "repartitions", heading="Répartition des places par département", label="Département"
        ),
        InlinePanel("criteres", heading="Critères de sélection", label="Critère", min_num=0),
    ]
