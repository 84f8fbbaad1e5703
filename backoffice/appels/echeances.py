"""Calls closed at their deadline, run by `manage.py clore_appels` (or `manage.py echeances`).

`maintenant` is a parameter (default: now) so tests and late re-runs behave as at that moment.
Idempotent: a call already closed is left alone. Runs through the one transition service as
« Système »."""

import logging

from django.utils import timezone

from backoffice.grammaire import compter
from workflows.services import TransitionImpossible, executer_transition
from workflows.systeme import Systeme

from .models import AppelAProjets, EtatAppel

logger = logging.getLogger(__name__)


def clore_appels(maintenant=None):
    maintenant = maintenant or timezone.now()
    systeme = Systeme("clôture des appels à projets")
    closes, erreurs = [], []
    a_clore = AppelAProjets.objects.filter(etat=EtatAppel.PUBLIE, date_limite__lte=maintenant)
    for pk in list(a_clore.values_list("pk", flat=True)):
        try:
            executer_transition(AppelAProjets, pk, "clore", systeme, maintenant=maintenant)
            closes.append(pk)
        except TransitionImpossible as exc:
            erreurs.append((pk, exc.message))
    logger.info(
        "Clôture des appels au %s : %s clos, %s",
        maintenant,
        len(closes),
        compter(len(erreurs), "erreur", "erreurs"),
    )
    return closes, erreurs
