"""Who may act on a control: role AND perimeter (the transitions' permissions, the edit and
upload pages, the work queue, the recipients of the e-mails).

- The DDETS of the control's département runs it (national administrators as backup).
- The entité controlled (its gestionnaires) answers during the contradictory procedure, within
  the deadline, and attaches documents to its answer. It sees its controls from that step on
  only: the perimeter rule itself says so (models.Controle.q_perimetre), so the list, the page,
  the documents and the transitions all follow it.
"""

from django.utils import timezone

from backoffice.acces.roles import Role
from workflows.acteurs import a_role_sur_departement, perimetre_des_roles

from .choix import ETATS_DOCUMENTS, NATURES_ADMINISTRATION, NATURES_ENTITE, E


def peut_conduire(controle, acteur):
    """The DDETS of the control's département, or a national administrator."""
    return a_role_sur_departement(acteur, {Role.DEPARTEMENTAL}, controle.departement_id)


def est_entite_controlee(controle, acteur):
    """A gestionnaire of the entité controlled (never the national backup: the answer is the
    entité's own)."""
    return controle.entite_id in perimetre_des_roles(acteur, {Role.GESTIONNAIRE}).entites


def delai_de_reponse_ouvert(controle, aujourdhui=None):
    """During the contradictory procedure, until its deadline included."""
    aujourdhui = aujourdhui or timezone.localdate()
    return (
        controle.etat == E.PROCEDURE_CONTRADICTOIRE
        and controle.date_limite_reponse is not None
        and aujourdhui <= controle.date_limite_reponse
    )


def reponse_possible(controle, aujourdhui=None):
    """The entité may still answer: deadline not passed and no answer recorded yet."""
    return controle.repondu_le is None and delai_de_reponse_ouvert(controle, aujourdhui)


def natures_documents(controle, acteur):
    """[(code, label)] of the documents `acteur` may attach to `controle` now: the
    administration's while the control is not cancelled, the entité's answer while it may still
    answer; empty otherwise."""
    if controle.etat not in ETATS_DOCUMENTS:
        return []
    if peut_conduire(controle, acteur):
        return [(n.value, n.label) for n in NATURES_ADMINISTRATION]
    if est_entite_controlee(controle, acteur) and reponse_possible(controle):
        return [(n.value, n.label) for n in NATURES_ENTITE]
    return []
