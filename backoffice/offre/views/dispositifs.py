"""Admin screens of the dispositifs: list (with capacities, today or on a past date), creation
from an entité, edit limited to minor fields for gestionnaires, page with the sections of the
apps above the offer (sections.py)."""

from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces import perimetres
from backoffice.acces.viewsets import (
    LECTURE,
    PerimetreCreateView,
    PerimetreEditView,
    PerimetreForm,
    PerimetreIndexView,
    PerimetreModelViewSet,
    deux_lignes,
)

from ..droits import peut_modifier_structure
from ..filters import DispositifFilterSet
from ..models import (
    Dispositif,
    exercice_courant,
)
from ..sections import capacites_au, sections_du_dispositif
from .communs import HistoriqueInspectView


class DispositifIndexView(PerimetreIndexView):
    add_item_label = "Ajouter un dispositif"

    def get_liste_queryset(self):
        return Dispositif.objects.select_related(
            "entite", "type", "type__nature", "departement"
        ).avec_capacites()

    @cached_property
    def axes_capacites(self):
        """(date, connu_au) asked for the capacity columns (filters « Capacités au » and
        « selon la base au »), each a past date or None; None when both are today."""
        filtres = self.filters
        if filtres is None or not filtres.is_valid():
            return None
        aujourdhui = timezone.localdate()
        date, connu_au = (
            valeur if valeur and valeur < aujourdhui else None
            for valeur in (filtres.form.cleaned_data.get(c) for c in ("date", "connu_au"))
        )
        if date is None and connu_au is None:
            return None
        return date or aujourdhui, connu_au

    @cached_property
    def columns(self):
        colonnes = super().columns
        if self.axes_capacites:
            date, connu_au = self.axes_capacites
            suffixe = f" au {date:%d/%m/%Y}"
            if connu_au:
                suffixe += f", selon la base au {connu_au:%d/%m/%Y}"
            for colonne in colonnes:
                if colonne.name in self.COLONNES_CAPACITES:
                    colonne.label = f"{colonne.label}{suffixe}"
        return colonnes

    COLONNES_CAPACITES = {"places_autorisees", "nb_places_financees", "nb_places_ouvertes"}

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if self.axes_capacites:
            # The page's rows only: the history read costs a few queries whatever the park.
            page = list(context["object_list"])
            date, connu_au = self.axes_capacites
            capacites = capacites_au(date, [d.pk for d in page], connu_au)
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
    # Laid out by hand (entité, type, capacities in between); it carries every field of
    # Dispositif.CHAMPS_DESCRIPTIFS, as do the panels (tests/offre/test_champs_descriptifs.py).
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
