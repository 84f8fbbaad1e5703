"""Pages and viewset of avenants."""

from django.urls import reverse
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
)
from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import (
    PerimetreCreateView,
    PerimetreDeleteView,
    PerimetreEditView,
    PerimetreIndexView,
    PerimetreInspectView,
    PerimetreModelViewSet,
)
from workflows import vues
from workflows.services import chronologie

from ..filters import (
    AvenantFilterSet,
)
from ..models import (
    ETATS_ACTIFS,
    Avenant,
    Convention,
)
from ..notifications import notifier_avenant_cree
from ..sections import sections_de_l_avenant
from .actions import (
    ACTIONS_AVENANT,
    ETATS_AVENANT_MODIFIABLES,
    modifiable_par,
)
from .convention import peut_supprimer
from .formulaires import AvenantForm

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
                "sections": sections_de_l_avenant(avenant, self.request),
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
