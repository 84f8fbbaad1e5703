"""The admin as the State's tool, not as a CMS: our search instead of Wagtail's page search, no
editor guide nor « what's new » links, no Wagtail version in the menus. Branding (Marianne
bloc-marque, DSFR favicon and font) lives in templates/wagtailadmin/."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import SubmenuMenuItem
from wagtail.admin.search import SearchArea

from .views import RechercheGlobaleView

AIDE_DU_CMS = {"editor-guide"}  # plus every « What's new in Wagtail x.y » item


@hooks.register("register_admin_urls")
def url_recherche_globale():
    return [path("recherche/", RechercheGlobaleView.as_view(), name="recherche_globale")]


@hooks.register("register_admin_search_area")
def zone_recherche_globale():
    # Order 0: the sidebar's search box uses the first search area shown.
    return SearchArea(
        "Dans le parc", reverse("recherche_globale"), name="parc", icon_name="search", order=0
    )


@hooks.register("construct_search")
def sans_recherche_de_pages(request, search_areas):
    search_areas[:] = [zone for zone in search_areas if zone.name != "pages"]


@hooks.register("construct_main_menu")
def sans_pages_ni_version(request, menu_items):
    """No « Pages » explorer (we have no CMS pages); the settings menu without its
    « Wagtail vX » footer."""
    menu_items[:] = [item for item in menu_items if item.name != "explorer"]
    for index, item in enumerate(menu_items):
        if item.name == "settings":
            menu_items[index] = SubmenuMenuItem(
                item.label, item.menu, name=item.name, icon_name=item.icon_name, order=item.order
            )


@hooks.register("construct_help_menu")
def aide_sans_le_cms(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in AIDE_DU_CMS and not item.name.startswith("whats-new")
    ]
