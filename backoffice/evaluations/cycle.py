"""The evaluation cycle of an authorised ESSMS: its due dates, the end of its authorisation, the
rows kept in step with the dispositifs' dates, and where a renewal stands.

- `echeances_attendues(dispositif)`: [(rank, due date)] — every five years from the
  authorisation date (else the opening date), up to the end of the authorisation, and before the
  closing date of a dispositif that closes.
- `fin_autorisation(dispositif)`: `date_fin_autorisation`, else the reference date + 15 years.
- `synchroniser()`: creates the missing rows, moves the due dates that changed, and drops the
  rows nothing was recorded on that the cycle no longer expects (a date corrected, a type that
  left the authorisation regime, a closure); idempotent, a fixed number of queries whatever the
  number of dispositifs. Run every night by `manage.py relancer_evaluations`.
- `renouvellement(dispositif, evaluations)`: the authorisation's end and whether the evaluations
  due before it were received (the dispositif's section and the renewals screen).
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from backoffice.grammaire import compter
from backoffice.offre.choices import RegimeJuridique
from backoffice.offre.models import Dispositif

from .models import (
    PERIODICITE_ANS,
    EtatEvaluation,
    Evaluation,
    date_reference,
    decaler,
    etat_a_la_date,
    fin_autorisation,
    rang_ordinal,
)

logger = logging.getLogger(__name__)

# Far above any real cycle (an authorisation renewed five times has 18 evaluations): a bound
# against a mistyped end date such as 2900.
RANG_MAX = 30

CHAMPS_DATES = ("date_autorisation", "date_fin_autorisation", "date_ouverture", "date_fermeture")


def sous_autorisation():
    """The dispositifs whose type is under the authorisation regime (the ESSMS)."""
    return Dispositif.objects.filter(type__regime=RegimeJuridique.AUTORISATION)


def source_fin(dispositif):
    """How the end of the authorisation was found, in words."""
    if dispositif.date_fin_autorisation:
        return "fin d'autorisation enregistrée"
    if dispositif.date_autorisation:
        return "date d'autorisation + 15 ans"
    if dispositif.date_ouverture:
        return "date d'ouverture + 15 ans (date d'autorisation inconnue)"
    return ""


def echeances_attendues(dispositif):
    """[(rank, due date)] of the evaluations the dispositif owes (its type is not checked)."""
    reference = date_reference(dispositif)
    fin = fin_autorisation(dispositif)
    if reference is None or fin is None:
        return []
    echeances = []
    for rang in range(1, RANG_MAX + 1):
        echeance = decaler(reference, annees=PERIODICITE_ANS * rang)
        if echeance > fin:
            break
        if dispositif.date_fermeture and echeance >= dispositif.date_fermeture:
            break
        echeances.append((rang, echeance))
    return echeances


# ---------------------------------------------------------------------------------------------
# Keeping the rows in step
# ---------------------------------------------------------------------------------------------


@dataclass
class Bilan:
    creees: int = 0
    deplacees: int = 0
    retirees: int = 0
    conservees: list = field(default_factory=list)  # pks no longer expected but recorded on

    def __str__(self):
        texte = (
            f"{compter(self.creees, 'évaluation créée', 'évaluations créées')}, "
            f"{compter(self.deplacees, 'échéance déplacée', 'échéances déplacées')}, "
            f"{compter(self.retirees, 'évaluation retirée', 'évaluations retirées')}"
        )
        if self.conservees:
            conservees = compter(
                len(self.conservees),
                "évaluation hors cycle conservée",
                "évaluations hors cycle conservées",
            )
            texte += f", {conservees}"
        return texte


def synchroniser(dispositifs=None):
    """Bring the evaluation rows in line with the dispositifs' dates (all the authorised ones,
    or those of the `dispositifs` queryset). Idempotent: a second run changes nothing."""
    cible = sous_autorisation()
    if dispositifs is not None:
        cible = cible.filter(pk__in=dispositifs.values("pk"))
    attendues = {}
    for dispositif in cible.only("pk", *CHAMPS_DATES).order_by():
        for rang, echeance in echeances_attendues(dispositif):
            attendues[dispositif.pk, rang] = echeance
    existantes = Evaluation.objects.all().order_by()
    if dispositifs is not None:
        existantes = existantes.filter(dispositif__in=dispositifs.values("pk"))
    bilan = Bilan()
    a_deplacer, a_retirer = [], []
    with transaction.atomic():
        for evaluation in existantes.only(
            "pk",
            "dispositif_id",
            "rang",
            "echeance",
            "date_reception",
            "document_id",
            "organisme_evaluateur",
            "conclusion",
        ):
            cle = (evaluation.dispositif_id, evaluation.rang)
            echeance = attendues.pop(cle, None)
            if echeance is None:
                if evaluation.est_vierge:
                    a_retirer.append(evaluation.pk)
                else:
                    bilan.conservees.append(evaluation.pk)
            elif echeance != evaluation.echeance:
                # A new due date: the reminders start again from it.
                evaluation.echeance = echeance
                evaluation.relance = ""
                evaluation.relance_le = None
                a_deplacer.append(evaluation)
        if a_retirer:
            Evaluation.objects.filter(pk__in=a_retirer).delete()
        if a_deplacer:
            Evaluation.objects.bulk_update(
                a_deplacer, ["echeance", "relance", "relance_le"], batch_size=500
            )
        nouvelles = [
            Evaluation(dispositif_id=dispositif_id, rang=rang, echeance=echeance)
            for (dispositif_id, rang), echeance in sorted(attendues.items())
        ]
        # A concurrent run may have created some meanwhile: the unique key keeps one of each.
        Evaluation.objects.bulk_create(nouvelles, batch_size=500, ignore_conflicts=True)
    bilan.creees, bilan.deplacees, bilan.retirees = len(nouvelles), len(a_deplacer), len(a_retirer)
    logger.info("Cycle des évaluations : %s", bilan)
    return bilan


# ---------------------------------------------------------------------------------------------
# The cycle of one dispositif, and its renewal
# ---------------------------------------------------------------------------------------------


@dataclass
class LigneCycle:
    """One evaluation of a dispositif's cycle: its row when it exists (`evaluation`), else what
    the cycle expects and the nightly run will create."""

    rang: int
    echeance: object
    evaluation: Evaluation | None
    etat: str
    avant_fin: bool  # due before the end of the authorisation (counts for its renewal)

    @property
    def libelle_etat(self):
        return EtatEvaluation(self.etat).label

    @property
    def libelle_rang(self):
        return f"{rang_ordinal(self.rang)} évaluation"


@dataclass
class Renouvellement:
    fin: object  # date or None
    source: str
    lignes: list  # [LigneCycle] in rank order
    aujourdhui: object

    @property
    def attendues(self):
        """The evaluations due before the end of the authorisation."""
        return [ligne for ligne in self.lignes if ligne.avant_fin]

    @property
    def recues(self):
        return [
            ligne for ligne in self.attendues if ligne.evaluation and ligne.evaluation.est_recue
        ]

    @property
    def manquantes(self):
        return [ligne for ligne in self.attendues if ligne not in self.recues]

    @property
    def complet(self):
        return bool(self.attendues) and not self.manquantes

    @property
    def prochaine(self):
        """The first evaluation not received yet (overdue ones first: they come earlier)."""
        return next(
            (
                ligne
                for ligne in self.lignes
                if not (ligne.evaluation and ligne.evaluation.est_recue)
            ),
            None,
        )

    @property
    def fin_depassee(self):
        return self.fin is not None and self.fin < self.aujourdhui

    @property
    def bilan(self):
        """« 2 sur 3 reçues », in words."""
        total = len(self.attendues)
        if not total:
            return "Aucune évaluation attendue avant la fin de l'autorisation"
        return f"{compter(len(self.recues), 'reçue', 'reçues')} sur {total}"


def renouvellement(dispositif, evaluations, aujourdhui=None):
    """Where the renewal of `dispositif`'s authorisation stands, from its evaluation rows
    (`evaluations`, already read: no query here) and the cycle its dates expect."""
    aujourdhui = aujourdhui or timezone.localdate()
    fin = fin_autorisation(dispositif)
    par_rang = {e.rang: e for e in evaluations}
    lignes = []
    for rang, echeance in echeances_attendues(dispositif):
        evaluation = par_rang.pop(rang, None)
        lignes.append(_ligne(rang, echeance, evaluation, fin, aujourdhui))
    # Rows recorded on but no longer expected (dates changed since): still shown.
    for rang, evaluation in sorted(par_rang.items()):
        lignes.append(_ligne(rang, evaluation.echeance, evaluation, fin, aujourdhui))
    return Renouvellement(fin, source_fin(dispositif), lignes, aujourdhui)


def _ligne(rang, echeance, evaluation, fin, aujourdhui):
    recue_le = evaluation.date_reception if evaluation else None
    return LigneCycle(
        rang=rang,
        echeance=echeance,
        evaluation=evaluation,
        etat=etat_a_la_date(echeance, recue_le, aujourdhui),
        avant_fin=fin is not None and echeance <= fin,
    )
