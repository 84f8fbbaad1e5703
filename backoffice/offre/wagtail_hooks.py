from wagtail import hooks

from backoffice.acces.viewsets import REFERENTIELS

from .views import (
    NatureViewSet,
    OffreViewSetGroup,
    ProgrammeViewSet,
    PublicSpecifiqueViewSet,
    TypeDispositifViewSet,
)


@hooks.register("register_admin_viewset")
def register_offre():
    return OffreViewSetGroup()


@hooks.register(REFERENTIELS, order=10)
def referentiels_offre():
    return [NatureViewSet, TypeDispositifViewSet, ProgrammeViewSet, PublicSpecifiqueViewSet]
