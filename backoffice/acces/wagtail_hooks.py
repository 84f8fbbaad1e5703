from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from wagtail import hooks

from .middleware import refuse
from .views import AffectationRoleViewSet
from .viewsets import ReferentielsViewSetGroup


@hooks.register("register_admin_viewset")
def register_comptes():
    return AffectationRoleViewSet()


@hooks.register("register_admin_viewset")
def register_referentiels():
    return ReferentielsViewSetGroup()


@hooks.register("construct_main_menu")
@hooks.register("construct_settings_menu")
@hooks.register("construct_reports_menu")
def sans_liens_vers_les_points_refuses(request, menu_items):
    """No menu entry leads to an endpoint the user would get a 404 from (PointsDAccesMiddleware):
    Wagtail's pages, images, workflows and library for everyone, its reports, users and groups
    outside the national level."""
    menu_items[:] = [item for item in menu_items if not _refuse(request, item)]


def _refuse(request, item):
    chemin = urlsplit(getattr(item, "url", "") or "").path
    if not chemin.startswith("/"):
        return False  # a submenu: shown when one of its entries is
    try:
        return refuse(resolve(chemin), request.user)
    except Resolver404:
        return False
