from wagtail import hooks

from .views import AffectationRoleViewSet


@hooks.register("register_admin_viewset")
def register_comptes():
    return AffectationRoleViewSet()
