from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from backoffice.acces.viewsets import REFERENTIELS

from .choosers import dispositif_chooser, entite_chooser
from .views.dispositifs import DispositifViewSet
from .views.entites import EntiteViewSet
from .views.places import FinancementViewSet, GroupeViewSet
from .views.referentiels import (
    NatureViewSet,
    ProgrammeViewSet,
    PublicSpecifiqueViewSet,
    TypeDispositifViewSet,
)


class OffreViewSetGroup(ModelViewSetGroup):
    menu_label = "Offre"
    menu_icon = "home"
    menu_order = 100
    items = (EntiteViewSet, DispositifViewSet, GroupeViewSet, FinancementViewSet)


@hooks.register("register_admin_viewset")
def register_offre():
    return OffreViewSetGroup()


@hooks.register(REFERENTIELS, order=10)
def referentiels_offre():
    return [NatureViewSet, TypeDispositifViewSet, ProgrammeViewSet, PublicSpecifiqueViewSet]


@hooks.register("register_admin_viewset")
def register_choosers_offre():
    return [dispositif_chooser, entite_chooser]
