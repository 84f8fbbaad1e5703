from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from backoffice.acces.policies import policy_for
from backoffice.offre.sections import SECTIONS_DISPOSITIF, SectionDispositif

from .filters import File
from .models import Demande
from .views.viewset import DemandeViewSet


@hooks.register("register_admin_viewset")
def register_demandes():
    return DemandeViewSet()


class DemandesMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_for(Demande).user_has_any_permission(request.user, ["view", "change"])


class FileMenuItem(DemandesMenuItem):
    """A queue: the listing with its preset "file" filter."""

    def __init__(self, code, order):
        super().__init__(
            File.LIBELLES[code],
            f"{reverse('demande:index')}?file={code}",
            name=f"demandes-{code}",
            icon_name="list-ul",
            order=order,
        )


@hooks.register("register_admin_menu_item")
def register_menu_demandes():
    files = [
        FileMenuItem(code, order)
        for order, code in enumerate(
            [File.A_PRE_VALIDER, File.A_VALIDER, File.A_COMPLETER, File.TRAITEES], start=1
        )
    ]
    toutes = DemandesMenuItem(
        "Toutes les demandes",
        reverse("demande:index"),
        name="demandes-toutes",
        icon_name="mail",
        order=10,
    )
    return SubmenuMenuItem(
        "Demandes", Menu(items=[*files, toutes]), name="demandes", icon_name="mail", order=200
    )


@hooks.register(SECTIONS_DISPOSITIF)
def section_du_dispositif(dispositif, request):
    return SectionDispositif("demandes/_dispositif_demandes.html", dispositif, request, ordre=10)
