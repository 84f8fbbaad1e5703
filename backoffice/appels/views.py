"""Admin screens of calls for projects and candidatures: lists with queues, filters and exports,
inspect pages (state, actions, timeline, documents, sought → proposed → retained →
conventionnées → open), transition views, scoring, ranking (the candidature list of a call,
sorted by score, exportable), filing of candidatures."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.admin.ui.tables import Column, TitleColumn
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
from backoffice.documents.depot import ChampDocument
from backoffice.documents.vues import AjoutDocumentView
from backoffice.offre.models import EntiteGestionnaire
from backoffice.offre.validators import normaliser_siren
from backoffice.territoires.models import Departement
from workflows import vues
from workflows.services import TransitionImpossible, chronologie

from .filters import AppelFilterSet, CandidatureFilterSet
from .models import (
    AppelAProjets,
    Candidature,
    DocumentAppel,
    EtatAppel,
    EtatCandidature,
    NatureDocumentAppel,
    NatureDocumentCandidature,
)
from .services import ajouter_document, deposer_candidature

# ---------------------------------------------------------------------------------------------
# Transition forms
# ---------------------------------------------------------------------------------------------


class FormulaireNotes(vues.FormulaireTransition):
    libelle_commentaire = "Avis de l'instructeur"

    def __init__(self, *args, objet=None, **kwargs):
        super().__init__(*args, objet=objet, **kwargs)
        self.criteres = list(objet.appel.criteres.all()) if objet is not None else []
        existantes = {n.critere_id: n.note for n in objet.notes.all()} if objet is not None else {}
        for critere in self.criteres:
            self.fields[f"note_{critere.pk}"] = forms.DecimalField(
                label=f"{critere.libelle} (poids {critere.poids}) — note sur 20",
                min_value=Decimal("0"),
                max_value=Decimal("20"),
                decimal_places=2,
                initial=existantes.get(critere.pk),
                error_messages={
                    "required": "Notez ce critère.",
                    "invalid": "Saisissez un nombre (ex. 14,5).",
                    "min_value": "La note est au moins 0.",
                    "max_value": "La note est au plus 20.",
                },
            )
        if objet is not None and objet.commentaire_instruction:
            self.fields["commentaire"].initial = objet.commentaire_instruction
        # The comment comes last, after the scores.
        self.order_fields([*[f"note_{c.pk}" for c in self.criteres], "commentaire"])

    def parametres(self):
        return {"notes": {c.pk: self.cleaned_data[f"note_{c.pk}"] for c in self.criteres}}


class FormulaireRetenue(vues.FormulaireTransition):
    libelle_commentaire = "Motif de la décision"
    places_retenues = forms.IntegerField(
        label="Places retenues",
        min_value=1,
        error_messages={
            "invalid": "Saisissez un nombre entier de places.",
            "min_value": "Retenez au moins une place.",
        },
    )

    def __init__(self, *args, objet=None, **kwargs):
        super().__init__(*args, objet=objet, **kwargs)
        if objet is not None:
            self.fields["places_retenues"].initial = objet.places_proposees
            self.fields["places_retenues"].max_value = objet.places_proposees


class FormulaireConventionnement(vues.FormulaireTransition):
    date_debut = vues.ChampDate(
        label="Début de la convention (ouverture prévue des places)",
        error_messages={"required": "Indiquez la date de début."},
    )

    def __init__(self, *args, objet=None, **kwargs):
        super().__init__(*args, objet=objet, **kwargs)
        self.fields["date_debut"].initial = timezone.localdate()


ACTIONS_APPEL = {
    "soumettre": vues.Action("Soumettre", style="button-primary"),
    "pre_valider": vues.Action("Pré-valider", style="button-primary"),
    "valider": vues.Action("Valider", style="button-primary"),
    "publier": vues.Action("Publier", style="button-primary"),
    "renvoyer": vues.Action("Renvoyer au brouillon", formulaire=vues.FormulaireRenvoi),
    "ouvrir_instruction": vues.Action("Ouvrir l'instruction", style="button-primary"),
    "arreter_selection": vues.Action("Arrêter la sélection", style="button-primary"),
    "terminer": vues.Action("Terminer", style="button-primary"),
    "declarer_infructueux": vues.Action(
        "Déclarer infructueux", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
    "annuler": vues.Action(
        "Annuler l'appel", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
}

ACTIONS_CANDIDATURE = {
    "declarer_recevable": vues.Action("Déclarer recevable", style="button-primary", groupable=True),
    "declarer_irrecevable": vues.Action(
        "Déclarer irrecevable", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
    "instruire": vues.Action("Noter", formulaire=FormulaireNotes, style="button-primary"),
    "retenir": vues.Action("Retenir", formulaire=FormulaireRetenue, style="button-primary"),
    "ne_pas_retenir": vues.Action(
        "Ne pas retenir", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
    "conventionner": vues.Action(
        "Créer le dispositif et la convention",
        formulaire=FormulaireConventionnement,
        style="button-primary",
    ),
    "desister": vues.Action("Se désister", formulaire=vues.FormulaireTransition),
    "classer_sans_suite": vues.Action(
        "Classer sans suite", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
}


# ---------------------------------------------------------------------------------------------
# Appels à projets
# ---------------------------------------------------------------------------------------------


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
        provisoire = AppelAProjets(
            region=region, places_recherchees=donnees.get("places_recherchees")
        )
        repartitions = []
        formset = self.formsets.get("repartitions")
        for sous in formset.forms if formset else []:
            d = getattr(sous, "cleaned_data", None) or {}
            if d and not d.get("DELETE") and d.get("departement"):
                repartitions.append((d["departement"], d.get("places_recherchees")))
        for erreur in provisoire.erreurs_repartition(repartitions):
            self.add_error(None, erreur)
        criteres = self.formsets.get("criteres")
        if criteres is not None and not any(
            (getattr(f, "cleaned_data", None) or {}).get("libelle")
            and not f.cleaned_data.get("DELETE")
            for f in criteres.forms
        ):
            self.add_error(None, "Définissez au moins un critère de sélection, avec son poids.")
        # The call must stay within the author's perimeter (else they could not steer it).
        if self.for_user is not None and region is not None:
            perimetre = perimetres.perimetre_pour(
                self.for_user, "appels.appelaprojets", ("add", "change")
            )
            codes = {d.pk for d, _ in repartitions} or set(
                Departement.objects.filter(region=region).values_list("code", flat=True)
            )
            if not perimetre.national and not codes <= perimetre.departements:
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


class AppelEditView(vues.GardeEtatMixin, PerimetreEditView):
    etats_permis = {EtatAppel.BROUILLON}
    message_refus = (
        "Un appel à projets « {etat} » ne se modifie plus "
        "(renvoyez-le au brouillon s'il n'est pas encore validé)."
    )


class AppelDeleteView(vues.SuppressionEncadreeVueMixin, PerimetreDeleteView):
    pass


class AppelInspectView(PerimetreInspectView):
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

    def get_edit_url(self):
        if self.object.etat == EtatAppel.BROUILLON and policy_for(
            AppelAProjets
        ).user_has_permission_for_instance(self.request.user, "change", self.object):
            return reverse("appel:edit", args=[self.object.pk])
        return None

    def get_delete_url(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appel = self.object
        user = self.request.user
        candidatures = policy_for(Candidature).filtrer(
            appel.candidatures.select_related("entite", "departement"), user, ("view",)
        )
        peut_modifier = policy_for(AppelAProjets).user_has_permission_for_instance(
            user, "change", appel
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
                "url_ajout_document": reverse("appel:ajouter_document", args=[appel.pk])
                if peut_modifier and appel.etat not in (EtatAppel.ANNULE, EtatAppel.TERMINE)
                else None,
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


class AjoutDocumentAppelView(AjoutDocumentView):
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


# ---------------------------------------------------------------------------------------------
# Candidatures
# ---------------------------------------------------------------------------------------------


class CandidatureForm(PerimetreForm):
    siren_entite = forms.CharField(
        label="… ou SIREN de l'entité candidate",
        required=False,
        help_text="Pour enregistrer la candidature d'un opérateur hors de vos listes.",
    )
    dossier = ChampDocument(label="Dossier de candidature", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "appel" in self.fields:
            # Published calls; one whose deadline just passed is still listed until the
            # scheduled task closes it, and the filing is refused with a clear message.
            self.fields["appel"].queryset = self.fields["appel"].queryset.filter(
                etat=EtatAppel.PUBLIE
            )
        if "entite" in self.fields:
            self.fields["entite"].required = False
        perimetre = perimetres.perimetre_pour(
            self.for_user, "appels.candidature", ("add", "change")
        )
        if "departement" in self.fields and not perimetre.national:
            # A candidature lies in its call: the départements the offered calls cover (an
            # operator bids outside its own département), and, for an agent, only those of
            # its perimeter (Candidature.clean checks the call covers it).
            couverts = set()
            champ_appel = self.fields.get("appel")
            appels = champ_appel.queryset.prefetch_related("repartitions") if champ_appel else []
            for appel in appels:
                couverts |= set(appel.departements)
            if perimetre.departements:
                couverts &= perimetre.departements
            if self.instance.departement_id:
                couverts.add(self.instance.departement_id)
            self.fields["departement"].queryset = Departement.objects.filter(code__in=couverts)
        if not perimetre.departements and not perimetre.national:
            # Recording the candidature of an operator without an account is the agents' job.
            self.fields.pop("siren_entite", None)
        if self.instance.pk:
            # Filed: the call and the candidate do not change any more.
            for nom in ("appel", "entite", "siren_entite"):
                if nom in self.fields:
                    self.fields[nom].disabled = True

    def clean(self):
        donnees = super().clean()
        siren = normaliser_siren(donnees.get("siren_entite") or "")
        if not donnees.get("entite"):
            if siren:
                entite = EntiteGestionnaire.objects.filter(siren=siren).first()
                if entite is None:
                    self.add_error(
                        "siren_entite",
                        "Aucune entité gestionnaire avec ce SIREN : créez-la d'abord.",
                    )
                else:
                    donnees["entite"] = entite
                    self.instance.entite = entite
            elif "entite" in self.fields:
                self.add_error("entite", "Choisissez l'entité candidate (ou saisissez son SIREN).")
        return donnees

    def _post_clean(self):
        super()._post_clean()
        # _post_clean rebuilds the instance from the form fields: keep an entité found by SIREN.
        if self.cleaned_data.get("entite") and not self.instance.entite_id:
            self.instance.entite = self.cleaned_data["entite"]


class CandidatureIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return Candidature.objects.select_related("appel", "entite", "departement")


class RefusMixin:
    def refuser(self, form, champ, erreur):
        """Back to the form with the error; nothing saved (Wagtail's own invalid path)."""
        form.add_error(champ, erreur)
        self.produced_error_code = "validation_error"
        self.produced_error_message = self.get_error_message()
        return self.form_invalid(form)


class CandidatureCreateView(RefusMixin, PerimetreCreateView):
    parents = {"appel": ("view",)}  # « Déposer une candidature » on a call's page

    def parent_choisi(self, instance, champ, appel):
        codes = appel.departements
        if len(codes) == 1:
            instance.departement_id = codes[0]

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance()
        entites = perimetres.perimetre_pour(self.request.user, "appels.candidature", "add").entites
        if len(entites) == 1:
            instance.entite_id = next(iter(entites))
        return instance

    def form_valid(self, form):
        self.form = form
        instance = form.instance
        try:
            deposer_candidature(
                self.request.user, instance, fichier=form.cleaned_data.get("dossier")
            )
        except Http404:
            return self.refuser(form, "appel", "Appel à projets introuvable.")
        except PermissionDenied as exc:
            return self.refuser(form, None, str(exc))
        except TransitionImpossible as exc:
            return self.refuser(form, None, exc.message)
        except ValidationError as exc:
            return self.refuser(form, None, exc)
        self.object = instance
        messages.success(
            self.request,
            f"Candidature « {instance.nom_projet} » déposée pour l'appel "
            f"{instance.appel.reference}.",
        )
        return redirect("candidature:inspect", instance.pk)


class CandidatureEditView(vues.GardeEtatMixin, RefusMixin, PerimetreEditView):
    etats_permis = {EtatCandidature.DEPOSEE}
    message_refus = (
        "Une candidature ne se modifie que tant que l'appel à projets est ouvert "
        "et qu'elle n'est pas examinée."
    )

    def permis(self, objet):
        return super().permis(objet) and objet.appel.depot_ouvert()

    def save_instance(self):
        # The deadline may have passed while the form was open: lock the call and check again.
        with transaction.atomic():
            appel = AppelAProjets.objects.select_for_update().get(pk=self.object.appel_id)
            if not appel.depot_ouvert():
                raise TransitionImpossible("La date limite de dépôt est passée.")
            instance = super().save_instance()
            if self.form.cleaned_data.get("dossier"):
                ajouter_document(
                    instance,
                    self.form.cleaned_data["dossier"],
                    NatureDocumentCandidature.DOSSIER,
                    self.request.user,
                )
            return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except TransitionImpossible as exc:
            return self.refuser(form, None, exc.message)


class CandidatureInspectView(PerimetreInspectView):
    template_name = "appels/candidature_inspect.html"
    fields = [
        "appel",
        "entite",
        "departement",
        "nom_projet",
        "dispositif_existant",
        "places_proposees",
        "communes",
        "cout_journalier",
        "description",
        "etat",
        "deposee_le",
        "deposee_par",
        "motif_irrecevabilite",
        "commentaire_instruction",
        "score",
        "places_retenues",
        "motif_decision",
    ]

    def get_edit_url(self):
        objet = self.object
        if (
            objet.etat == EtatCandidature.DEPOSEE
            and objet.appel.depot_ouvert()
            and policy_for(Candidature).user_has_permission_for_instance(
                self.request.user, "change", objet
            )
        ):
            return reverse("candidature:edit", args=[objet.pk])
        return None

    def get_delete_url(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        candidature = self.object
        user = self.request.user
        notes = {n.critere_id: n.note for n in candidature.notes.all()}
        peut_modifier = policy_for(Candidature).user_has_permission_for_instance(
            user, "change", candidature
        )
        context.update(
            {
                "boutons": vues.boutons_transitions(
                    candidature, user, ACTIONS_CANDIDATURE, "candidature"
                ),
                "chronologie": chronologie(candidature),
                "notes": [(c, notes.get(c.pk)) for c in candidature.appel.criteres.all()],
                "documents": list(candidature.documents.select_related("document")),
                "url_ajout_document": reverse("candidature:ajouter_document", args=[candidature.pk])
                if peut_modifier
                and candidature.etat not in (EtatCandidature.DESISTEE, EtatCandidature.IRRECEVABLE)
                else None,
            }
        )
        return context


class AjoutDocumentCandidatureView(AjoutDocumentView):
    natures = NatureDocumentCandidature.choices

    def enregistrer(self, objet, nature, fichier, titre):
        with transaction.atomic():
            ajouter_document(objet, fichier, nature, self.request.user, titre=titre)


class CandidatureViewSet(vues.CircuitViewSetMixin, PerimetreModelViewSet):
    model = Candidature
    base_form_class = CandidatureForm
    actions = ACTIONS_CANDIDATURE
    colonnes_groupees = (
        ("Projet", lambda c: c.nom_projet),
        ("Appel", lambda c: c.appel.reference),
        ("Entité", lambda c: c.entite.raison_sociale),
        ("Places", lambda c: c.places_proposees),
    )
    ajout_document_view_class = AjoutDocumentCandidatureView
    icon = "form"
    menu_label = "Candidatures"
    url_prefix = "appels/candidatures"
    name = "candidature"
    index_view_class = CandidatureIndexView
    add_view_class = CandidatureCreateView
    edit_view_class = CandidatureEditView
    inspect_view_class = CandidatureInspectView
    filterset_class = CandidatureFilterSet
    search_fields = ["recherche", "entite__recherche"]
    ordering = ["-score"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "nom_projet",
            label="Projet",
            sort_key="nom_projet",
            url_name="candidature:inspect",
            classname="deux-lignes",
        ),
        # The call by its reference (its title is on its page).
        Column(
            "appel",
            label="Appel",
            sort_key="appel__reference",
            accessor="appel.reference",
            classname="code",
        ),
        Column(
            "entite",
            label="Entité",
            sort_key="entite__raison_sociale",
            accessor=deux_lignes("entite.raison_sociale"),
        ),
        Column("departement_id", label="Dép.", sort_key="departement"),
        Column(
            "places_proposees",
            label="Places proposées",
            sort_key="places_proposees",
            classname="nombre",
        ),
        Column(
            "cout_journalier",
            label="Coût / jour (€)",
            sort_key="cout_journalier",
            classname="nombre",
        ),
        Column("score", label="Note /20", sort_key="score", classname="nombre"),
        Column(
            "places_retenues",
            label="Places retenues",
            sort_key="places_retenues",
            classname="nombre",
        ),
        Column("get_etat_display", label="État", sort_key="etat"),
    ]
    list_export = [
        "appel.reference",
        "nom_projet",
        "entite.siren",
        "entite.raison_sociale",
        "departement_id",
        "places_proposees",
        "communes",
        "cout_journalier",
        "score",
        "get_etat_display",
        "places_retenues",
        "motif_decision",
        "deposee_le",
    ]
    export_headings = {
        "appel.reference": "Appel à projets",
        "nom_projet": "Projet",
        "entite.siren": "SIREN",
        "entite.raison_sociale": "Entité candidate",
        "departement_id": "Département",
        "places_proposees": "Places proposées",
        "communes": "Communes",
        "cout_journalier": "Coût journalier (€)",
        "score": "Note pondérée /20",
        "get_etat_display": "État",
        "places_retenues": "Places retenues",
        "motif_decision": "Motif de la décision",
        "deposee_le": "Déposée le",
    }
    export_filename = "candidatures"
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("appel"),
                FieldPanel("entite"),
                FieldPanel("siren_entite"),
                FieldPanel("departement"),
            ],
            heading="Appel et candidat",
        ),
        MultiFieldPanel(
            [
                FieldPanel("nom_projet"),
                FieldPanel("dispositif_existant"),
                FieldRowPanel([FieldPanel("places_proposees"), FieldPanel("cout_journalier")]),
                FieldPanel("communes"),
                FieldPanel("description"),
                FieldPanel("dossier"),
            ],
            heading="Projet",
        ),
    ]


class AppelsViewSetGroup(ModelViewSetGroup):
    menu_label = "Appels à projets"
    menu_icon = "pick"
    menu_order = 310
    items = (AppelViewSet, CandidatureViewSet)
