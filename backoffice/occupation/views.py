"""The occupancy rows (read-only: the DN@ is their source, an import their only writer), listed
per month, département, type or import, with their rates, and exportable: the rows behind every
occupancy figure."""

from django.urls import reverse
from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces.viewsets import PerimetreIndexView, PerimetreModelViewSet

from .filters import OccupationFilterSet
from .indicateurs import ChiffresOccupation, pourcentage
from .models import Occupation


def _taux(attribut):
    def lire(occupation):
        return pourcentage(getattr(ChiffresOccupation.de_la_ligne(occupation), attribut))

    return lire


class OccupationIndexView(PerimetreIndexView):
    page_title = "Occupation (DN@)"

    def get_liste_queryset(self):
        return Occupation.objects.select_related("dispositif", "dispositif__type")

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_inspect_url(self, instance):
        return reverse("dispositif:inspect", args=[instance.dispositif_id])


class OccupationViewSet(PerimetreModelViewSet):
    model = Occupation
    icon = "group"
    menu_label = "Occupation (DN@)"
    url_prefix = "occupation"
    name = "occupation"
    recherche_globale = False
    add_to_admin_menu = False  # under « Pilotage » (wagtail_hooks)
    index_view_class = OccupationIndexView
    filterset_class = OccupationFilterSet
    search_fields = ["dispositif__recherche"]
    ordering = ["-mois", "dispositif__code"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "dispositif",
            label="Dispositif",
            sort_key="dispositif__code",
            url_name="dispositif:inspect",
            id_accessor="dispositif_id",
            classname="deux-lignes",
        ),
        Column("mois", label="Mois", sort_key="mois", accessor=lambda o: f"{o.mois:%m/%Y}"),
        Column(
            "places_en_service",
            label="En service",
            sort_key="places_en_service",
            classname="nombre",
        ),  # fmt: skip
        Column(
            "places_occupees", label="Occupées", sort_key="places_occupees", classname="nombre"
        ),  # fmt: skip
        Column(
            "taux_occupation",
            label="Taux d'occupation",
            accessor=_taux("taux_occupation"),
            classname="nombre",
        ),  # fmt: skip
        Column(
            "taux_refugies",
            label="Présence indue réfugiés",
            accessor=_taux("taux_refugies"),
            classname="nombre",
        ),  # fmt: skip
        Column(
            "taux_deboutes",
            label="Présence indue déboutés",
            accessor=_taux("taux_deboutes"),
            classname="nombre",
        ),  # fmt: skip
        Column(
            "places_vacantes", label="Vacantes", sort_key="places_vacantes", classname="nombre"
        ),  # fmt: skip
        Column(
            "import_source_id", label="Import n°", sort_key="import_source_id", classname="nombre"
        ),  # fmt: skip
    ]
    list_export = [
        "dispositif.code",
        "dispositif.code_dna",
        "dispositif.nom",
        "dispositif.departement_id",
        "dispositif.type_id",
        "mois",
        "places_en_service",
        "places_occupees",
        "presence_indue_refugies",
        "presence_indue_deboutes",
        "places_vacantes",
        "places_indisponibles",
        "import_source_id",
    ]
    export_headings = {
        "dispositif.code": "Code dispositif",
        "dispositif.code_dna": "Code DNA",
        "dispositif.nom": "Dispositif",
        "dispositif.departement_id": "Département",
        "dispositif.type_id": "Type",
        "mois": "Mois",
        "places_en_service": "Places en service",
        "places_occupees": "Places occupées",
        "presence_indue_refugies": "Dont présence indue réfugiés",
        "presence_indue_deboutes": "Dont présence indue déboutés",
        "places_vacantes": "Places vacantes",
        "places_indisponibles": "Places indisponibles",
        "import_source_id": "Import n°",
    }
    export_filename = "occupation-dna"
    form_fields = ["mois"]

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name in {"index", "index_results"}]

    def register_admin_url_finder(self):
        pass  # a row's page is its dispositif's

    def register_reference_index(self):
        pass


occupation_viewset = OccupationViewSet()
