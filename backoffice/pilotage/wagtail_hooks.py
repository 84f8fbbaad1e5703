from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from backoffice.exportations.registre import inscrire
from backoffice.offre.models import exercice_courant
from backoffice.offre.sections import CAPACITES_AU, SECTIONS_DISPOSITIF, SectionDispositif

from .exports import fichier_pilotage
from .indicateurs import capacites_historiques, chiffres_du_dispositif, sous_autorisation
from .tableau import perimetre_du_tableau
from .views import (
    AttentePanel,
    CarteView,
    ComparaisonView,
    DetailView,
    ExportView,
    TableauDeBordPanel,
    tableau_comparaison,
)


@hooks.register("register_admin_urls")
def urls_pilotage():
    return [
        path("pilotage/carte/", CarteView.as_view(), name="pilotage_carte"),
        path("pilotage/export/", ExportView.as_view(), name="pilotage_export"),
        path("pilotage/chiffre/", DetailView.as_view(), name="pilotage_detail"),
        path("pilotage/comparaison/", ComparaisonView.as_view(), name="pilotage_comparaison"),
    ]


# The dashboard's workbook, for the background jobs of large perimeters (backoffice/exportations).
inscrire(ExportView.NOM, fichier_pilotage)
inscrire(ComparaisonView.NOM, tableau_comparaison)


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


@hooks.register(SECTIONS_DISPOSITIF)
def section_capacites(dispositif, request):
    """The dashboard's figures for this one dispositif, above its fields: the authorised places
    only for a type under the authorisation regime (None: « — »)."""
    aujourdhui = timezone.localdate()
    chiffres = chiffres_du_dispositif(dispositif, aujourdhui)
    capacites = {
        "autorisees": chiffres.autorisees if sous_autorisation(dispositif.type) else None,
        "financees": chiffres.financees,
        "conventionnees": chiffres.conventionnees,
        "ouvertes": chiffres.ouvertes,
        "cout_jour_place": chiffres.cout_jour_place(aujourdhui.year),
    }
    return SectionDispositif(
        "pilotage/_dispositif_capacites.html",
        dispositif,
        request,
        ordre=0,
        avant_champs=True,
        capacites=capacites,
        exercice=exercice_courant(),
    )


@hooks.register(CAPACITES_AU)
def capacites_des_dispositifs_au(date, dispositifs, connu_au=None):
    capacites = capacites_historiques(date, dispositifs=dispositifs, connu_au=connu_au)
    return {pk: chiffres for pk, (_, _, chiffres) in capacites.items()}
