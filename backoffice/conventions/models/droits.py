"""Who may act on a convention: role AND perimeter (its département)."""

from backoffice.acces.roles import Role
from workflows.acteurs import a_role_sur_departement, perimetre_des_roles

from .choix import E

# ---------------------------------------------------------------------------------------------
# Transition permissions: role AND perimeter (the convention's département)
# ---------------------------------------------------------------------------------------------


def _a_role(acteur, roles, convention):
    return a_role_sur_departement(acteur, roles, convention.departement_id)


def peut_rediger(convention, acteur):
    return _a_role(acteur, {Role.DEPARTEMENTAL, Role.REGIONAL}, convention)


def peut_pre_valider(convention, acteur):
    return _a_role(acteur, {Role.DEPARTEMENTAL}, convention)


def peut_valider(convention, acteur):
    """Regional administrator of the région; national conventions: national administrators."""
    if convention.nationale:
        return perimetre_des_roles(acteur, {Role.NATIONAL}).national
    return _a_role(acteur, {Role.REGIONAL}, convention)


def peut_renvoyer(convention, acteur):
    """Whoever holds the current step sends back to the draft."""
    if convention.etat == E.SOUMISE:
        return peut_pre_valider(convention, acteur)
    return peut_valider(convention, acteur)


def peut_signer(convention, acteur):
    return _a_role(acteur, {Role.DEPARTEMENTAL, Role.REGIONAL}, convention)
