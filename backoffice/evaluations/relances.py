"""Reminders of the evaluations' due dates: six months before, one month before, then once
overdue — each sent once per evaluation (the last one sent is kept on the row), to the DDETS of
the dispositif's département and to the managers of its entité (they commission the
evaluation). One e-mail per person, listing all their evaluations of the day.

Run every day by `manage.py relancer_evaluations` (backoffice/planification.py), after the
cycle is brought in step. Idempotent and catching up: a day missed is caught up the next day,
and an evaluation that crossed several thresholds meanwhile gets the latest one only. The day is
a parameter (`aujourdhui`), so tests and a late re-run behave exactly as on that day.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from backoffice.acces.models import AffectationRole
from backoffice.acces.roles import Role
from backoffice.grammaire import compter
from backoffice.offre.choices import RegimeJuridique

from .models import FENETRE_MOIS, RANGS_RELANCE, Evaluation, Relance, decaler, rang_ordinal

logger = logging.getLogger(__name__)

TITRES = {
    Relance.RETARD: "Échéance dépassée, rapport non reçu",
    Relance.UN_MOIS: "Échéance dans moins d'un mois",
    Relance.SIX_MOIS: "Échéance dans moins de six mois",
}


def palier(echeance, aujourdhui):
    """The reminder due on `aujourdhui` for an evaluation due on `echeance` ("" for none)."""
    if echeance < aujourdhui:
        return Relance.RETARD
    if echeance <= decaler(aujourdhui, mois=1):
        return Relance.UN_MOIS
    if echeance <= decaler(aujourdhui, mois=FENETRE_MOIS):
        return Relance.SIX_MOIS
    return ""


def a_relancer(aujourdhui):
    """[(evaluation, reminder)] of the evaluations owing a reminder not sent yet: not received,
    of a dispositif still under authorisation and not closed, due within six months or
    overdue."""
    candidates = (
        Evaluation.objects.non_recues()
        .filter(
            echeance__lte=decaler(aujourdhui, mois=FENETRE_MOIS),
            dispositif__type__regime=RegimeJuridique.AUTORISATION,
        )
        .filter(
            Q(dispositif__date_fermeture__isnull=True)
            | Q(dispositif__date_fermeture__gt=aujourdhui)
        )
        .select_related("dispositif")
        .order_by("echeance", "dispositif__code", "rang")
    )
    resultat = []
    for evaluation in candidates:
        relance = palier(evaluation.echeance, aujourdhui)
        if RANGS_RELANCE[relance] > RANGS_RELANCE[evaluation.relance]:
            resultat.append((evaluation, relance))
    return resultat


def destinataires(evaluations):
    """{e-mail: [evaluation ids]}: the DDETS of each dispositif's département and the managers
    of its entité (two queries whatever the number of evaluations)."""
    departements = {e.dispositif.departement_id for e in evaluations}
    entites = {e.dispositif.entite_id for e in evaluations}
    actives = AffectationRole.objects.filter(actif=True, utilisateur__is_active=True).exclude(
        utilisateur__email=""
    )
    par_departement, par_entite = {}, {}
    for courriel, code in actives.filter(
        role=Role.DEPARTEMENTAL, departements__code__in=departements
    ).values_list("utilisateur__email", "departements__code"):
        par_departement.setdefault(code, set()).add(courriel)
    for courriel, entite_id in actives.filter(
        role=Role.GESTIONNAIRE, entite_id__in=entites
    ).values_list("utilisateur__email", "entite_id"):
        par_entite.setdefault(entite_id, set()).add(courriel)
    resultat = {}
    for evaluation in evaluations:
        d = evaluation.dispositif
        for courriel in par_departement.get(d.departement_id, set()) | par_entite.get(
            d.entite_id, set()
        ):
            resultat.setdefault(courriel, []).append(evaluation.pk)
    return resultat


def lien(evaluation):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{base}{reverse('evaluation:inspect', args=[evaluation.pk])}"


def _ligne(evaluation):
    d = evaluation.dispositif
    return (
        f"- {d.code} – {d.nom} : {rang_ordinal(evaluation.rang)} évaluation, échéance le "
        f"{evaluation.echeance:%d/%m/%Y}\n  {lien(evaluation)}"
    )


def corps(aujourdhui, relances):
    """The e-mail's text for [(evaluation, reminder)]."""
    parties = [
        "Évaluations des établissements et services sous autorisation (ESSMS) : échéances à "
        f"suivre au {aujourdhui:%d/%m/%Y}."
    ]
    for relance in (Relance.RETARD, Relance.UN_MOIS, Relance.SIX_MOIS):
        lignes = [_ligne(e) for e, r in relances if r == relance]
        if lignes:
            parties.append(f"{TITRES[relance]} :\n" + "\n".join(lignes))
    parties.append(
        "L'évaluation est conduite tous les cinq ans par un organisme accrédité, sur le "
        "référentiel de la HAS ; son rapport est transmis à l'autorité qui a délivré "
        "l'autorisation et pèse sur le renouvellement de celle-ci. Une fois le rapport reçu, "
        "la DDETS l'enregistre sur la fiche de l'évaluation."
    )
    return "\n\n".join(parties) + "\n"


@dataclass
class BilanRelances:
    evaluations: int = 0
    courriels: int = 0

    def __str__(self):
        return (
            f"{compter(self.evaluations, 'évaluation relancée', 'évaluations relancées')}, "
            f"{compter(self.courriels, 'courriel envoyé', 'courriels envoyés')}"
        )


def envoyer_relances(aujourdhui=None):
    """Send the reminders due on `aujourdhui` (default: today) and note them on the rows."""
    aujourdhui = aujourdhui or timezone.localdate()
    relances = a_relancer(aujourdhui)
    bilan = BilanRelances(evaluations=len(relances))
    if not relances:
        return bilan
    par_pk = {e.pk: (e, r) for e, r in relances}
    connexion = get_connection()
    for courriel, pks in sorted(destinataires([e for e, _ in relances]).items()):
        send_mail(
            f"Évaluations des ESSMS : échéances au {aujourdhui:%d/%m/%Y}",
            corps(aujourdhui, [par_pk[pk] for pk in pks]),
            settings.DEFAULT_FROM_EMAIL,
            [courriel],
            connection=connexion,
        )
        bilan.courriels += 1
    # Noted once sent: a failure before this line sends them again the next day rather than
    # never (an evaluation without any recipient is noted too: nobody to tell).
    for evaluation, relance in relances:
        evaluation.relance = relance
        evaluation.relance_le = aujourdhui
    Evaluation.objects.bulk_update(
        [e for e, _ in relances], ["relance", "relance_le"], batch_size=500
    )
    logger.info("Relances des évaluations au %s : %s", aujourdhui, bilan)
    return bilan
