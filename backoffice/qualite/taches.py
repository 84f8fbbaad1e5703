"""The nightly data-quality check as a django-tasks task (the `verifier_qualite` command runs
the same function). Arguments and result are JSON-serialisable, as task backends require."""

import datetime

from django.utils import timezone
from django_tasks import task

from .services import recalculer


def executer_verification(departements=None, date=None):
    """Recompute (all, or some départements) as of `date` (a date or AAAA-MM-JJ); returns the
    counts and a French summary."""
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    aujourdhui = date or timezone.localdate()
    bilan = recalculer(departements=departements, aujourdhui=aujourdhui)
    portee = f"départements {', '.join(departements)}" if departements else "tous les départements"
    return {
        **bilan.en_dict(),
        "date": aujourdhui.isoformat(),
        "resume": f"Qualité des données au {aujourdhui:%d/%m/%Y} ({portee}) : {bilan}.",
    }


@task()
def verifier_qualite(departements=None, date=None):
    return executer_verification(departements=departements, date=date)
