"""Admin screens of data quality: the anomalies list (filters, search, XLSX export), the inspect
page with the « Justifier » / « Retirer la justification » actions, and the counts per
département (with its XLSX export). Every view reads through the anomalies' permission policy:
an anomaly out of the user's perimeter is not found (404), whatever the URL."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from backoffice.acces import perimetres
from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import (
    LECTURE,
    PerimetreHistoryView,
    PerimetreIndexView,
    PerimetreInspectView,
    PerimetreModelViewSet,
    PerimetreUsageView,
    deux_lignes,
)
from backoffice.exports import reponse_xlsx, xlsx_octets
from backoffice.territoires.models import Departement

from . import services
from .filters import ACTIVES, AnomalieFilterSet, filtrer_etat
from .models import RANGS_SEVERITE, Anomalie, EtatAnomalie, Regle, Severite


def _rang_severite():
    return Case(
        *[When(severite=code, then=Value(rang)) for code, rang in RANGS_SEVERITE.items()],
        default=Value(9),
        output_field=IntegerField(),
    )


def anomalies_visibles(user, actions=LECTURE):
    return policy_for(Anomalie).filtrer(Anomalie.objects.all(), user, actions)


def peut_justifier(user, anomalie):
    return anomalie.est_ouverte and policy_for(Anomalie).user_has_permission_for_instance(
        user, "change", anomalie
    )


# ---------------------------------------------------------------------------------------------
# List and inspect page
# ---------------------------------------------------------------------------------------------


class ObjetColumn(Column):
    """The dispositif (and convention) concerned, linked to their pages."""

    cell_template_name = "qualite/cellule_objet.html"

    def get_value(self, instance):
        return instance


class AnomalieIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return Anomalie.objects.select_related(
            "dispositif", "convention", "departement", "justifiee_par"
        ).annotate(ordre_severite=_rang_severite())

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.filters and not self.filters.is_valid():
            # An invalid filter is ignored by Wagtail: keep at least the default state.
            queryset = filtrer_etat(queryset, ACTIVES)
        return queryset

    def get_add_url(self):
        return None

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton("Par département", url=reverse("anomalie:synthese"), icon_name="table")
        ]

    def get_edit_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None


class AnomalieInspectView(PerimetreInspectView):
    template_name = "qualite/anomalie_inspect.html"
    fields = [
        "regle",
        "severite",
        "message",
        "departement",
        "dispositif",
        "convention",
        "detectee_le",
        "vue_le",
        "resolue_le",
    ]

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        objet = super().get_object(queryset)
        return Anomalie.objects.select_related(
            "dispositif", "convention", "departement", "justifiee_par"
        ).get(pk=objet.pk)

    def get_edit_url(self):
        return None

    def get_delete_url(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        anomalie = self.object
        autorise = peut_justifier(self.request.user, anomalie)
        context.update(
            {
                "anomalie": anomalie,
                "url_justifier": reverse("anomalie:justifier", args=[anomalie.pk])
                if autorise
                else None,
                "url_retirer": reverse("anomalie:retirer_justification", args=[anomalie.pk])
                if autorise and anomalie.justifiee_le
                else None,
                "url_liste": reverse("anomalie:index"),
            }
        )
        return context


class SansEditionMixin:
    """History and usage pages: no edit page exists, the object's link is its inspect page."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.edit_url_name = None

    def get_edit_url(self, instance):
        return reverse("anomalie:inspect", args=[instance.pk])

    @cached_property
    def header_buttons(self):
        return []


class AnomalieHistoryView(SansEditionMixin, PerimetreHistoryView):
    pass


class AnomalieUsageView(SansEditionMixin, PerimetreUsageView):
    pass


# ---------------------------------------------------------------------------------------------
# Justification
# ---------------------------------------------------------------------------------------------


class FormulaireJustification(forms.Form):
    justification = forms.CharField(
        label="Justification",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Pourquoi cette situation est acceptée (visible de tous ceux qui voient "
        "l'anomalie).",
        error_messages={"required": "La justification est obligatoire."},
    )

    def clean_justification(self):
        texte = self.cleaned_data["justification"].strip()
        if not texte:
            raise ValidationError("La justification est obligatoire.")
        return texte


class VueAnomalieMixin:
    """Fetch the anomaly among those the user sees (else 404); acting needs « change »."""

    def get_anomalie(self):
        return get_object_or_404(
            anomalies_visibles(self.request.user).select_related("dispositif", "convention"),
            pk=self.kwargs["pk"],
        )

    def url_fiche(self):
        return reverse("anomalie:inspect", args=[self.anomalie.pk])

    def dispatch(self, request, *args, **kwargs):
        self.anomalie = self.get_anomalie()
        if not policy_for(Anomalie).user_has_permission_for_instance(
            request.user, "change", self.anomalie
        ):
            messages.error(request, "Vous ne pouvez pas justifier cette anomalie.")
            return redirect(self.url_fiche())
        if not self.anomalie.est_ouverte:
            messages.error(request, "Cette anomalie est résolue : il n'y a plus rien à justifier.")
            return redirect(self.url_fiche())
        return super().dispatch(request, *args, **kwargs)


class JustifierView(VueAnomalieMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "qualite/justifier.html"
    page_title = "Justifier l'anomalie"
    header_icon = "tick"

    def get_page_subtitle(self):
        return str(self.anomalie)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("anomalie:index"), "label": "Anomalies"},
            {"url": self.url_fiche(), "label": str(self.anomalie)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "anomalie": self.anomalie,
                "form": kwargs.get("form")
                or FormulaireJustification(initial={"justification": self.anomalie.justification}),
                "url_fiche": self.url_fiche(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = FormulaireJustification(request.POST)
        if not form.is_valid():
            messages.error(request, "Corrigez les erreurs ci-dessous : rien n'a été enregistré.")
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.justifier(self.anomalie, request.user, form.cleaned_data["justification"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(self.url_fiche())
        messages.success(request, "Anomalie justifiée.")
        return redirect(self.url_fiche())


class RetirerJustificationView(VueAnomalieMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.retirer_justification(self.anomalie, request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, "Justification retirée : l'anomalie est de nouveau à traiter."
            )
        return redirect(self.url_fiche())


# ---------------------------------------------------------------------------------------------
# Counts per département
# ---------------------------------------------------------------------------------------------

PAR_REGLE = "regle"
PAR_SEVERITE = "severite"


class SyntheseView(WagtailAdminTemplateMixin, TemplateView):
    """Open anomalies to handle (not justified) per département of the perimeter, by severity
    or by rule, each figure linked to the filtered list."""

    template_name = "qualite/synthese.html"
    page_title = "Qualité des données par département"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not policy_for(Anomalie).user_has_any_permission(request.user, LECTURE):
            messages.error(request, "Vous n'avez pas accès à la qualité des données.")
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def par(self):
        return PAR_REGLE if self.request.GET.get("par") == PAR_REGLE else PAR_SEVERITE

    def colonnes(self):
        """[(code, libellé)] of the count columns."""
        if self.par == PAR_REGLE:
            return list(Regle.choices)
        return list(Severite.choices)

    def tableau(self):
        """(colonnes, lignes, totaux); a row: (département, {code: n}, total, justifiées)."""
        user = self.request.user
        visibles = anomalies_visibles(user).filter(resolue_le__isnull=True).order_by()
        champ = "regle" if self.par == PAR_REGLE else "severite"
        comptes = visibles.values("departement_id", champ).annotate(
            a_traiter=Count("pk", filter=Q(justifiee_le__isnull=True)),
            justifiees=Count("pk", filter=Q(justifiee_le__isnull=False)),
        )
        perimetre = perimetres.perimetre_pour(user, "qualite.anomalie", LECTURE)
        donnees = {}
        for ligne in comptes:
            par_code, justifiees = donnees.setdefault(ligne["departement_id"], ({}, [0]))
            par_code[ligne[champ]] = par_code.get(ligne[champ], 0) + ligne["a_traiter"]
            justifiees[0] += ligne["justifiees"]
        codes = set(donnees)
        if not perimetre.national:
            codes |= set(perimetre.departements)
        departements = Departement.objects.filter(code__in=codes).order_by("code")
        colonnes = self.colonnes()
        lignes = []
        totaux = dict.fromkeys([code for code, _ in colonnes], 0)
        total_general, justifiees_general = 0, 0
        for departement in departements:
            par_code, justifiees = donnees.get(departement.code, ({}, [0]))
            valeurs = [
                (code, par_code.get(code, 0), self.url_cellule(departement.code, code))
                for code, _ in colonnes
            ]
            total = sum(n for _, n, _ in valeurs)
            for code, n, _ in valeurs:
                totaux[code] += n
            total_general += total
            justifiees_general += justifiees[0]
            lignes.append(
                {
                    "departement": departement,
                    "valeurs": valeurs,
                    "total": total,
                    "url_total": services.url_liste(
                        departement=departement.code, etat=EtatAnomalie.OUVERTE
                    ),
                    "justifiees": justifiees[0],
                    "url_justifiees": services.url_liste(
                        departement=departement.code, etat=EtatAnomalie.JUSTIFIEE
                    ),
                }
            )
        return {
            "colonnes": colonnes,
            "lignes": lignes,
            "totaux": [totaux[code] for code, _ in colonnes],
            "total": total_general,
            "justifiees": justifiees_general,
        }

    def url_cellule(self, departement, code):
        return services.url_liste(
            departement=departement, etat=EtatAnomalie.OUVERTE, **{self.par: code}
        )

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            return self.export_xlsx()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "tableau": self.tableau(),
                "par": self.par,
                "url_par_severite": reverse("anomalie:synthese"),
                "url_par_regle": reverse("anomalie:synthese") + f"?par={PAR_REGLE}",
                "url_export": reverse("anomalie:synthese") + f"?par={self.par}&export=xlsx",
                "url_liste": reverse("anomalie:index"),
            }
        )
        return context

    def export_xlsx(self):
        tableau = self.tableau()
        entetes = [
            "Département",
            "Nom",
            *[libelle for _, libelle in tableau["colonnes"]],
            "Total à traiter",
            "Justifiées",
        ]
        lignes = [
            [
                ligne["departement"].code,
                ligne["departement"].nom,
                *[n for _, n, _ in ligne["valeurs"]],
                ligne["total"],
                ligne["justifiees"],
            ]
            for ligne in tableau["lignes"]
        ]
        lignes.append(["Total", "", *tableau["totaux"], tableau["total"], tableau["justifiees"]])
        return reponse_xlsx(
            xlsx_octets("Anomalies par département", entetes, lignes),
            f"qualite-par-departement-{timezone.localdate():%Y-%m-%d}.xlsx",
        )


# ---------------------------------------------------------------------------------------------
# Viewset and menu
# ---------------------------------------------------------------------------------------------


class AnomalieViewSet(PerimetreModelViewSet):
    model = Anomalie
    icon = "warning"
    menu_label = "Anomalies"
    url_prefix = "qualite/anomalies"
    name = "anomalie"
    recherche_globale = False  # found through their dispositif (and its page lists them)
    index_view_class = AnomalieIndexView
    inspect_view_class = AnomalieInspectView
    history_view_class = AnomalieHistoryView
    usage_view_class = AnomalieUsageView
    filterset_class = AnomalieFilterSet
    search_fields = ["dispositif__recherche", "convention__recherche"]
    ordering = ["ordre_severite", "-detectee_le", "pk"]
    list_per_page = 50
    list_display = [
        StatusTagColumn(
            "get_severite_display",
            label="Sévérité",
            sort_key="ordre_severite",
            primary=lambda a: a.severite == Severite.HAUTE,
        ),
        TitleColumn(
            "get_regle_display",
            label="Règle",
            sort_key="regle",
            url_name="anomalie:inspect",
            classname="deux-lignes",
        ),
        ObjetColumn("objet", label="Objet"),
        Column("message", label="Constat", accessor=deux_lignes("message")),
        Column("departement_id", label="Dép.", sort_key="departement"),
        DateColumn("detectee_le", label="Depuis", sort_key="detectee_le", classname="date"),
        Column("libelle_etat", label="État"),
    ]
    list_export = [
        "get_severite_display",
        "get_regle_display",
        "dispositif_code",
        "dispositif_nom",
        "convention_numero",
        "message",
        "departement_id",
        "detectee_le",
        "vue_le",
        "libelle_etat",
        "justification",
        "justifiee_par_libelle",
        "justifiee_le",
        "resolue_le",
    ]
    export_headings = {
        "get_severite_display": "Sévérité",
        "get_regle_display": "Règle",
        "dispositif_code": "Code dispositif",
        "dispositif_nom": "Dispositif",
        "convention_numero": "Convention",
        "message": "Constat",
        "departement_id": "Département",
        "detectee_le": "Détectée le",
        "vue_le": "Constatée le",
        "libelle_etat": "État",
        "justification": "Justification",
        "justifiee_par_libelle": "Justifiée par",
        "justifiee_le": "Justifiée le",
        "resolue_le": "Résolue le",
    }
    export_filename = "anomalies"
    form_fields = ["justification"]  # never served: there is no add or edit view

    def get_urlpatterns(self):
        retirees = {"add", "edit", "delete", "copy"}
        return [
            *(p for p in super().get_urlpatterns() if p.name not in retirees),
            path("justifier/<int:pk>/", JustifierView.as_view(), name="justifier"),
            path(
                "retirer-justification/<int:pk>/",
                RetirerJustificationView.as_view(),
                name="retirer_justification",
            ),
            path("par-departement/", SyntheseView.as_view(), name="synthese"),
        ]

    def register_admin_url_finder(self):
        pass  # Anomalie.get_admin_url (the inspect page): there is no edit page


class QualiteViewSetGroup(ViewSetGroup):
    menu_label = "Qualité des données"
    menu_icon = "warning"
    menu_order = 450
    items = (AnomalieViewSet,)

    def get_submenu_items(self):
        class SyntheseMenuItem(MenuItem):
            def is_shown(self, request):
                return request.user.has_perm("qualite.view_anomalie")

        items = super().get_submenu_items()
        items.append(
            SyntheseMenuItem(
                "Par département",
                url=reverse("anomalie:synthese"),
                name="qualite-par-departement",
                icon_name="table",
                order=2,
            )
        )
        return items
