"""Who may do what with Temps 1 imports: see an import, confirm one, export the offer, reach the
page at all. The views and the menu ask here."""

from backoffice.acces import perimetres
from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import LECTURE

from .models import ImportTemps1
from .temps1 import perimetre_import


def imports_visibles(user):
    return policy_for(ImportTemps1).filtrer(ImportTemps1.objects.all(), user, LECTURE)


def imports_applicables(user):
    """Imports `user` may confirm: the "add" right, within its perimeter."""
    return perimetres.filtrer(ImportTemps1.objects.all(), perimetre_import(user))


def peut_appliquer(user, import_):
    """Whether `user` may confirm `import_` now: analysed, and theirs to confirm."""
    return import_.applicable and imports_applicables(user).filter(pk=import_.pk).exists()


def perimetre_export(user):
    return perimetres.perimetre_pour(user, "offre.dispositif", "view")


def peut_exporter(user):
    """The export is made per département: accounts reading the offer of whole départements
    (administrators, lecteurs), not an operator's account limited to its entité."""
    perimetre = perimetre_export(user)
    return perimetre.national or bool(perimetre.departements)


def peut_voir_la_page(user):
    return policy_for(ImportTemps1).user_has_permission(user, "view") or peut_exporter(user)
