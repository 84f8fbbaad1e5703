from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from backoffice.territoires.views import DepartementViewSet, RegionViewSet, SiaoViewSet

from .choosers import dispositif_chooser, entite_chooser
from .views import (
    NatureViewSet,
    OffreViewSetGroup,
    ProgrammeViewSet,
    PublicSpecifiqueViewSet,
    TypeDispositifViewSet,
)


class ReferentielsViewSetGroup(ModelViewSetGroup):
    menu_label = "Référentiels"
    menu_icon = "list-ul"
    menu_order = 800
    items = (
        NatureViewSet,
        TypeDispositifViewSet,
        ProgrammeViewSet,
        PublicSpecifiqueViewSet,
        RegionViewSet,
        DepartementViewSet,
        SiaoViewSet,
    )


@hooks.register("register_admin_viewset")
def register_offre():
    return OffreViewSetGroup()


@hooks.register("register_admin_viewset")
def register_referentiels():
    return ReferentielsViewSetGroup()


@hooks.register("register_admin_viewset")
def register_choosers_offre():
    return [dispositif_chooser, entite_chooser]
