"""Pages and viewset of measures: list (follow-up, deadlines, export), form (from a control's
page), inspect page (follow-up buttons, the avenant or closure request it proposed, its dated
mise en demeure), and the two pages proposing a suite that acts on the rest of the park
(../suites.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

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

from ..choix import ETATS_DOCUMENTS, ETATS_MESURES, NatureDocument, SuiviMesure, TypeMesure
from ..filters import MesureFilterSet
from ..models import Controle, Mesure, joindre_document
from ..regles import peut_conduire
from ..suites import (
    convention_en_vigueur,
    peut_proposer_avenant,
    peut_proposer_fermeture,
    proposer_avenant,
    proposer_fermeture,
)
from .actions import ACTIONS_MESURE, FormulaireFermeture


class MesureForm(PerimetreForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "controle" in self.fields:
            champ = self.fields["controle"]
            champ.queryset = champ.queryset.filter(etat__in=ETATS_MESURES).order_by("-pk")
            if self.instance.pk:
                champ.disabled = True

    def clean(self):
        donnees = super().clean()
        controle = donnees.get("controle")
        if (
            controle is not None
            and self.for_user is not None
            and not peut_conduire(controle, self.for_user)
        ):
            self.add_error(
                "controle", "Seule la DDETS qui conduit ce contrôle y ajoute des mesures."
            )
        return donnees


class MesureIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return Mesure.objects.select_related("controle", "controle__dispositif")

    def get_edit_url(self, instance):
        if not self.user_has_permission("add"):
            return None
        return super().get_edit_url(instance)


class MesureCreateView(PerimetreCreateView):
    parents = {"controle": ("change",)}  # « Ajouter une mesure » on a control's page

    def queryset_parent(self, champ):
        return Controle.objects.filter(etat__in=ETATS_MESURES)

    def save_instance(self):
        self.form.instance.cree_par = self.request.user
        return super().save_instance()


class MesureEditView(vues.GardeEtatMixin, PerimetreEditView):
    message_refus = "La mesure ne se modifie plus (suivi : « {etat} » ou contrôle clos)."

    def permis(self, objet):
        return (
            objet.etat == SuiviMesure.A_SUIVRE
            and objet.controle.etat in ETATS_MESURES
            and peut_conduire(objet.controle, self.request.user)
        )


class MesureDeleteView(vues.SuppressionEncadreeVueMixin, PerimetreDeleteView):
    pass


class MesureInspectView(PerimetreInspectView):
    template_name = "controle/mesure_inspect.html"
    fields = [
        "controle",
        "type_mesure",
        "texte",
        "echeance",
        "date_notification",
        "montant_minoration",
        "date_fermeture",
        "etat",
        "date_suivi",
        "cree_par",
        "cree_le",
    ]

    def get_object(self, queryset=None):
        objet = super().get_object(queryset)
        return Mesure.objects.select_related(
            "controle__dispositif", "avenant__convention", "demande_fermeture"
        ).get(pk=objet.pk)

    @cached_property
    def conduit(self):
        return peut_conduire(self.object.controle, self.request.user)

    def get_edit_url(self):
        if (
            self.conduit
            and self.object.etat == SuiviMesure.A_SUIVRE
            and self.object.controle.etat in ETATS_MESURES
        ):
            return reverse("mesure:edit", args=[self.object.pk])
        return None

    def get_delete_url(self):
        if self.conduit and self.object.motif_non_supprimable() is None:
            return reverse("mesure:delete", args=[self.object.pk])
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mesure, user = self.object, self.request.user
        context.update(
            {
                "boutons": vues.boutons_transitions(mesure, user, ACTIONS_MESURE, "mesure"),
                "chronologie": chronologie(mesure),
                "documents": list(mesure.documents.select_related("document")),
                "url_ajout_document": reverse("mesure:ajouter_document", args=[mesure.pk])
                if self.conduit and mesure.controle.etat in ETATS_DOCUMENTS
                else None,
                "url_avenant": reverse("mesure:proposer_avenant", args=[mesure.pk])
                if peut_proposer_avenant(mesure, user)
                else None,
                "url_fermeture": reverse("mesure:proposer_fermeture", args=[mesure.pk])
                if peut_proposer_fermeture(mesure, user)
                else None,
                "voit_avenant": mesure.avenant_id
                and policy_for(type(mesure.avenant))
                .instances_user_has_any_permission_for(user, ("view",))
                .filter(pk=mesure.avenant_id)
                .exists(),
                "voit_demande": mesure.demande_fermeture_id
                and policy_for(type(mesure.demande_fermeture))
                .instances_user_has_any_permission_for(user, ("view",))
                .filter(pk=mesure.demande_fermeture_id)
                .exists(),
                "mise_en_demeure": mesure.type_mesure == TypeMesure.MISE_EN_DEMEURE,
            }
        )
        return context


class AjoutDocumentMesureView(AjoutDocumentView):
    """A mise en demeure (a dated letter) or another document of the measure, by the DDETS."""

    natures = [
        (NatureDocument.MISE_EN_DEMEURE.value, NatureDocument.MISE_EN_DEMEURE.label),
        (NatureDocument.AUTRE.value, NatureDocument.AUTRE.label),
    ]

    def peut_ajouter(self, user, objet):
        return peut_conduire(objet.controle, user) and objet.controle.etat in ETATS_DOCUMENTS

    def enregistrer(self, objet, nature, fichier, titre):
        joindre_document(
            objet.controle,
            fichier,
            nature,
            self.request.user,
            titre=titre or f"{objet.controle.reference} – {dict(self.natures)[nature]}",
            mesure=objet,
        )


class PropositionSuiteView(vues.VueObjetMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET: what the suite will do; POST: do it through ../suites.py. Out of perimeter: 404."""

    template_name = "controle/proposition_suite.html"
    header_icon = "resubmit"
    quoi = ""

    def dispatch(self, request, *args, **kwargs):
        # The object first: out of perimeter is not found, whatever the rest.
        self.objet = self.get_objet()
        if not self.peut(self.objet, request.user):
            messages.error(request, "Cette suite n'est pas à proposer ici, ou plus maintenant.")
            return redirect(self.url_fiche(self.objet))
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.titre

    def get_page_subtitle(self):
        return str(self.objet)

    def formulaire(self, data=None):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "objet": self.objet,
                "form": kwargs.get("form") or self.formulaire(),
                "url_fiche": self.url_fiche(self.objet),
                "explication": self.explication(),
                "bouton": self.titre,
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.formulaire(request.POST)
        if form is not None and not form.is_valid():
            messages.error(request, "Corrigez les erreurs ci-dessous : rien n'a été enregistré.")
            return self.render_to_response(self.get_context_data(form=form))
        try:
            resultat = self.proposer(form)
        except PermissionDenied as exc:
            messages.error(request, f"Action non effectuée : {exc}")
            return redirect(self.url_fiche(self.objet))
        except ValidationError as exc:
            messages.error(request, f"Action non effectuée : {' '.join(exc.messages)}")
            return redirect(self.url_fiche(self.objet))
        messages.success(request, self.message_succes(resultat))
        return redirect(self.url_fiche(self.objet))


class PropositionAvenantView(PropositionSuiteView):
    titre = "Proposer l'avenant de minoration"
    peut = staticmethod(peut_proposer_avenant)

    def explication(self):
        convention = convention_en_vigueur(self.objet.controle.dispositif)
        if convention is None:
            return (
                "Aucune convention en vigueur ne couvre ce dispositif : l'avenant ne peut pas "
                "être proposé."
            )
        texte = (
            f"Un avenant au brouillon sera rédigé sur la convention {convention.numero} "
            f"({convention.intitule}), à compter d'aujourd'hui"
        )
        if self.objet.montant_minoration:
            texte += f", avec une dotation annuelle réduite de {self.objet.montant_minoration} €"
        return texte + ". La DDETS le complète puis le fait valider comme tout avenant."

    def proposer(self, form):
        return proposer_avenant(self.objet, self.request.user)

    def message_succes(self, avenant):
        return f"{avenant} rédigé au brouillon : complétez-le puis faites-le valider."


class PropositionFermetureView(PropositionSuiteView):
    titre = "Proposer la fermeture"
    peut = staticmethod(peut_proposer_fermeture)

    def formulaire(self, data=None):
        mesure = self.objet
        return FormulaireFermeture(
            data, initial={"date_fermeture": mesure.date_fermeture or mesure.echeance}
        )

    def explication(self):
        return (
            f"Une demande de fermeture du dispositif {self.objet.controle.dispositif} sera "
            "déposée et instruite comme toute demande (SIAO, puis DDETS). Si une demande de "
            "fermeture est déjà en cours, elle sera rattachée à la mesure."
        )

    def proposer(self, form):
        return proposer_fermeture(
            self.objet, self.request.user, date_fermeture=form.cleaned_data["date_fermeture"]
        )

    def message_succes(self, demande):
        return f"Demande de fermeture {demande.numero} rattachée à la mesure."


class MesureViewSet(vues.CircuitViewSetMixin, PerimetreModelViewSet):
    model = Mesure
    base_form_class = MesureForm
    actions = ACTIONS_MESURE
    ajout_document_view_class = AjoutDocumentMesureView
    icon = "warning"
    menu_label = "Mesures"
    url_prefix = "controles/mesures"
    name = "mesure"
    index_view_class = MesureIndexView
    add_view_class = MesureCreateView
    edit_view_class = MesureEditView
    delete_view_class = MesureDeleteView
    inspect_view_class = MesureInspectView
    filterset_class = MesureFilterSet
    recherche_globale = False
    ordering = ["echeance"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "get_type_mesure_display",
            label="Mesure",
            sort_key="type_mesure",
            url_name="mesure:inspect",
        ),
        Column("texte_court", label="Texte", accessor=deux_lignes("texte_court")),
        Column("controle", label="Contrôle", sort_key="controle"),
        Column(
            "dispositif",
            label="Dispositif",
            accessor=deux_lignes("controle.dispositif.nom"),
        ),
        Column("echeance", label="Échéance", sort_key="echeance", classname="date"),
        Column("get_etat_display", label="Suivi", sort_key="etat"),
    ]
    list_export = [
        "controle.reference",
        "controle.dispositif.nom",
        "get_type_mesure_display",
        "texte",
        "echeance",
        "date_notification",
        "montant_minoration",
        "date_fermeture",
        "get_etat_display",
        "date_suivi",
    ]
    export_headings = {
        "controle.reference": "Contrôle",
        "controle.dispositif.nom": "Dispositif",
        "get_type_mesure_display": "Type de mesure",
        "texte": "Mesure",
        "echeance": "Échéance",
        "date_notification": "Date de notification",
        "montant_minoration": "Minoration annuelle (€)",
        "date_fermeture": "Date de fermeture proposée",
        "get_etat_display": "Suivi",
        "date_suivi": "Levée ou non levée le",
    }
    export_filename = "mesures-de-controle"
    panels = [
        FieldPanel("controle"),
        FieldRowPanel([FieldPanel("type_mesure"), FieldPanel("echeance")]),
        FieldPanel("texte"),
        MultiFieldPanel(
            [
                FieldPanel("date_notification"),
                FieldPanel("montant_minoration"),
                FieldPanel("date_fermeture"),
            ],
            heading="Selon le type de mesure",
        ),
    ]

    def get_urlpatterns(self):
        vue = {"model": self.model, "espace": self.name}
        return [
            *super().get_urlpatterns(),
            path(
                "suites/<int:pk>/avenant/",
                PropositionAvenantView.as_view(**vue),
                name="proposer_avenant",
            ),
            path(
                "suites/<int:pk>/fermeture/",
                PropositionFermetureView.as_view(**vue),
                name="proposer_fermeture",
            ),
        ]
