from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .tableau import perimetre_du_tableau
from .views import AttentePanel, CarteView, DetailView, ExportView, TableauDeBordPanel


@hooks.register("register_admin_urls")
def urls_pilotage():
    return [
        path("pilotage/carte/", CarteView.as_view(), name="pilotage_carte"),
        path("pilotage/export/", ExportView.as_view(), name="pilotage_export"),
        path("pilotage/chiffre/", DetailView.as_view(), name="pilotage_detail"),
    ]


# Wagtail's own home panels are about CMS pages, which this back office does not use.
PANNEAUX_PAGES = {
    "workflow_objects_to_moderate",
    "user_objects_in_workflow_moderation",
    "recent_edits",
    "locked_pages",
}


@hooks.register("construct_homepage_panels")
def panneau_tableau_de_bord(request, panels):
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in PANNEAUX_PAGES]
    panels[:0] = [AttentePanel(request), TableauDeBordPanel(request)]


@hooks.register("construct_homepage_summary_items")
def sans_resume_du_site(request, items):
    """Wagtail's site summary counts pages, images and documents site-wide, perimeters
    ignored: the dashboard replaces it."""
    items.clear()


class CarteMenuItem(MenuItem):
    def is_shown(self, request):
        return not perimetre_du_tableau(request.user).vide


@hooks.register("register_admin_menu_item")
def menu_carte():
    return CarteMenuItem("Carte de l'offre", reverse("pilotage_carte"), icon_name="site", order=150)
