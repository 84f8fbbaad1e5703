"""Admin screens of candidatures: list (filters, ranking by score, export, bulk
admissibility), filing and edit forms (through the services), inspect page (state, actions,
scores, documents, what the candidature became)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces import perimetres
from backoffice.acces.viewsets import (
    PerimetreCreateView,
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

from ..filters import CandidatureFilterSet
from ..models import Candidature, EtatAppel, NatureDocumentCandidature
from ..models.candidature import MESSAGE_NON_MODIFIABLE
from ..services import ajouter_document, deposer_candidature, modifier_candidature
from .actions import ACTIONS_CANDIDATURE
from .communs import AjoutDocumentSelonEtatMixin, FicheMixin, GardeModificationMixin


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


class CandidatureEditView(GardeModificationMixin, RefusMixin, PerimetreEditView):
    message_refus = MESSAGE_NON_MODIFIABLE

    def save_instance(self):
        return modifier_candidature(
            self.request.user, self.form.instance, fichier=self.form.cleaned_data.get("dossier")
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (TransitionImpossible, PermissionDenied) as exc:
            return self.refuser(form, None, getattr(exc, "message", None) or str(exc))
        except ValidationError as exc:
            return self.refuser(form, None, exc)


class CandidatureInspectView(FicheMixin, PerimetreInspectView):
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        candidature = self.object
        user = self.request.user
        notes = {n.critere_id: n.note for n in candidature.notes.all()}
        context.update(
            {
                "boutons": vues.boutons_transitions(
                    candidature, user, ACTIONS_CANDIDATURE, "candidature"
                ),
                "chronologie": chronologie(candidature),
                "notes": [(c, notes.get(c.pk)) for c in candidature.appel.criteres.all()],
                "documents": list(candidature.documents.select_related("document")),
                "url_ajout_document": self.url_ajout_document("candidature"),
            }
        )
        return context


class AjoutDocumentCandidatureView(AjoutDocumentSelonEtatMixin, AjoutDocumentView):
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
