"""The home page's occupancy panel: the latest month imported for the user's perimeter, its
rates against the CADA targets, per département, and the dispositifs below target three months
running. Every figure comes from indicateurs.py and links to its rows."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.components import Component

from backoffice.acces.perimetres import perimetre_pour

from . import indicateurs as ind

CIBLES_CADA = ind.CIBLES_PAR_TYPE["cada"]


class OccupationPanel(Component):
    name = "occupation"
    order = 15
    template_name = "occupation/panneau.html"

    def __init__(self, request):
        self.request = request

    @cached_property
    def perimetre(self):
        return perimetre_pour(self.request.user, "occupation.occupation", "view")

    @cached_property
    def mois(self):
        return None if self.perimetre.vide else ind.dernier_mois(self.perimetre)

    def render_html(self, parent_context=None):
        if self.mois is None:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        perimetre, mois = self.perimetre, self.mois
        total = ind.chiffres(perimetre, mois)
        par_departement = sorted(ind.chiffres(perimetre, mois, par="departement").items())
        sous = ind.sous_la_cible_depuis(perimetre, mois)
        liste = reverse("occupation:index")

        def ligne(libelle, chiffres, url):
            return {
                "libelle": libelle,
                "chiffres": chiffres,
                "taux": ind.pourcentage(chiffres.taux_occupation),
                "refugies": ind.pourcentage(chiffres.taux_refugies),
                "deboutes": ind.pourcentage(chiffres.taux_deboutes),
                "hors_cible": bool(chiffres.hors_cible(CIBLES_CADA)),
                "url": url,
            }

        filtre_mois = {"mois": mois.isoformat()}
        return {
            "mois": mois,
            "total": ligne("Total", total, f"{liste}?{urlencode(filtre_mois)}"),
            "departements": [
                ligne(
                    code,
                    chiffres,
                    f"{liste}?{urlencode({**filtre_mois, 'departement': code})}",
                )
                for code, chiffres in par_departement
            ],
            "sous_la_cible": len(sous),
            "mois_consecutifs": ind.MOIS_CONSECUTIFS,
            "url_anomalies": reverse("anomalie:index")
            + "?"
            + urlencode({"regle": "occupation_sous_cible"}),
            "cible_occupation": ind.pourcentage(CIBLES_CADA.occupation, 0),
            "cible_refugies": ind.pourcentage(CIBLES_CADA.refugies, 0),
            "cible_deboutes": ind.pourcentage(CIBLES_CADA.deboutes, 0),
        }
