from wagtail import hooks

from .views import DemandeViewSet


@hooks.register("register_admin_viewset")
def register_demandes():
    return DemandeViewSet()
