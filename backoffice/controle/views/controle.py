"""Pages and viewset of controls: list (filters, queues, export), programming form (with its
findings), inspect page (state, actions, contradictory procedure, findings, measures, documents,
timeline), documents. Perimeters: the base classes of backoffice.acces.viewsets and the one
transition service; a gestionnaire's rows stop before the contradictory step by the model's own
perimeter rule."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces.perimetres import perimetre_pour
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
from backoffice.qualite.models import Anomalie, Regle
from workflows import vues
from workflows.services import chronologie

from ..choix import ETATS_DISPOSITIF_MODIFIABLE, ETATS_MESURES, ETATS_MODIFIABLES, Theme
from ..filters import ControleFilterSet
from ..models import Controle, ProgrammeControle, joindre_document
from ..regles import natures_documents, peut_conduire, reponse_possible
from .actions import ACTIONS_CONTROLE


class ControleForm(PerimetreForm):
    themes = forms.MultipleChoiceField(
        label="Thèmes",
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choisissez au moins un thème."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if "anomalie_origine" in self.fields:
            # The typical trigger: a DN@ occupancy below target (open findings only).
            champ = self.fields["anomalie_origine"]
            ouvertes = champ.queryset.filter(regle=Regle.OCCUPATION_SOUS_CIBLE, resolue_le=None)
            if instance.anomalie_origine_id:
                ouvertes = ouvertes | Anomalie.objects.filter(pk=instance.anomalie_origine_id)
            champ.queryset = ouvertes.select_related("dispositif")
        if instance.pk and instance.etat not in ETATS_DISPOSITIF_MODIFIABLE:
            for nom in ("dispositif", "programme"):
                if nom in self.fields:
                    self.fields[nom].disabled = True

    def clean(self):
        donnees = super().clean()
        dispositif = donnees.get("dispositif")
        if dispositif is not None and self.for_user is not None:
            perimetre = perimetre_pour(
                self.for_user, "controle.controle", ("change" if self.instance.pk else "add",)
            )
            if not perimetre.national and dispositif.departement_id not in perimetre.departements:
                self.add_error(
                    "dispositif",
                    "Ce dispositif n'est pas dans votre périmètre : vous ne pouvez pas y "
                    "programmer de contrôle.",
                )
        return donnees


class ControleIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return Controle.objects.select_related("dispositif", "entite", "programme")

    def get_edit_url(self, instance):
        # The entité controlled holds « change » to answer, never to edit.
        if not self.user_has_permission("add"):
            return None
        return super().get_edit_url(instance)


class ControleCreateView(vues.CreationJournaliseeMixin, PerimetreCreateView):
    # « Programmer un contrôle » from a dispositif's or a programme's page.
    parents = {"dispositif": ("view",), "programme": ("change",), "anomalie_origine": ("view",)}

    def parent_choisi(self, instance, champ, parent):
        if champ == "anomalie_origine" and parent.dispositif_id and not instance.dispositif_id:
            instance.dispositif_id = parent.dispositif_id
            if not instance.origine:
                instance.origine = f"{parent.get_regle_display()} : {parent.message}"


class ControleEditView(vues.GardeEtatMixin, PerimetreEditView):
    etats_permis = ETATS_MODIFIABLES
    message_refus = "Le contrôle ne se modifie plus à l'état « {etat} »."

    def permis(self, objet):
        return super().permis(objet) and peut_conduire(objet, self.request.user)

    def dispatch(self, request, *args, **kwargs):
        objet = self.get_object()
        if not peut_conduire(objet, request.user):
            messages.error(request, "Seule la DDETS qui conduit le contrôle le modifie.")
            return redirect(self.inspect_url_name, objet.pk)
        return super().dispatch(request, *args, **kwargs)


class ControleDeleteView(vues.SuppressionEncadreeVueMixin, PerimetreDeleteView):
    pass


class ControleInspectView(PerimetreInspectView):
    template_name = "controle/controle_inspect.html"
    fields = [
        "dispositif",
        "entite",
        "departement",
        "programme",
        "type_controle",
        "themes",
        "date_prevue",
        "inspecteurs",
        "origine",
        "anomalie_origine",
        "date_realisation",
        "date_limite_reponse",
        "cree_par",
        "cree_le",
    ]

    def get_themes_display_value(self):
        return self.object.themes_libelles

    @cached_property
    def conduit(self):
        return peut_conduire(self.object, self.request.user)

    def get_edit_url(self):
        if self.object.etat in ETATS_MODIFIABLES and self.conduit:
            return reverse("controle:edit", args=[self.object.pk])
        return None

    def get_delete_url(self):
        if self.object.motif_non_supprimable() is None and self.conduit:
            return reverse("controle:delete", args=[self.object.pk])
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        controle, user = self.object, self.request.user
        boutons = vues.boutons_transitions(controle, user, ACTIONS_CONTROLE, "controle")
        if not reponse_possible(controle):
            boutons = [b for b in boutons if b.nom != "repondre"]
        mesures_visibles = policy_for(controle.mesures.model).filtrer(
            controle.mesures.all(), user, ("view",)
        )
        context.update(
            {
                "boutons": boutons,
                "chronologie": chronologie(controle),
                "conduit": self.conduit,
                # The reasons of a risk-based proposal are the administration's (the programme's
                # readers), not the entité's.
                "voit_risques": policy_for(ProgrammeControle).user_has_permission(user, "view"),
                "constats": list(controle.constats.all()),
                "mesures": list(
                    mesures_visibles.select_related("avenant__convention", "demande_fermeture")
                ),
                "documents": list(controle.documents.select_related("document", "mesure")),
                "url_ajout_document": reverse("controle:ajouter_document", args=[controle.pk])
                if natures_documents(controle, user)
                else None,
                "url_ajout_mesure": f"{reverse('mesure:add')}?controle={controle.pk}"
                if self.conduit
                and controle.etat in ETATS_MESURES
                and policy_for(controle.mesures.model).user_has_permission(user, "add")
                else None,
            }
        )
        return context


class AjoutDocumentControleView(AjoutDocumentView):
    """The administration's documents while the control runs; the entité's attachments to its
    answer while it may still answer (regles.natures_documents)."""

    def dispatch(self, request, *args, **kwargs):
        self.objet = self.get_objet()
        self.natures = natures_documents(self.objet, request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_objet(self):
        if getattr(self, "objet", None) is not None:
            return self.objet
        return super().get_objet()

    def peut_ajouter(self, user, objet):
        return bool(self.natures)

    def enregistrer(self, objet, nature, fichier, titre):
        joindre_document(objet, fichier, nature, self.request.user, titre=titre)


class ControleViewSet(vues.CircuitViewSetMixin, PerimetreModelViewSet):
    model = Controle
    base_form_class = ControleForm
    actions = ACTIONS_CONTROLE
    ajout_document_view_class = AjoutDocumentControleView
    icon = "tasks"
    menu_label = "Contrôles"
    url_prefix = "controles"
    name = "controle"
    index_view_class = ControleIndexView
    add_view_class = ControleCreateView
    edit_view_class = ControleEditView
    delete_view_class = ControleDeleteView
    inspect_view_class = ControleInspectView
    filterset_class = ControleFilterSet
    search_fields = ["recherche", "dispositif__recherche", "entite__recherche"]
    ordering = ["-cree_le"]
    list_per_page = 50
    list_display = [
        TitleColumn("reference", label="Contrôle", url_name="controle:inspect", classname="code"),
        Column(
            "dispositif",
            label="Dispositif",
            sort_key="dispositif__nom",
            accessor=deux_lignes("dispositif.nom"),
        ),
        Column(
            "entite",
            label="Entité contrôlée",
            sort_key="entite__raison_sociale",
            accessor=deux_lignes("entite.raison_sociale"),
        ),
        Column("departement_id", label="Dép.", sort_key="departement"),
        Column("get_type_controle_display", label="Type", sort_key="type_controle"),
        Column("themes_libelles", label="Thèmes"),
        Column("date_prevue", label="Date prévue", sort_key="date_prevue", classname="date"),
        Column("get_etat_display", label="État", sort_key="etat"),
        Column(
            "date_limite_reponse",
            label="Réponse attendue le",
            sort_key="date_limite_reponse",
            classname="date",
        ),
    ]
    list_export = [
        "reference",
        "dispositif.code",
        "dispositif.nom",
        "entite.siren",
        "entite.raison_sociale",
        "departement_id",
        "programme.annee",
        "get_type_controle_display",
        "themes_libelles",
        "date_prevue",
        "inspecteurs",
        "origine",
        "score_risque",
        "get_etat_display",
        "date_realisation",
        "date_limite_reponse",
        "repondu_le",
    ]
    export_headings = {
        "reference": "Contrôle",
        "dispositif.code": "Code du dispositif",
        "dispositif.nom": "Dispositif",
        "entite.siren": "SIREN de l'entité",
        "entite.raison_sociale": "Entité contrôlée",
        "departement_id": "Département",
        "programme.annee": "Programme (année)",
        "get_type_controle_display": "Type",
        "themes_libelles": "Thèmes",
        "date_prevue": "Date prévue",
        "inspecteurs": "Inspecteurs",
        "origine": "Origine",
        "score_risque": "Score de risque",
        "get_etat_display": "État",
        "date_realisation": "Réalisé le",
        "date_limite_reponse": "Réponse attendue le",
        "repondu_le": "Réponse reçue le",
    }
    export_filename = "controles"
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("dispositif"),
                FieldPanel("programme"),
                FieldRowPanel([FieldPanel("type_controle"), FieldPanel("date_prevue")]),
                FieldPanel("themes"),
                FieldPanel("inspecteurs"),
            ],
            heading="Contrôle",
        ),
        MultiFieldPanel([FieldPanel("origine"), FieldPanel("anomalie_origine")], heading="Origine"),
        InlinePanel("constats", heading="Constats", label="Constat"),
    ]
