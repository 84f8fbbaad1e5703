"""Who performs a transition: an account (admin) or the public requester (follow-up token)."""

from dataclasses import dataclass

from backoffice.acces.perimetres import NATIONAL, VIDE, affectations_de
from backoffice.acces.roles import Role


@dataclass(frozen=True)
class Demandeur:
    """The person who filed a public request, identified by its private follow-up token."""

    jeton: str
    is_authenticated = False
    is_superuser = False
    is_active = True

    def has_perm(self, perm, obj=None):
        return False

    def __str__(self):
        return "Demandeur (lien de suivi)"


def est_compte(acteur):
    return getattr(acteur, "is_authenticated", False)


def perimetre_des_roles(acteur, roles):
    """Union of the perimeters of the actor's assignments holding one of `roles`."""
    if not est_compte(acteur) or not acteur.is_active:
        return VIDE
    if acteur.is_superuser:
        return NATIONAL
    perimetre = VIDE
    for role, perimetre_role in affectations_de(acteur):
        if role in roles:
            perimetre = perimetre | perimetre_role
    return perimetre


def a_role_sur_departement(acteur, roles, departement_code):
    """Whether the actor holds one of `roles` on the département, or is national (backup)."""
    perimetre = perimetre_des_roles(acteur, {*roles, Role.NATIONAL})
    return perimetre.national or departement_code in perimetre.departements


def libelle_acteur(acteur):
    if est_compte(acteur):
        return acteur.get_full_name() or acteur.email
    return str(acteur)
