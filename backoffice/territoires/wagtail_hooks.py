from wagtail import hooks

from backoffice.acces.viewsets import REFERENTIELS

from .views import DepartementViewSet, RegionViewSet, SiaoViewSet


@hooks.register(REFERENTIELS, order=20)
def referentiels_territoires():
    return [RegionViewSet, DepartementViewSet, SiaoViewSet]
