from wagtail import hooks

from .views import ConventionsViewSetGroup


@hooks.register("register_admin_viewset")
def register_conventions():
    return ConventionsViewSetGroup()
