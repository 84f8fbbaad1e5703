"""Who may steer a call and judge a candidature: role AND perimeter (the transitions'
permissions, the filing and the edit of a candidature, the recipients of the e-mails).

A call belongs to the départements it covers (its split, else its whole région): a DDETS steers
a call of its own départements; a multi-département call belongs to the région."""

import functools

from backoffice.acces.perimetres import perimetre_pour
from backoffice.acces.roles import Role
from backoffice.territoires.models import Departement
from workflows.acteurs import a_role_sur_departement, perimetre_des_roles

from .etats import EtatAppel


def departements_appel(appel):
    """The départements a campaign covers: its split if any, else its whole région."""
    codes = {r.departement_id for r in appel.repartitions.all()}
    return codes or departements_de_region(appel.region_id)


@functools.cache
def departements_de_region(region_id):
    """Reference data (COG, shipped by migrations): read once per process."""
    return frozenset(Departement.objects.filter(region_id=region_id).values_list("code", flat=True))


def a_role_sur_appel(acteur, roles, appel):
    """National, or `roles` on every département the campaign covers."""
    perimetre = perimetre_des_roles(acteur, {*roles, Role.NATIONAL})
    if perimetre.national:
        return True
    codes = departements_appel(appel)
    return bool(codes) and codes <= perimetre.departements


def erreurs_repartition(region_id, places_recherchees, repartitions):
    """[(departement, places)] of a call's split: départements of its région, once each, in
    total no more than the places sought. The French errors, empty when none."""
    erreurs = []
    total = 0
    vus = set()
    for departement, places in repartitions:
        if departement is None:
            continue
        if departement.pk in vus:
            erreurs.append(f"Le département {departement} figure deux fois dans la répartition.")
        vus.add(departement.pk)
        if region_id and departement.region_id != region_id:
            erreurs.append(f"Le département {departement} n'est pas dans la région de l'appel.")
        total += places or 0
    if places_recherchees and total > places_recherchees:
        erreurs.append(
            f"La répartition ({total} places) dépasse les {places_recherchees} places recherchées."
        )
    return erreurs


def hors_perimetre_de_l_auteur(acteur, region_id, departements):
    """Whether a call of `region_id` split over `departements` (codes; none: the whole région)
    would leave the perimeter of the one who writes it (they could not steer it)."""
    perimetre = perimetre_pour(acteur, "appels.appelaprojets", ("add", "change"))
    codes = set(departements) or departements_de_region(region_id)
    return not perimetre.national and not codes <= perimetre.departements


def peut_piloter(appel, acteur):
    return a_role_sur_appel(acteur, {Role.DEPARTEMENTAL, Role.REGIONAL}, appel)


def peut_valider(appel, acteur):
    if appel.nationale:
        return perimetre_des_roles(acteur, {Role.NATIONAL}).national
    return a_role_sur_appel(acteur, {Role.REGIONAL}, appel)


def peut_renvoyer(appel, acteur):
    """A submitted call goes back to its pilots' hands; a pre-validated one only by those who
    would validate it."""
    if appel.etat == EtatAppel.SOUMIS:
        return peut_piloter(appel, acteur)
    return peut_valider(appel, acteur)


def peut_instruire(candidature, acteur):
    return a_role_sur_departement(
        acteur, {Role.DEPARTEMENTAL, Role.REGIONAL}, candidature.departement_id
    )


def est_entite_candidate(candidature, acteur):
    perimetre = perimetre_des_roles(acteur, {Role.GESTIONNAIRE, Role.NATIONAL})
    return perimetre.national or candidature.entite_id in perimetre.entites


def peut_desister(candidature, acteur):
    """The entité; the DDETS for a candidature it recorded for an operator without account."""
    if est_entite_candidate(candidature, acteur):
        return True
    return candidature.deposee_pour_compte and peut_instruire(candidature, acteur)


def entites_de(acteur):
    """The entités the actor files for as their gestionnaire."""
    return perimetre_des_roles(acteur, {Role.GESTIONNAIRE}).entites


def peut_deposer(acteur, candidature):
    """The entité's gestionnaire, or an instructor of the département (recording for an
    operator without an account)."""
    if candidature.entite_id in entites_de(acteur):
        return True
    return peut_instruire(candidature, acteur)
