"""Financing lines without a convention (a list is enough)."""

from django.urls import reverse
from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces.viewsets import (
    PerimetreIndexView,
    PerimetreModelViewSet,
)
from backoffice.offre.models import Financement

from ..filters import (
    FinancementSansConventionFilterSet,
)

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
