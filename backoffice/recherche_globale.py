"""Global search: our objects (entités, dispositifs, conventions, demandes, appels…), in the
user's perimeter only.

It searches what each admin listing searches: every registered perimeter-bound viewset with
`search_fields` (and `recherche_globale`, on by default), through the same permission policy and
the same text matching as the listing (`backoffice.recherche.filtres.rechercher` on the
viewset's `recherche` columns), so the two never disagree.
Reference data (natures, territoires…) stays in its own listings.
"""

from dataclasses import dataclass, field

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from wagtail.admin.viewsets import viewsets as registre

from backoffice.acces import perimetres
from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import LECTURE, PerimetreModelViewSet
from backoffice.recherche.filtres import rechercher as filtrer

RESULTATS_PAR_TYPE = 5


@dataclass
class Groupe:
    libelle: str
    nombre: int
    url_liste: str
    objets: list = field(default_factory=list)  # [(libellé, url)]


def viewsets_cherches():
    """One viewset per model, in registration (menu) order."""
    vus, resultat = set(), []
    for viewset in registre.viewsets:
        if not isinstance(viewset, PerimetreModelViewSet) or not viewset.search_fields:
            continue
        if not viewset.recherche_globale:
            continue
        if viewset.model in vus or not perimetres.est_perimetre(viewset.model._meta.label_lower):
            continue
        vus.add(viewset.model)
        resultat.append(viewset)
    return resultat


def _url_objet(viewset, objet):
    vue = "inspect" if viewset.inspect_view_enabled else "edit"
    return reverse(viewset.get_url_name(vue), args=[quote(objet.pk)])


def rechercher(user, texte):
    """[Groupe] of the viewsets with at least one match, each with its first matches."""
    groupes = []
    for viewset in viewsets_cherches():
        requete = policy_for(viewset.model).instances_user_has_any_permission_for(user, LECTURE)
        requete = filtrer(requete, texte, viewset.search_fields)
        nombre = requete.count()
        if not nombre:
            continue
        if not requete.ordered:
            requete = requete.order_by("pk")
        url_liste = reverse(viewset.get_url_name("index"))
        groupes.append(
            Groupe(
                libelle=capfirst(viewset.model._meta.verbose_name_plural),
                nombre=nombre,
                url_liste=f"{url_liste}?{urlencode({'q': texte})}",
                objets=[
                    (str(objet), _url_objet(viewset, objet))
                    for objet in requete[:RESULTATS_PAR_TYPE]
                ],
            )
        )
    return groupes
