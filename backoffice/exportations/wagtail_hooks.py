from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls


@hooks.register("register_admin_urls")
def urls_exportations():
    return [path("mes-exports/", include((urls, "exportations"), namespace="exportations"))]


@hooks.register("register_admin_menu_item")
def menu_mes_exports():
    return MenuItem("Mes exports", reverse("exportations:index"), icon_name="download", order=950)
