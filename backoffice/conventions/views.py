"""Admin screens of conventions and avenants: queues per role, lists with filters and exports,
inspect pages (state, actions, timeline, documents, lines and their versions), transition and
bulk transition views, documents, linking of financing lines, renewal. Perimeters are enforced
by the base classes of backoffice.acces.viewsets and by the transition service."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSetGroup

from backoffice.acces import perimetres
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
from backoffice.offre.historique import historique
from backoffice.offre.models import Dispositif, Financement, exercice_courant
from workflows import suppression, vues
from workflows.services import chronologie

from . import circuits, services
from .filters import (
    AvenantFilterSet,
    ConventionFilterSet,
    FinancementSansConventionFilterSet,
    filtrer_file,
)
from .models import (
    ETATS_ACTIFS,
    Avenant,
    Convention,
    DocumentConvention,
    EtatAvenant,
    EtatConvention,
    LigneConvention,
    NatureDocument,
)
from .notifications import notifier_avenant_cree

# ---------------------------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------------------------


def _lignes_du_formset(form, nom="lignes"):
    formset = form.formsets.get(nom)
    lignes = []
    if formset is None:
        return lignes
    for sous in formset.forms:
        donnees = getattr(sous, "cleaned_data", None) or {}
        if not donnees or donnees.get("DELETE"):
            continue
        lignes.append((donnees.get("dispositif"), donnees.get("places_conventionnees")))
    return lignes


class ConventionForm(PerimetreForm):
    """Checks the per-dispositif lines together with the convention (entité, period, places
    autorisées, overlaps): after the child forms are cleaned, which ClusterForm does after the
    parent's own clean()."""

    def is_valid(self):
        if not super().is_valid():
            return False
        self.verifier_lignes(self.cleaned_data)
        return not self.errors

    def verifier_lignes(self, donnees):
        instance = self.instance
        entite = donnees.get("entite")
        date_debut = donnees.get("date_debut")
        date_fin = donnees.get("date_fin")
        if donnees.get("type_convention") == "cada" and date_debut and not date_fin:
            provisoire = Convention(type_convention="cada", date_debut=date_debut)
            provisoire.appliquer_duree_par_defaut()
            date_fin = provisoire.date_fin
        erreurs = instance.erreurs_lignes(
            _lignes_du_formset(self),
            entite_id=entite.pk if entite else None,
            date_debut=date_debut,
            date_fin=date_fin,
        )
        for erreur in erreurs:
            self.add_error(None, erreur)


class AvenantForm(PerimetreForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "convention" in self.fields:
            self.fields["convention"].queryset = self.fields["convention"].queryset.filter(
                etat__in=ETATS_ACTIFS
            )

    def is_valid(self):
        if not super().is_valid():
            return False
        self.verifier_lignes(self.cleaned_data)
        return not self.errors

    def verifier_lignes(self, donnees):
        convention = donnees.get("convention") or (
            self.instance.convention if self.instance.convention_id else None
        )
        if convention is None:
            return
        provisoire = Convention(pk=convention.pk, entite_id=convention.entite_id)
        erreurs = []
        for dispositif, places in _lignes_du_formset(self):
            if dispositif is None:
                continue
            erreurs += provisoire.erreurs_lignes(
                [(dispositif, places)], date_debut=None, date_fin=None
            )
        for erreur in erreurs:
            self.add_error(None, erreur)


# ---------------------------------------------------------------------------------------------
# Actions (transition buttons)
# ---------------------------------------------------------------------------------------------

ACTIONS_CONVENTION = {
    "soumettre": vues.Action("Soumettre", style="button-primary"),
    "pre_valider": vues.Action("Pré-valider", style="button-primary", groupable=True),
    "valider": vues.Action("Valider", style="button-primary", groupable=True),
    "signer": vues.Action(
        "Enregistrer la signature", formulaire=circuits.FormulaireSignature, style="button-primary"
    ),
    "renvoyer": vues.Action("Renvoyer au brouillon", formulaire=vues.FormulaireRenvoi),
    "resilier": vues.Action(
        "Résilier", formulaire=circuits.FormulaireResiliation, style="button-secondary no"
    ),
    "abandonner": vues.Action(
        "Abandonner", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
}

ACTIONS_AVENANT = {
    "valider": vues.Action("Valider l'avenant", style="button-primary", groupable=True),
    "signer": vues.Action(
        "Enregistrer la signature", formulaire=circuits.FormulaireSignature, style="button-primary"
    ),
    "renvoyer": vues.Action("Renvoyer au brouillon", formulaire=vues.FormulaireRenvoi),
    "abandonner": vues.Action(
        "Abandonner", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
}

ETATS_MODIFIABLES = {EtatConvention.BROUILLON}
ETATS_AVENANT_MODIFIABLES = {EtatAvenant.BROUILLON}


def modifiable_par(vue_edition, objet):
    """Whether the edit view (a GardeEtatMixin) opens for `objet`: the page offers « Modifier »
    on the same guard the view applies."""
    return getattr(objet, objet.CHAMP_ETAT) in vue_edition.etats_permis


# ---------------------------------------------------------------------------------------------
# Conventions
# ---------------------------------------------------------------------------------------------


class ConventionIndexView(PerimetreIndexView):
    template_name = "conventions/index.html"

    def get_liste_queryset(self):
        return Convention.objects.select_related("entite", "departement")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        base = self.get_base_queryset()
        context["files"] = [
            (cle, libelle, filtrer_file(base, cle).count(), self.request.GET.get("file") == cle)
            for cle, libelle in (
                ("a_pre_valider", "À pré-valider"),
                ("a_valider", "À valider"),
                ("a_signer", "À signer"),
                ("fin_3_mois", "Fin dans 3 mois"),
                ("fin_6_mois", "Fin dans 6 mois"),
                ("sans_financement", "Sans financement"),
            )
        ]
        context["url_liste"] = reverse("convention:index")
        context["actions_groupees"] = [
            (nom, action.libelle, reverse("convention:transition_groupee", args=[nom]))
            for nom, action in ACTIONS_CONVENTION.items()
            if action.groupable
        ]
        return context


class ConventionCreateView(vues.CreationJournaliseeMixin, PerimetreCreateView):
    pass


class ConventionEditView(vues.GardeEtatMixin, PerimetreEditView):
    etats_permis = ETATS_MODIFIABLES
    message_refus = (
        "Une convention « {etat} » ne se modifie plus : "
        "elle évolue par ses actions (renvoi au brouillon, avenant, résiliation…)."
    )


def peut_supprimer(modele, objet, user):
    """Whether to offer « Supprimer »: the delete permission and the deletion rules."""
    return policy_for(modele).user_has_permission_for_instance(
        user, "delete", objet
    ) and not suppression.motif_refus(objet, user)


class ConventionDeleteView(vues.SuppressionEncadreeVueMixin, PerimetreDeleteView):
    pass


def versions_des_lignes(convention):
    """Every recorded version of the per-dispositif lines, newest first (for the inspect page)."""
    versions = (
        LigneConvention.history.filter(convention_id=convention.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    dispositifs = {
        d.pk: d
        for d in Dispositif.objects.filter(pk__in={v.dispositif_id for v in versions}).only(
            "pk", "code", "nom"
        )
    }
    return [
        {
            "date": v.history_date,
            "dispositif": dispositifs.get(v.dispositif_id),
            "places": v.places_conventionnees,
            "type": {"+": "Ajout", "~": "Modification", "-": "Retrait"}.get(v.history_type),
            "motif": v.history_change_reason or "",
            "auteur": (v.history_user.get_full_name() or v.history_user.email)
            if v.history_user
            else "Système",
        }
        for v in versions[:100]
    ]


class ConventionInspectView(PerimetreInspectView):
    template_name = "conventions/convention_inspect.html"
    fields = [
        "numero",
        "intitule",
        "type_convention",
        "entite",
        "departement",
        "nationale",
        "etat",
        "date_debut",
        "date_fin",
        "signataire",
        "signataire_nom",
        "date_signature",
        "convention_precedente",
        "objectifs",
        "observations",
        "date_resiliation",
        "motif_resiliation",
    ]

    def get_edit_url(self):
        if modifiable_par(ConventionEditView, self.object) and policy_for(
            Convention
        ).user_has_permission_for_instance(self.request.user, "change", self.object):
            return reverse("convention:edit", args=[self.object.pk])
        return None

    def get_delete_url(self):
        if peut_supprimer(Convention, self.object, self.request.user):
            return reverse("convention:delete", args=[self.object.pk])
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        convention = self.object
        user = self.request.user
        aujourdhui = timezone.localdate()
        exercice = exercice_courant()
        peut_modifier = policy_for(Convention).user_has_permission_for_instance(
            user, "change", convention
        )
        lignes = list(
            convention.lignes.select_related("dispositif__type", "dispositif__departement")
        )
        financements = list(
            perimetres.filtrer(
                convention.financements.select_related("dispositif", "programme"),
                perimetres.perimetre_pour(user, "offre.financement", "view"),
            )
        )
        context.update(
            {
                "boutons": vues.boutons_transitions(
                    convention, user, ACTIONS_CONVENTION, "convention"
                ),
                "chronologie": chronologie(convention),
                "lignes": lignes,
                "total_places": sum(ligne.places_conventionnees for ligne in lignes),
                "montants": list(convention.montants.all()),
                "avenants": list(convention.avenants.all()),
                "documents": list(convention.documents.select_related("document", "avenant")),
                "financements": financements,
                "sans_financement_exercice": convention.etat in ETATS_ACTIFS
                and not any(f.exercice == exercice for f in financements),
                "exercice": exercice,
                "historique": historique(convention),
                "versions_lignes": versions_des_lignes(convention),
                "renouvellements": list(convention.renouvellements.exclude(etat="abandonnee")),
                "url_ajout_document": reverse("convention:ajouter_document", args=[convention.pk])
                if peut_modifier and convention.etat != EtatConvention.ABANDONNEE
                else None,
                "peut_rattacher": peut_modifier,
                # Covered dispositifs are lines of the draft's form.
                "url_modifier_lignes": self.get_edit_url(),
                "peut_ajouter_avenant": services.peut_ajouter_avenant(convention, user),
                "peut_renouveler": services.peut_renouveler(convention, user),
                "places_au_jour": convention.lignes_au(aujourdhui)
                if convention.en_vigueur_le(aujourdhui)
                else {},
                "candidatures": list(convention.candidatures.select_related("appel"))
                if hasattr(convention, "candidatures")
                else [],
            }
        )
        return context


class AjoutDocumentConventionView(circuits.AjoutDocumentView):
    natures = [
        (NatureDocument.PROJET, NatureDocument.PROJET.label),
        (NatureDocument.ANNEXE, NatureDocument.ANNEXE.label),
        (NatureDocument.AUTRE, NatureDocument.AUTRE.label),
    ]
    modele_document = DocumentConvention
    champ_objet = "convention"
    nom_collection = "Conventions"


class FormulaireRattachement(forms.Form):
    financements = forms.ModelMultipleChoiceField(
        queryset=Financement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Lignes de financement financées par cette convention",
    )


class RattachementFinancementsView(vues.VueObjetMixin, WagtailAdminTemplateMixin, TemplateView):
    """Link the financing lines of the covered dispositifs to the convention (or unlink)."""

    model = Convention
    espace = "convention"
    template_name = "conventions/rattachement.html"
    page_title = "Lignes de financement de la convention"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        self.objet = self.get_objet()
        if not self.policy.user_has_permission_for_instance(request.user, "change", self.objet):
            messages.error(request, "Vous ne pouvez pas modifier cette convention.")
            return redirect(self.url_fiche(self.objet))
        return super().dispatch(request, *args, **kwargs)

    def candidats(self):
        return services.financements_rattachables(self.objet, self.request.user)

    def formulaire(self, data=None):
        form = FormulaireRattachement(
            data, initial={"financements": self.candidats().filter(convention=self.objet)}
        )
        form.fields["financements"].queryset = self.candidats()
        form.fields["financements"].label_from_instance = lambda f: (
            f"{f.dispositif.code} · {f.exercice} · {f.programme_id} · {f.places_financees} places"
            + (
                f" (actuellement : {f.convention.numero})"
                if f.convention_id and f.convention_id != self.objet.pk
                else ""
            )
        )
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "objet": self.objet,
                "form": kwargs.get("form") or self.formulaire(),
                "url_fiche": self.url_fiche(self.objet),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.formulaire(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        services.rattacher_financements(
            self.objet, form.cleaned_data["financements"], self.candidats()
        )
        messages.success(request, "Lignes de financement enregistrées.")
        return redirect(self.url_fiche(self.objet))


class RenouvellementView(vues.VueObjetMixin, WagtailAdminTemplateMixin, TemplateView):
    """Create the draft renewing a convention: same entité, dispositifs and places, starting
    the day after its end, for the same length."""

    model = Convention
    espace = "convention"
    template_name = "conventions/renouvellement.html"
    page_title = "Renouveler la convention"
    header_icon = "repeat"

    def dispatch(self, request, *args, **kwargs):
        self.objet = self.get_objet()
        if not services.peut_renouveler(self.objet, request.user):
            messages.error(request, "Cette convention ne peut pas être renouvelée par vous.")
            return redirect(self.url_fiche(self.objet))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"objet": self.objet, "url_fiche": self.url_fiche(self.objet)})
        return context

    def post(self, request, *args, **kwargs):
        try:
            nouvelle = services.renouveler(self.objet, request.user)
        except ValidationError as exc:
            messages.error(request, "Renouvellement impossible : " + " ".join(exc.messages))
            return redirect(self.url_fiche(self.objet))
        messages.success(request, f"Brouillon de renouvellement créé : {nouvelle.numero}.")
        return redirect("convention:edit", nouvelle.pk)


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


# ---------------------------------------------------------------------------------------------
# Avenants
# ---------------------------------------------------------------------------------------------


class AvenantIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return Avenant.objects.select_related("convention", "convention__entite")


class AvenantCreateView(vues.CreationJournaliseeMixin, PerimetreCreateView):
    parents = {"convention": ("change",)}  # « Rédiger un avenant » on a convention's page

    def queryset_parent(self, champ):
        return Convention.objects.filter(etat__in=ETATS_ACTIFS)

    def save_instance(self):
        instance = super().save_instance()
        notifier_avenant_cree(instance)
        return instance


class AvenantEditView(vues.GardeEtatMixin, PerimetreEditView):
    etats_permis = ETATS_AVENANT_MODIFIABLES
    message_refus = "Un avenant validé ou signé ne se modifie plus."


class AvenantDeleteView(vues.SuppressionEncadreeVueMixin, PerimetreDeleteView):
    pass


class AvenantInspectView(PerimetreInspectView):
    template_name = "conventions/avenant_inspect.html"
    fields = [
        "convention",
        "numero",
        "objet",
        "date_effet",
        "etat",
        "date_signature",
        "applique_le",
    ]

    def get_edit_url(self):
        if modifiable_par(AvenantEditView, self.object) and policy_for(
            Avenant
        ).user_has_permission_for_instance(self.request.user, "change", self.object):
            return reverse("avenant:edit", args=[self.object.pk])
        return None

    def get_delete_url(self):
        if peut_supprimer(Avenant, self.object, self.request.user):
            return reverse("avenant:delete", args=[self.object.pk])
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        avenant = self.object
        actuelles = {
            ligne.dispositif_id: ligne.places_conventionnees
            for ligne in avenant.convention.lignes.all()
        }
        context.update(
            {
                "boutons": vues.boutons_transitions(
                    avenant, self.request.user, ACTIONS_AVENANT, "avenant"
                ),
                "chronologie": chronologie(avenant),
                "lignes": [
                    (ligne, actuelles.get(ligne.dispositif_id))
                    for ligne in avenant.lignes.select_related("dispositif")
                ],
                "montants": list(avenant.montants.all()),
                "documents": list(avenant.documents.select_related("document")),
            }
        )
        return context


class AvenantViewSet(vues.CircuitViewSetMixin, PerimetreModelViewSet):
    model = Avenant
    base_form_class = AvenantForm
    actions = ACTIONS_AVENANT
    colonnes_groupees = (
        ("Avenant", lambda a: str(a)),
        ("Objet", lambda a: a.objet[:80]),
        ("Effet", lambda a: a.date_effet.strftime("%d/%m/%Y")),
    )
    icon = "edit"
    menu_label = "Avenants"
    url_prefix = "conventions/avenants"
    name = "avenant"
    index_view_class = AvenantIndexView
    add_view_class = AvenantCreateView
    edit_view_class = AvenantEditView
    delete_view_class = AvenantDeleteView
    inspect_view_class = AvenantInspectView
    filterset_class = AvenantFilterSet
    search_fields = ["recherche", "convention__recherche"]
    ordering = ["-date_effet"]
    list_display = [
        TitleColumn("__str__", label="Avenant", url_name="avenant:inspect"),
        Column("convention", label="Convention"),
        Column("date_effet", label="Date d'effet", sort_key="date_effet"),
        Column("get_etat_display", label="État", sort_key="etat"),
        Column("applique_le", label="Appliqué le", sort_key="applique_le"),
    ]
    list_export = [
        "convention.numero",
        "numero",
        "objet",
        "date_effet",
        "get_etat_display",
        "date_signature",
        "applique_le",
    ]
    export_headings = {
        "convention.numero": "Convention",
        "numero": "Numéro d'avenant",
        "get_etat_display": "État",
    }
    export_filename = "avenants"
    panels = [
        FieldPanel("convention"),
        FieldPanel("objet"),
        FieldPanel("date_effet"),
        InlinePanel("lignes", heading="Nouvelles places conventionnées", label="Dispositif"),
        InlinePanel("montants", heading="Nouveaux montants annuels", label="Exercice"),
    ]


# ---------------------------------------------------------------------------------------------
# Financing lines without a convention (a list is enough)
# ---------------------------------------------------------------------------------------------


class FinancementSansConventionIndexView(PerimetreIndexView):
    page_title = "Financements sans convention"

    def get_liste_queryset(self):
        return Financement.objects.filter(convention__isnull=True).select_related(
            "dispositif", "programme"
        )

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_inspect_url(self, instance):
        return reverse("financement:inspect", args=[instance.pk])


class FinancementSansConventionViewSet(PerimetreModelViewSet):
    """Read-only listing of the financing lines not linked to a convention (links to the
    financing line's own pages)."""

    model = Financement
    icon = "warning"
    menu_label = "Financements sans convention"
    url_prefix = "conventions/financements-sans-convention"
    name = "financement_sans_convention"
    recherche_globale = False
    index_view_class = FinancementSansConventionIndexView
    filterset_class = FinancementSansConventionFilterSet
    search_fields = ["dispositif__recherche"]
    ordering = ["-exercice", "dispositif__code"]
    list_display = [
        TitleColumn(
            "dispositif",
            label="Dispositif",
            sort_key="dispositif__code",
            url_name="financement:inspect",
            classname="deux-lignes",
        ),
        Column("exercice", label="Exercice", sort_key="exercice", classname="nombre"),
        Column("programme_id", label="Programme"),
        Column("places_financees", label="Places", sort_key="places_financees", classname="nombre"),
        Column(
            "montant_annuel",
            label="Montant annuel (€)",
            sort_key="montant_annuel",
            classname="nombre",
        ),
    ]
    list_export = [
        "dispositif.code",
        "dispositif.nom",
        "exercice",
        "programme_id",
        "places_financees",
        "montant_annuel",
    ]
    export_headings = {"dispositif.code": "Code dispositif", "dispositif.nom": "Dispositif"}
    export_filename = "financements-sans-convention"
    form_fields = ["exercice"]

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name in {"index", "index_results"}]

    def register_admin_url_finder(self):
        pass  # the financing lines' own viewset ("financement") stays their admin URL

    def register_reference_index(self):
        pass


# ---------------------------------------------------------------------------------------------
# Menu: the group and its queues
# ---------------------------------------------------------------------------------------------


class ConventionsViewSetGroup(ModelViewSetGroup):
    menu_label = "Conventions"
    menu_icon = "doc-full-inverse"
    menu_order = 300
    items = (ConventionViewSet, AvenantViewSet, FinancementSansConventionViewSet)

    def get_submenu_items(self):
        from wagtail.admin.menu import MenuItem

        class FileMenuItem(MenuItem):
            def is_shown(self, request):
                return request.user.has_perm("conventions.view_convention")

        items = super().get_submenu_items()
        files = [
            ("a_pre_valider", "À pré-valider"),
            ("a_valider", "À valider"),
            ("a_signer", "À signer"),
            ("fin_6_mois", "Se terminant bientôt"),
        ]
        for rang, (cle, libelle) in enumerate(files):
            items.insert(
                1 + rang,
                FileMenuItem(
                    f"· {libelle}",
                    url=f"{reverse('convention:index')}?file={cle}",
                    name=f"conventions-{cle}",
                    icon_name="list-ul",
                    order=2 + rang,
                ),
            )
        return items
