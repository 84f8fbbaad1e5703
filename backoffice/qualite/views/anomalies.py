"""The anomalies list (filters, search, XLSX export), the inspect page, the viewset and its
menu."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from backoffice.acces.viewsets import (
    PerimetreHistoryView,
    PerimetreIndexView,
    PerimetreInspectView,
    PerimetreModelViewSet,
    PerimetreUsageView,
    deux_lignes,
)

from ..filters import ACTIVES, AnomalieFilterSet, filtrer_etat
from ..models import Anomalie, Severite
from .communs import peut_justifier, rang_severite
from .justification import JustifierView, RetirerJustificationView
from .synthese import SyntheseView

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
        ).annotate(ordre_severite=rang_severite())

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
