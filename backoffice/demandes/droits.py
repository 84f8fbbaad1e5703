"""Who may do what on requests beyond the permission policy: see the internal comments, file a
modification or closure request from a dispositif's page."""

from backoffice.acces import perimetres
from backoffice.acces.roles import Role
from backoffice.acces.viewsets import LECTURE
from backoffice.offre.droits import peut_modifier_structure
from backoffice.offre.models import Dispositif


def voit_commentaires_internes(user, demande):
    """Internal comments are for the administrations only: never for the requester's side
    (the account that filed it, the entité's gestionnaires)."""
    if demande.compte_demandeur_id and demande.compte_demandeur_id == user.pk:
        return False
    perimetre = perimetres.perimetre_pour(
        user, "demandes.demande", LECTURE, exclure_roles=(Role.GESTIONNAIRE,)
    )
    return perimetres.contient(perimetre, demande)


def dispositifs_demandables(user):
    """Dispositifs on which `user` may file a modification or closure request: the "add" right
    on requests, within its perimeter (an entité's gestionnaire: its entité's dispositifs)."""
    perimetre = perimetres.perimetre_pour(user, "demandes.demande", ("add",))
    return perimetres.filtrer(Dispositif.objects.all(), perimetre)


def peut_demander_changement(user, dispositif):
    # Who may edit the structure directly does not need to ask.
    if peut_modifier_structure(user, dispositif):
        return False
    return dispositifs_demandables(user).filter(pk=dispositif.pk).exists()
