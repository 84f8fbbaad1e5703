"""Screens of the evaluations: the scoped list (filters, export), the evaluation's page, the form
recording a received report, the report's download, and the renewals of the authorisations in
view (end of each authorisation, evaluations due before it, received or not).

Rows are created by the cycle (cycle.synchroniser), never by hand: no add, copy or delete view.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from backoffice.acces import choix, perimetres
from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import (
    LECTURE,
    PerimetreEditView,
    PerimetreHistoryView,
    PerimetreIndexView,
    PerimetreInspectView,
    PerimetreModelViewSet,
    PerimetreUsageView,
    deux_lignes,
)
from backoffice.documents.telechargement import vue_telechargement
from backoffice.exports import reponse_tableau
from backoffice.territoires.models import Departement

from .cycle import CHAMPS_DATES, renouvellement, sous_autorisation
from .filters import EvaluationFilterSet
from .forms import FormulaireEvaluation
from .models import EtatEvaluation, Evaluation

# ---------------------------------------------------------------------------------------------
# List, page, form
# ---------------------------------------------------------------------------------------------


class SansSuppressionMixin:
    """No delete view (the cycle owns the rows): no link to one."""

    def get_delete_url(self, *args):
        return None

    def get_copy_url(self, *args):
        return None


class EvaluationIndexView(SansSuppressionMixin, PerimetreIndexView):
    page_title = "Évaluations des ESSMS"

    def get_liste_queryset(self):
        return Evaluation.objects.select_related("dispositif")

    def get_add_url(self):
        return None

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                "Renouvellements d'autorisation",
                url=reverse("evaluation:renouvellements"),
                icon_name="calendar",
            )
        ]


class EvaluationInspectView(SansSuppressionMixin, PerimetreInspectView):
    template_name = "evaluations/inspect.html"
    fields = [
        "dispositif",
        "rang",
        "echeance",
        "organisme_evaluateur",
        "date_reception",
        "document",
        "conclusion",
    ]

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        objet = super().get_object(queryset)
        return Evaluation.objects.select_related("dispositif", "document").get(pk=objet.pk)

    def get_rang_display_value(self):
        return self.object.libelle_rang

    def get_dispositif_display_value(self):
        d = self.object.dispositif
        return format_html('<a href="{}">{}</a>', reverse("dispositif:inspect", args=[d.pk]), d)

    def get_document_display_value(self):
        if not self.object.document_id:
            return "Aucun rapport joint"
        return format_html(
            '<a href="{}" data-rapport>{}</a>',
            reverse("evaluation:rapport", args=[self.object.pk]),
            self.object.document.title,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluation = self.object
        # The dispositif's whole cycle: one query for its other evaluations, in the perimeter.
        autres = policy_for(Evaluation).filtrer(
            Evaluation.objects.filter(dispositif_id=evaluation.dispositif_id),
            self.request.user,
            LECTURE,
        )
        context.update(
            {
                "evaluation": evaluation,
                "renouvellement": renouvellement(evaluation.dispositif, list(autres)),
                "url_liste": reverse("evaluation:index"),
            }
        )
        return context


class EvaluationEditView(SansSuppressionMixin, PerimetreEditView):
    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        objet = super().get_object(queryset)
        return Evaluation.objects.select_related("dispositif", "document").get(pk=objet.pk)

    def get_success_url(self):
        return reverse("evaluation:inspect", args=[self.object.pk])


class SansSuppressionHistoryView(SansSuppressionMixin, PerimetreHistoryView):
    pass


class SansSuppressionUsageView(SansSuppressionMixin, PerimetreUsageView):
    pass


def _primaire(evaluation):
    return evaluation.etat == EtatEvaluation.EN_RETARD


class EvaluationViewSet(PerimetreModelViewSet):
    model = Evaluation
    icon = "tasks"
    menu_label = "Évaluations ESSMS"
    menu_order = 180
    add_to_admin_menu = True
    url_prefix = "evaluations"
    name = "evaluation"
    recherche_globale = False  # found through their dispositif (and its page shows its cycle)
    index_view_class = EvaluationIndexView
    inspect_view_class = EvaluationInspectView
    edit_view_class = EvaluationEditView
    history_view_class = SansSuppressionHistoryView
    usage_view_class = SansSuppressionUsageView
    filterset_class = EvaluationFilterSet
    search_fields = ["dispositif__recherche"]
    ordering = ["echeance", "dispositif__code", "rang"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "dispositif",
            label="Dispositif",
            sort_key="dispositif__code",
            url_name="evaluation:inspect",
            accessor=deux_lignes("dispositif"),
            classname="deux-lignes",
        ),
        Column("departement", label="Dép.", accessor="dispositif.departement_id"),
        Column("libelle_rang", label="Rang", sort_key="rang"),
        Column("echeance", label="Échéance", sort_key="echeance", classname="date"),
        StatusTagColumn("libelle_etat", label="État", primary=_primaire),
        Column(
            "date_reception", label="Rapport reçu le", sort_key="date_reception", classname="date"
        ),
        Column(
            "organisme_evaluateur",
            label="Organisme évaluateur",
            accessor=deux_lignes("organisme_evaluateur"),
        ),
    ]
    list_export = [
        "dispositif.code",
        "dispositif.nom",
        "dispositif.departement_id",
        "dispositif.type_id",
        "rang",
        "echeance",
        "libelle_etat",
        "date_reception",
        "organisme_evaluateur",
        "rapport_joint",
        "conclusion",
        "fin_autorisation",
    ]
    export_headings = {
        "dispositif.code": "Code dispositif",
        "dispositif.nom": "Dispositif",
        "dispositif.departement_id": "Département",
        "dispositif.type_id": "Type",
        "rang": "Rang dans le cycle",
        "echeance": "Échéance",
        "libelle_etat": "État",
        "date_reception": "Rapport reçu le",
        "organisme_evaluateur": "Organisme évaluateur",
        "rapport_joint": "Rapport joint",
        "conclusion": "Conclusion",
        "fin_autorisation": "Fin d'autorisation",
    }
    export_filename = "evaluations-essms"
    edit_handler = ObjectList(
        [
            FieldPanel("organisme_evaluateur"),
            FieldPanel("date_reception"),
            FieldPanel("rapport"),
            FieldPanel("conclusion"),
        ],
        base_form_class=FormulaireEvaluation,
    )

    def get_urlpatterns(self):
        retirees = {"add", "copy", "delete"}
        return [
            *(p for p in super().get_urlpatterns() if p.name not in retirees),
            path("<int:pk>/rapport/", vue_telechargement(Evaluation), name="rapport"),
            path("renouvellements/", RenouvellementsView.as_view(), name="renouvellements"),
        ]


# ---------------------------------------------------------------------------------------------
# Renewals of the authorisations in view
# ---------------------------------------------------------------------------------------------

INCOMPLETES = "incompletes"
COMPLETES = "completes"
CHOIX_SITUATION = [
    ("", "Toutes"),
    (INCOMPLETES, "Évaluations manquantes"),
    (COMPLETES, "Évaluations toutes reçues"),
]


class RenouvellementsView(WagtailAdminTemplateMixin, TemplateView):
    """The open authorised dispositifs of the perimeter, soonest authorisation end first: the
    end (recorded, or authorisation + 15 years), the evaluations due before it and how many were
    received, the next one. A fixed number of queries: the dispositifs' dates and the
    evaluations' dates are read once, the end computed and sorted here, then paginated."""

    template_name = "evaluations/renouvellements.html"
    page_title = "Renouvellement des autorisations"
    header_icon = "calendar"
    par_page = 50

    def dispatch(self, request, *args, **kwargs):
        if not policy_for(Evaluation).user_has_any_permission(request.user, LECTURE):
            messages.error(request, "Vous n'avez pas accès aux évaluations des ESSMS.")
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") in ("csv", "xlsx"):
            return self.exporter(request.GET["export"])
        return super().get(request, *args, **kwargs)

    @cached_property
    def perimetre(self):
        return perimetres.perimetre_pour(self.request.user, "evaluations.evaluation", LECTURE)

    @cached_property
    def departements(self):
        return list(
            choix.restreindre(
                Departement.objects.order_by("code"), self.request.user, self.perimetre
            )
        )

    @cached_property
    def filtres(self):
        codes = {d.code for d in self.departements}
        departement = self.request.GET.get("departement", "")
        situation = self.request.GET.get("situation", "")
        try:
            fin_avant = int(self.request.GET.get("fin_avant", ""))
        except ValueError:
            fin_avant = None
        return {
            "departement": departement if departement in codes else "",
            "situation": situation if situation in (INCOMPLETES, COMPLETES) else "",
            "fin_avant": fin_avant,
        }

    def lignes(self):
        """[(dispositif, Renouvellement)] of the perimeter, filtered and sorted."""
        aujourdhui = timezone.localdate()
        dispositifs = perimetres.filtrer(
            sous_autorisation().filter(
                Q(date_fermeture__isnull=True) | Q(date_fermeture__gt=aujourdhui)
            ),
            self.perimetre,
        )
        if self.filtres["departement"]:
            dispositifs = dispositifs.filter(departement_id=self.filtres["departement"])
        dispositifs = list(
            dispositifs.only("pk", "code", "nom", "departement_id", *CHAMPS_DATES).order_by()
        )
        evaluations = {}
        visibles = policy_for(Evaluation).filtrer(
            Evaluation.objects.all(), self.request.user, LECTURE
        )
        for evaluation in visibles.filter(dispositif_id__in=[d.pk for d in dispositifs]).only(
            "pk", "dispositif_id", "rang", "echeance", "date_reception"
        ):
            evaluations.setdefault(evaluation.dispositif_id, []).append(evaluation)
        lignes = []
        for dispositif in dispositifs:
            r = renouvellement(dispositif, evaluations.get(dispositif.pk, []), aujourdhui)
            if self.filtres["fin_avant"] and (
                r.fin is None or r.fin.year > self.filtres["fin_avant"]
            ):
                continue
            if self.filtres["situation"] == INCOMPLETES and not r.manquantes:
                continue
            if self.filtres["situation"] == COMPLETES and not r.complet:
                continue
            lignes.append((dispositif, r))
        lignes.sort(key=lambda ligne: (ligne[1].fin is None, ligne[1].fin, ligne[0].code))
        return lignes

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.lignes(), self.par_page).get_page(self.request.GET.get("p"))
        annee = timezone.localdate().year
        parametres = self.request.GET.copy()
        parametres.pop("p", None)
        context.update(
            {
                "page": page,
                "filtres": self.filtres,
                "departements": self.departements,
                "situations": CHOIX_SITUATION,
                "annees": list(range(annee, annee + 16)),
                "parametres": parametres.urlencode(),
                "url_liste": reverse("evaluation:index"),
            }
        )
        return context

    def exporter(self, format_):
        entetes = [
            "Code dispositif",
            "Dispositif",
            "Département",
            "Autorisé le",
            "Fin d'autorisation",
            "Évaluations attendues avant la fin",
            "Reçues",
            "Manquantes",
            "Prochaine échéance",
        ]
        lignes = []
        for dispositif, r in self.lignes():
            prochaine = r.prochaine
            lignes.append(
                [
                    dispositif.code,
                    dispositif.nom,
                    dispositif.departement_id,
                    dispositif.date_autorisation,
                    r.fin,
                    len(r.attendues),
                    len(r.recues),
                    len(r.manquantes),
                    prochaine.echeance if prochaine else None,
                ]
            )
        return reponse_tableau(
            format_,
            "Renouvellements",
            entetes,
            lignes,
            f"renouvellements-autorisation-{timezone.localdate():%Y-%m-%d}",
        )
