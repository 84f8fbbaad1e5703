"""Admin screens of the offer: entités, dispositifs, groupes de places, financements, and the
nomenclature. Perimeters are enforced by the base classes of backoffice.acces.viewsets."""

from django import forms
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup

from backoffice.acces import perimetres
from backoffice.acces.policies import policy_for
from backoffice.acces.roles import Role
from backoffice.acces.viewsets import (
    LECTURE,
    PerimetreCreateView,
    PerimetreEditView,
    PerimetreForm,
    PerimetreIndexView,
    PerimetreInspectView,
    PerimetreModelViewSet,
    ReferentielViewSet,
    deux_lignes,
)

from .filters import DispositifFilterSet, EntiteFilterSet, FinancementFilterSet, GroupeFilterSet
from .historique import historique
from .models import (
    Dispositif,
    EntiteGestionnaire,
    Financement,
    GroupeDePlaces,
    Nature,
    Programme,
    PublicSpecifique,
    TypeDispositif,
    exercice_courant,
)
from .sections import capacites_au, sections_du_dispositif
from .validators import normaliser_siren

# ---------------------------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------------------------


class HistoriqueInspectView(PerimetreInspectView):
    """Inspect page with the field-level history (who, when, field, before → after)."""

    template_name = "offre/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["historique"] = historique(self.object)
        return context


# ---------------------------------------------------------------------------------------------
# Entités gestionnaires
# ---------------------------------------------------------------------------------------------


class EntiteIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        # The count is a figure: only the dispositifs of the user's perimeter (an entité seen
        # from the 75 must not reveal how many dispositifs it runs in the 44).
        visibles = (
            perimetres.filtrer(
                Dispositif.objects.filter(entite=OuterRef("pk")),
                perimetres.perimetre_pour(self.request.user, "offre.dispositif", "view"),
            )
            .order_by()
            .values("entite")
            .annotate(nombre=Count("pk"))
            .values("nombre")
        )
        return EntiteGestionnaire.objects.select_related("departement").annotate(
            nb_dispositifs=Coalesce(Subquery(visibles), Value(0))
        )


class EntiteInspectView(HistoriqueInspectView):
    template_name = "offre/entite_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dispositifs = perimetres.filtrer(
            self.object.dispositifs.select_related("type", "departement").avec_capacites(),
            perimetres.perimetre_pour(self.request.user, "offre.dispositif", "view"),
        )
        dispositifs = list(dispositifs)
        context["dispositifs"] = dispositifs
        context["totaux"] = {
            "autorisees": sum(d.places_autorisees or 0 for d in dispositifs),
            "financees": sum(d.nb_places_financees for d in dispositifs),
            "ouvertes": sum(d.nb_places_ouvertes for d in dispositifs),
        }
        context["contacts"] = self.object.contacts.all()
        context["exercice"] = exercice_courant()
        context.update(liens_ajout(self.request.user, self.object))
        return context


def liens_ajout(user, entite):
    """« Ajouter » links of an entité's page, the entité already chosen in the form."""
    if not policy_for(Dispositif).user_has_permission(user, "add"):
        return {}
    return {"url_ajout_dispositif": f"{reverse('dispositif:add')}?entite={entite.pk}"}


class EntiteForm(PerimetreForm):
    """A SIREN is often pasted as printed ("552 100 554"): accept it, keep its 9 digits (the
    model field's 9-character limit would refuse it before the model could normalise it)."""

    siren = forms.CharField(label="SIREN", max_length=20, help_text="9 chiffres.")

    def clean_siren(self):
        return normaliser_siren(self.cleaned_data["siren"])


class EntiteViewSet(PerimetreModelViewSet):
    model = EntiteGestionnaire
    icon = "group"
    menu_label = "Entités gestionnaires"
    url_prefix = "offre/entites"
    name = "entite"
    index_view_class = EntiteIndexView
    inspect_view_class = EntiteInspectView
    list_display = [
        TitleColumn(
            "raison_sociale",
            label="Raison sociale",
            sort_key="raison_sociale",
            url_name="entite:inspect",
        ),
        Column("siren", label="SIREN", sort_key="siren", classname="code"),
        Column("get_statut_juridique_display", label="Statut"),
        Column("commune", label="Commune", sort_key="commune"),
        Column("departement", label="Département", sort_key="departement"),
        Column(
            "nb_dispositifs", label="Dispositifs", sort_key="nb_dispositifs", classname="nombre"
        ),
    ]
    list_export = [
        "siren",
        "raison_sociale",
        "get_statut_juridique_display",
        "adresse",
        "code_postal",
        "commune",
        "departement.code",
        "telephone",
        "courriel",
        "nb_dispositifs",
    ]
    export_headings = {
        "siren": "SIREN",
        "get_statut_juridique_display": "Statut juridique",
        "departement.code": "Département du siège",
        "nb_dispositifs": "Nombre de dispositifs",
    }
    export_filename = "entites-gestionnaires"
    filterset_class = EntiteFilterSet
    search_fields = ["recherche"]
    ordering = ["raison_sociale"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("raison_sociale"),
                FieldPanel("siren"),
                FieldPanel("statut_juridique"),
                FieldPanel("parent"),
            ],
            heading="Identité",
        ),
        MultiFieldPanel(
            [
                FieldPanel("adresse"),
                FieldRowPanel([FieldPanel("code_postal"), FieldPanel("commune")]),
                FieldPanel("departement"),
                FieldRowPanel([FieldPanel("telephone"), FieldPanel("courriel")]),
            ],
            heading="Siège et coordonnées",
        ),
        MultiFieldPanel(
            [FieldPanel("agrements"), FieldPanel("convention_collective")], heading="Agréments"
        ),
        InlinePanel("contacts", heading="Contacts référents", label="Contact"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=EntiteForm).bind_to_model(self.model)


# ---------------------------------------------------------------------------------------------
# Dispositifs
# ---------------------------------------------------------------------------------------------


def peut_modifier_structure(user, dispositif=None):
    """Full edit rights, i.e. a change right that does not come from the gestionnaire role
    (gestionnaires edit minor fields only and request the rest)."""
    perimetre = perimetres.perimetre_pour(
        user, "offre.dispositif", "change", exclure_roles=(Role.GESTIONNAIRE,)
    )
    if dispositif is None:
        return not perimetre.vide
    return perimetres.contient(perimetre, dispositif)


class DispositifIndexView(PerimetreIndexView):
    add_item_label = "Ajouter un dispositif"

    def get_liste_queryset(self):
        return Dispositif.objects.select_related(
            "entite", "type", "type__nature", "departement"
        ).avec_capacites()

    @cached_property
    def date_capacites(self):
        """A past date asked for the capacity columns (filter « Capacités au »), or None."""
        filtres = self.filters
        if filtres is None or not filtres.is_valid():
            return None
        date = filtres.form.cleaned_data.get("date")
        return date if date and date < timezone.localdate() else None

    @cached_property
    def columns(self):
        colonnes = super().columns
        if self.date_capacites:
            suffixe = f" au {self.date_capacites:%d/%m/%Y}"
            for colonne in colonnes:
                if colonne.name in self.COLONNES_CAPACITES:
                    colonne.label = f"{colonne.label}{suffixe}"
        return colonnes

    COLONNES_CAPACITES = {"places_autorisees", "nb_places_financees", "nb_places_ouvertes"}

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if self.date_capacites:
            # The page's rows only: the history read costs a few queries whatever the park.
            page = list(context["object_list"])
            capacites = capacites_au(self.date_capacites, [d.pk for d in page])
            for dispositif in page:
                chiffres = capacites.get(dispositif.pk)
                dispositif.places_autorisees = chiffres.autorisees if chiffres else None
                dispositif.nb_places_financees = chiffres.financees if chiffres else 0
                dispositif.nb_places_ouvertes = chiffres.ouvertes if chiffres else 0
        return context


class DispositifCreateView(PerimetreCreateView):
    parents = {"entite": LECTURE}  # « Ajouter un dispositif » on an entité's page

    def parent_choisi(self, instance, champ, parent):
        # The entité's département is the likeliest one, when the user may create there.
        perimetre = perimetres.perimetre_pour(self.request.user, "offre.dispositif", "add")
        if perimetre.national or parent.departement_id in perimetre.departements:
            instance.departement_id = parent.departement_id


class DispositifEditView(PerimetreEditView):
    @cached_property
    def champs_mineurs_seulement(self):
        # Called from setup(), before dispatch() checks the "change" permission: without that
        # permission, do not fetch the object (it would answer 404 to a reader of the row);
        # dispatch() then refuses the request (redirect with « permission refusée »).
        if not self.user_has_permission("change"):
            return False
        return not peut_modifier_structure(self.request.user, self.get_object())

    def get_panel(self):
        if self.champs_mineurs_seulement:
            return ObjectList(
                [FieldPanel(champ) for champ in Dispositif.CHAMPS_MINEURS],
                heading="Coordonnées",
                base_form_class=PerimetreForm,
            ).bind_to_model(Dispositif)
        return super().get_panel()

    def get_form_class(self):
        if self.champs_mineurs_seulement:
            return self.panel.get_form_class()
        return super().get_form_class()


class DispositifInspectView(HistoriqueInspectView):
    template_name = "offre/dispositif_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dispositif = self.object
        groupes = list(dispositif.groupes.all())
        financements = list(dispositif.financements.select_related("programme"))
        # Capacities, requests, anomalies, conventions: sections of the apps above the offer.
        sections_avant, sections_apres = sections_du_dispositif(dispositif, self.request)
        context.update(
            {
                "exercice": exercice_courant(),
                "groupes": groupes,
                "financements": financements,
                "sections_avant": sections_avant,
                "sections_apres": sections_apres,
                "avertissement_siret": dispositif.avertissement_siret,
                "peut_modifier_structure": peut_modifier_structure(self.request.user, dispositif),
            }
        )
        return context

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        self.object = super().get_object(queryset)
        return Dispositif.objects.select_related("entite", "type__nature", "departement").get(
            pk=self.object.pk
        )


class DispositifViewSet(PerimetreModelViewSet):
    model = Dispositif
    icon = "home"
    menu_label = "Dispositifs"
    url_prefix = "offre/dispositifs"
    name = "dispositif"
    index_view_class = DispositifIndexView
    add_view_class = DispositifCreateView
    edit_view_class = DispositifEditView
    inspect_view_class = DispositifInspectView
    list_per_page = 50
    # Fits a 1280 px screen in one or two lines (tests/e2e/test_listes_ecran.py): the entité
    # by its name (SIREN on its page), the commune with its département; opening and closing
    # dates are on the dispositif's page and in the export.
    list_display = [
        Column("code", label="Code", sort_key="code", classname="code"),
        TitleColumn(
            "nom",
            label="Nom",
            sort_key="nom",
            url_name="dispositif:inspect",
            classname="deux-lignes",
        ),
        Column(
            "entite",
            label="Entité gestionnaire",
            sort_key="entite__raison_sociale",
            accessor=deux_lignes("entite.raison_sociale"),
        ),
        Column(
            "type", label="Type", sort_key="type__libelle", accessor=deux_lignes("type.libelle")
        ),
        Column(
            "commune",
            label="Commune (dép.)",
            sort_key="commune",
            accessor=lambda d: f"{d.commune}\u00a0({d.departement_id})",
            classname="commune",
        ),
        Column(
            "places_autorisees",
            label="Autorisées",
            sort_key="places_autorisees",
            classname="nombre",
        ),
        Column(
            "nb_places_financees",
            label="Financées",
            sort_key="nb_places_financees",
            classname="nombre",
        ),
        Column(
            "nb_places_ouvertes",
            label="Ouvertes",
            sort_key="nb_places_ouvertes",
            classname="nombre",
        ),
    ]
    list_export = [
        "code",
        "reference_locale",
        "nom",
        "entite.siren",
        "entite.raison_sociale",
        "type.nature.libelle",
        "type.libelle",
        "departement_id",
        "adresse",
        "code_postal",
        "commune",
        "siret",
        "finess",
        "code_dna",
        "get_public_display",
        "get_mode_hebergement_display",
        "places_autorisees",
        "places_pmr",
        "nb_places_financees",
        "nb_places_ouvertes",
        "date_ouverture",
        "date_fermeture",
        "telephone",
        "courriel",
    ]
    export_headings = {
        "code": "Code dispositif",
        "reference_locale": "Référence locale",
        "nom": "Nom du dispositif",
        "entite.siren": "SIREN de l'entité",
        "entite.raison_sociale": "Entité gestionnaire",
        "type.nature.libelle": "Nature",
        "type.libelle": "Type",
        "departement_id": "Département",
        "get_public_display": "Public",
        "get_mode_hebergement_display": "Mode d'hébergement",
        "nb_places_financees": "Places financées (exercice en cours)",
        "nb_places_ouvertes": "Places ouvertes",
    }
    export_filename = "dispositifs"
    filterset_class = DispositifFilterSet
    search_fields = ["recherche", "entite__recherche"]
    ordering = ["code"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("nom"),
                FieldPanel("entite"),
                FieldPanel("type"),
                FieldPanel("departement"),
                FieldPanel("reference_locale"),
            ],
            heading="Identification",
        ),
        MultiFieldPanel(
            [
                FieldPanel("adresse"),
                FieldRowPanel([FieldPanel("code_postal"), FieldPanel("commune")]),
                FieldRowPanel([FieldPanel("siret"), FieldPanel("finess"), FieldPanel("code_dna")]),
            ],
            heading="Adresse et identifiants",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("public"), FieldPanel("mode_hebergement")]),
                FieldPanel("publics_specifiques"),
                FieldRowPanel([FieldPanel("places_autorisees"), FieldPanel("places_pmr")]),
                FieldRowPanel(
                    [FieldPanel("date_autorisation"), FieldPanel("date_fin_autorisation")]
                ),
                FieldRowPanel([FieldPanel("date_ouverture"), FieldPanel("date_fermeture")]),
            ],
            heading="Public, capacité et dates",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("telephone"), FieldPanel("courriel")]),
                FieldPanel("horaires"),
                FieldPanel("responsable"),
            ],
            heading="Coordonnées",
        ),
    ]


# ---------------------------------------------------------------------------------------------
# Groupes de places and financements
# ---------------------------------------------------------------------------------------------


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


class OffreViewSetGroup(ModelViewSetGroup):
    menu_label = "Offre"
    menu_icon = "home"
    menu_order = 100
    items = (EntiteViewSet, DispositifViewSet, GroupeViewSet, FinancementViewSet)


# ---------------------------------------------------------------------------------------------
# Nomenclature (editable by national administrators only: roles.py gives others "view")
# ---------------------------------------------------------------------------------------------


class NatureViewSet(ReferentielViewSet):
    model = Nature
    icon = "list-ul"
    menu_label = "Natures"
    url_prefix = "referentiels/natures"
    name = "nature"
    list_display = ["code", "libelle", "validation_directe_siao", "sans_places", "ordre"]
    list_export = ["code", "libelle", "validation_directe_siao", "sans_places"]
    form_fields = ["code", "libelle", "validation_directe_siao", "sans_places", "ordre"]
    search_fields = ["recherche"]


class TypeDispositifViewSet(ReferentielViewSet):
    model = TypeDispositif
    icon = "list-ul"
    menu_label = "Types de dispositif"
    url_prefix = "referentiels/types"
    name = "typedispositif"
    list_display = [
        "code",
        "libelle",
        "nature",
        "regime",
        "cout_journalier_reference",
        "validation_directe_siao",
    ]
    list_export = ["code", "libelle", "nature.libelle", "regime", "cout_journalier_reference"]
    list_filter = ["nature", "regime"]
    form_fields = [
        "code",
        "nature",
        "libelle",
        "regime",
        "cout_journalier_reference",
        "validation_directe_siao",
        "ordre",
    ]
    search_fields = ["recherche"]

    def get_index_view_kwargs(self, **kwargs):
        # The « nature » column: read with the rows, not one query per row.
        return super().get_index_view_kwargs(
            queryset=TypeDispositif.objects.select_related("nature"), **kwargs
        )


class ProgrammeViewSet(ReferentielViewSet):
    model = Programme
    icon = "list-ul"
    menu_label = "Programmes budgétaires"
    url_prefix = "referentiels/programmes"
    name = "programme"
    list_display = ["code", "libelle"]
    form_fields = ["code", "libelle"]


class PublicSpecifiqueViewSet(ReferentielViewSet):
    model = PublicSpecifique
    icon = "list-ul"
    menu_label = "Publics spécifiques"
    url_prefix = "referentiels/publics"
    name = "publicspecifique"
    list_display = ["code", "libelle"]
    form_fields = ["code", "libelle"]
