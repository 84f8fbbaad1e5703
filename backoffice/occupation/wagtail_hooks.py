from urllib.parse import urlencode

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from backoffice.acces.policies import policy_for
from backoffice.offre.sections import SECTIONS_DISPOSITIF, SectionDispositif

from .indicateurs import points, pourcentage, serie_du_dispositif
from .models import Occupation
from .panneau import OccupationPanel
from .views import occupation_viewset


@hooks.register("register_admin_viewset")
def register_viewset():
    return occupation_viewset


@hooks.register(SECTIONS_DISPOSITIF)
def section_occupation(dispositif, request):
    """The last twelve months of DN@ occupancy, with the convention's targets."""
    if not policy_for(Occupation).user_has_permission(request.user, "view"):
        return None
    serie = serie_du_dispositif(dispositif)
    objectif = serie[-1][2] if serie else None
    cibles = objectif.cibles if objectif else None
    lignes = []
    for mois, chiffres, _ in serie:
        ligne = {"mois": mois, "chiffres": chiffres}
        if chiffres is not None:
            ecart = chiffres.ecarts(cibles)[0]
            ligne.update(
                taux=pourcentage(chiffres.taux_occupation),
                ecart=points(ecart),
                refugies=pourcentage(chiffres.taux_refugies),
                deboutes=pourcentage(chiffres.taux_deboutes),
                hors_cible=bool(chiffres.hors_cible(cibles)),
            )
        lignes.append(ligne)
    return SectionDispositif(
        "occupation/_section_dispositif.html",
        dispositif,
        request,
        ordre=35,
        lignes=lignes,
        objectif=objectif,
        cible_occupation=pourcentage(cibles.occupation, 0) if cibles else "",
        cible_refugies=pourcentage(cibles.refugies, 0) if cibles else "",
        cible_deboutes=pourcentage(cibles.deboutes, 0) if cibles else "",
        url_liste=reverse("occupation:index") + "?" + urlencode({"q": dispositif.code}),
    )


class OccupationMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_for(Occupation).user_has_permission(request.user, "view")


@hooks.register("register_admin_menu_item")
def menu_occupation():
    return OccupationMenuItem(
        "Occupation (DN@)", reverse("occupation:index"), icon_name="group", order=155
    )


@hooks.register("construct_homepage_panels")
def panneau_occupation(request, panels):
    panels.append(OccupationPanel(request))
