"""Pages and viewset of the yearly control programmes: list with their coverage, form, inspect
page (coverage, controls and their reasons), and the page proposing controls from risk
(../risques.py)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from backoffice.acces.perimetres import perimetre_pour
from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import (
    PerimetreCreateView,
    PerimetreForm,
    PerimetreIndexView,
    PerimetreInspectView,
    PerimetreModelViewSet,
)
from backoffice.grammaire import compter
from workflows import vues

from ..couverture import couverture, pourcentage, q_prevus, q_realises
from ..filters import ProgrammeFilterSet
from ..models import Controle, ProgrammeControle
from ..risques import evaluer, proposer, taille_programme


class ProgrammeForm(PerimetreForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.controles.exists():
            # Its controls belong to this département and year.
            for nom in ("departement", "annee"):
                if nom in self.fields:
                    self.fields[nom].disabled = True

    def clean(self):
        donnees = super().clean()
        departement = donnees.get("departement")
        if departement is not None and self.for_user is not None:
            action = "change" if self.instance.pk else "add"
            perimetre = perimetre_pour(self.for_user, "controle.programmecontrole", (action,))
            if not perimetre.national and departement.pk not in perimetre.departements:
                self.add_error("departement", "Ce département n'est pas dans votre périmètre.")
        return donnees


class ProgrammeIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return ProgrammeControle.objects.select_related("departement").annotate(
            nb_prevus=Count("controles", filter=q_prevus("controles__")),
            nb_realises=Count("controles", filter=q_realises("controles__")),
        )


class ProgrammeCreateView(PerimetreCreateView):
    def save_instance(self):
        self.form.instance.cree_par = self.request.user
        return super().save_instance()


class ProgrammeInspectView(PerimetreInspectView):
    template_name = "controle/programme_inspect.html"
    fields = ["departement", "annee", "commentaire", "cree_par", "cree_le"]

    @cached_property
    def peut_proposer(self):
        user = self.request.user
        return policy_for(ProgrammeControle).user_has_permission_for_instance(
            user, "change", self.object
        ) and policy_for(Controle).user_has_permission(user, "add")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.object
        chiffres = couverture(programme)
        context.update(
            {
                "couverture": chiffres,
                "taux_realisation": pourcentage(chiffres.taux_realisation),
                "taux_couverture": pourcentage(chiffres.taux_couverture),
                "controles": list(
                    programme.controles.select_related("dispositif", "entite").order_by(
                        "-score_risque", "dispositif__code"
                    )
                ),
                "url_proposer": reverse("programme_controle:proposer", args=[programme.pk])
                if self.peut_proposer
                else None,
                "url_ajout_controle": f"{reverse('controle:add')}?programme={programme.pk}"
                if self.peut_proposer
                else None,
            }
        )
        return context


class FormulaireProposition(forms.Form):
    nombre = forms.IntegerField(
        label="Nombre de contrôles à proposer",
        min_value=1,
        max_value=100,
        error_messages={
            "required": "Indiquez combien de contrôles proposer.",
            "invalid": "Saisissez un nombre entier.",
            "min_value": "Proposez au moins un contrôle.",
            "max_value": "Au plus 100 contrôles à la fois.",
        },
    )


class PropositionView(vues.VueObjetMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET: the dispositifs of the département ranked by risk, with their reasons; POST: the
    `nombre` first become controls of the programme (state `programme`)."""

    template_name = "controle/proposition_programme.html"
    header_icon = "tasks"
    page_title = "Proposer des contrôles selon les risques"

    def dispatch(self, request, *args, **kwargs):
        self.objet = self.get_objet()
        user = request.user
        if not (
            policy_for(ProgrammeControle).user_has_permission_for_instance(
                user, "change", self.objet
            )
            and policy_for(Controle).user_has_permission(user, "add")
        ):
            messages.error(request, "Vous ne pouvez pas compléter ce programme.")
            return redirect(self.url_fiche(self.objet))
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.objet)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or FormulaireProposition(initial={"nombre": taille_programme()})
        context.update(
            {
                "objet": self.objet,
                "form": form,
                "risques": evaluer(self.objet.departement_id, exclure_programme=self.objet),
                "url_fiche": self.url_fiche(self.objet),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = FormulaireProposition(request.POST)
        if not form.is_valid():
            messages.error(request, "Corrigez les erreurs ci-dessous : rien n'a été enregistré.")
            return self.render_to_response(self.get_context_data(form=form))
        try:
            crees = proposer(self.objet, request.user, form.cleaned_data["nombre"])
        except PermissionDenied:
            messages.error(request, "Vous ne pouvez pas compléter ce programme.")
            return redirect(self.url_fiche(self.objet))
        if crees:
            messages.success(
                request,
                f"{compter(len(crees), 'contrôle proposé', 'contrôles proposés')} : datez-les, "
                "nommez les inspecteurs, retirez ceux qui ne conviennent pas.",
            )
        else:
            messages.warning(request, "Aucun dispositif à risque à ajouter au programme.")
        return redirect(self.url_fiche(self.objet))


class ProgrammeControleViewSet(PerimetreModelViewSet):
    model = ProgrammeControle
    icon = "date"
    menu_label = "Programmes de contrôle"
    url_prefix = "controles/programmes"
    name = "programme_controle"
    index_view_class = ProgrammeIndexView
    add_view_class = ProgrammeCreateView
    inspect_view_class = ProgrammeInspectView
    filterset_class = ProgrammeFilterSet
    recherche_globale = False
    ordering = ["-annee", "departement"]
    list_display = [
        TitleColumn("__str__", label="Programme", url_name="programme_controle:inspect"),
        Column("departement", label="Département", sort_key="departement"),
        Column("annee", label="Année", sort_key="annee"),
        Column("nb_prevus", label="Contrôles prévus", sort_key="nb_prevus", classname="nombre"),
        Column(
            "nb_realises", label="Contrôles réalisés", sort_key="nb_realises", classname="nombre"
        ),
    ]
    list_export = ["departement_id", "annee", "nb_prevus", "nb_realises", "commentaire"]
    export_headings = {
        "departement_id": "Département",
        "annee": "Année",
        "nb_prevus": "Contrôles prévus",
        "nb_realises": "Contrôles réalisés",
        "commentaire": "Orientations",
    }
    export_filename = "programmes-de-controle"
    panels = [
        FieldRowPanel([FieldPanel("departement"), FieldPanel("annee")]),
        FieldPanel("commentaire"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=ProgrammeForm).bind_to_model(self.model)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/proposer/",
                PropositionView.as_view(model=self.model, espace=self.name),
                name="proposer",
            ),
        ]
