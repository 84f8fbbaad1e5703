from backoffice.acces.viewsets import ReferentielViewSet

from .models import Departement, Region, Siao


class RegionViewSet(ReferentielViewSet):
    model = Region
    icon = "site"
    menu_label = "Régions"
    url_prefix = "referentiels/regions"
    name = "region"
    list_display = ["code", "nom"]
    list_export = ["code", "nom"]
    form_fields = ["code", "nom"]
    search_fields = ["recherche"]


class DepartementViewSet(ReferentielViewSet):
    model = Departement
    icon = "site"
    menu_label = "Départements"
    url_prefix = "referentiels/departements"
    name = "departement"
    list_display = ["code", "nom", "region"]
    list_export = ["code", "nom", "region.nom"]
    list_filter = ["region"]
    form_fields = ["code", "nom", "region"]
    search_fields = ["recherche"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=Departement.objects.select_related("region"), **kwargs
        )


class SiaoViewSet(ReferentielViewSet):
    model = Siao
    icon = "site"
    menu_label = "SIAO"
    url_prefix = "referentiels/siao"
    name = "siao"
    list_display = ["nom"]
    list_export = ["nom"]
    form_fields = ["nom", "departements"]
    search_fields = ["recherche"]
