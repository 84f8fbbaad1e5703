from wagtail import hooks

from .views import AffectationRoleViewSet


@hooks.register("register_admin_viewset")
def register_comptes():
    return AffectationRoleViewSet()


@hooks.register("construct_reports_menu")
def rapports_nationaux_seulement(request, menu_items):
    from .middleware import est_national

    if not est_national(request.user):
        menu_items.clear()
