from wagtail import hooks

from .views import AppelsViewSetGroup


@hooks.register("register_admin_viewset")
def register_appels():
    return AppelsViewSetGroup()
