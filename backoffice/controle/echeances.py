"""Reminders before the deadlines of the control phase, run every day with the other dated work
(`manage.py echeances`, backoffice/planification.py):

- the entité's answer to the provisional report (`Controle.date_limite_reponse`): its
  gestionnaires are reminded 15 days, 7 days and 1 day before; once the deadline has passed
  without an answer, the DDETS is told the final report may now be drawn up;
- the measures' deadlines (`Mesure.echeance`, once the suites are engaged): the entité's
  gestionnaires before, the DDETS once passed (to record whether the measure was carried out).

Idempotent and catching up: each object keeps the last reminder sent (`relance_palier`: days
before the deadline, -1 once passed); a run sends only the reminder of the day's step if it was
not sent yet — a missed week sends one reminder, never three. Moving a deadline (a longer delay
to answer) starts the reminders again. The day is a parameter (`aujourdhui`), as for the
conventions' dated work.
"""

import logging
from dataclasses import dataclass, field

from django.utils import timezone

from backoffice.grammaire import compter

from .choix import PALIER_ECHU, PALIERS_RELANCE, E, SuiviMesure
from .models import Controle, Mesure
from .notifications import ddets, gestionnaires, notifier_echeance

logger = logging.getLogger(__name__)


@dataclass
class BilanRelances:
    reponses: list = field(default_factory=list)
    mesures: list = field(default_factory=list)

    def __str__(self):
        return (
            f"{compter(len(self.reponses), 'relance', 'relances')} de réponse au rapport "
            f"provisoire, {compter(len(self.mesures), 'relance', 'relances')} d'échéance de "
            "mesure"
        )


def palier_du_jour(echeance, aujourdhui):
    """The reminder step of the day for a deadline: the smallest of PALIERS_RELANCE not below
    the days left, PALIER_ECHU once passed, None when the deadline is still far."""
    jours = (echeance - aujourdhui).days
    if jours < 0:
        return PALIER_ECHU
    atteints = [palier for palier in PALIERS_RELANCE if jours <= palier]
    return min(atteints) if atteints else None


def _a_envoyer(objet, echeance, aujourdhui):
    palier = palier_du_jour(echeance, aujourdhui)
    if palier is None:
        return None
    if objet.relance_palier is not None and palier >= objet.relance_palier:
        return None
    return palier


def _dans(echeance, aujourdhui):
    jours = (echeance - aujourdhui).days
    if jours == 0:
        return "aujourd'hui"
    return f"dans {compter(jours, 'jour', 'jours')}"


def relancer_echeances(aujourdhui=None):
    aujourdhui = aujourdhui or timezone.localdate()
    bilan = BilanRelances()
    controles = Controle.objects.filter(
        etat=E.PROCEDURE_CONTRADICTOIRE,
        repondu_le__isnull=True,
        date_limite_reponse__isnull=False,
    ).select_related("dispositif")
    for controle in controles.order_by("date_limite_reponse", "pk"):
        palier = _a_envoyer(controle, controle.date_limite_reponse, aujourdhui)
        if palier is None:
            continue
        limite = f"{controle.date_limite_reponse:%d/%m/%Y}"
        if palier == PALIER_ECHU:
            notifier_echeance(
                controle,
                ddets(controle),
                f"Contrôle : délai de réponse expiré le {limite} sans réponse de l'entité – "
                f"{controle} ({controle.dispositif})",
                ["Le rapport définitif peut désormais être arrêté."],
            )
        else:
            notifier_echeance(
                controle,
                gestionnaires(controle),
                f"Contrôle : votre réponse au rapport provisoire est attendue au plus tard le "
                f"{limite} ({_dans(controle.date_limite_reponse, aujourdhui)}) – {controle} "
                f"({controle.dispositif})",
                ["Répondez depuis la page du contrôle (« Répondre au rapport provisoire »)."],
            )
        Controle.objects.filter(pk=controle.pk).update(relance_palier=palier)
        bilan.reponses.append(controle.pk)
    mesures = Mesure.objects.filter(
        etat=SuiviMesure.A_SUIVRE,
        echeance__isnull=False,
        controle__etat=E.SUITES_EN_COURS,
    ).select_related("controle__dispositif")
    for mesure in mesures.order_by("echeance", "pk"):
        palier = _a_envoyer(mesure, mesure.echeance, aujourdhui)
        if palier is None:
            continue
        controle = mesure.controle
        echeance = f"{mesure.echeance:%d/%m/%Y}"
        lignes = [f"Mesure : {mesure.texte}"]
        if palier == PALIER_ECHU:
            notifier_echeance(
                mesure,
                ddets(controle),
                f"Contrôle : mesure arrivée à échéance le {echeance} – "
                f"{mesure.get_type_mesure_display()}, {controle} ({controle.dispositif})",
                [*lignes, "Constatez si elle est levée ou non."],
            )
        else:
            notifier_echeance(
                mesure,
                gestionnaires(controle),
                f"Contrôle : mesure à mettre en œuvre au plus tard le {echeance} "
                f"({_dans(mesure.echeance, aujourdhui)}) – {mesure.get_type_mesure_display()}, "
                f"{controle} ({controle.dispositif})",
                lignes,
            )
        Mesure.objects.filter(pk=mesure.pk).update(relance_palier=palier)
        bilan.mesures.append(mesure.pk)
    logger.info("Relances des contrôles au %s : %s", aujourdhui, bilan)
    return bilan
