from wagtail import hooks

from .views import ObjectifViewSet, SchemasViewSetGroup, ThematiqueViewSet


@hooks.register("register_admin_viewset")
def register_schemas():
    # Schémas, campaigns and actions in the menu; objectifs and thématiques are reached from
    # the schéma's page (its tree), so they stay out of the menu.
    return [SchemasViewSetGroup(), ObjectifViewSet(), ThematiqueViewSet()]
