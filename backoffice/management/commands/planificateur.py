"""`manage.py planificateur`: the periodic runner of the local trial (`make run` starts it beside
the task worker). It runs the scheduled commands of `backoffice/planification.py` at their
cadence, catches up at start what fell due while it was stopped, logs in French what it ran, and
stops on Ctrl-C once the running command has finished.

Production does not run it: cron runs the same commands at the same times
(`manage.py planificateur --crontab` prints the crontab, also in the README).
"""

import os
import signal
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from backoffice import planification


class Command(BaseCommand):
    help = (
        "Lance les tâches planifiées à leur heure (échéances, clôture des appels, qualité, "
        "relances) et rattrape au démarrage celles qui étaient dues. --crontab : affiche la "
        "crontab de production équivalente."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--crontab",
            action="store_true",
            help="Affiche la crontab de production (mêmes tâches, mêmes heures) et s'arrête.",
        )
        parser.add_argument(
            "--repertoire",
            default=planification.REPERTOIRE_PRODUCTION,
            help="Avec --crontab : dossier de l'application sur le serveur "
            f"(défaut : {planification.REPERTOIRE_PRODUCTION}).",
        )

    def handle(self, *args, crontab, repertoire, **options):
        if crontab:
            self.stdout.write(planification.crontab(repertoire), ending="")
            return
        chemin = settings.PLANIFICATEUR_JOURNAL
        try:
            with planification.verrou_exclusif(chemin):
                descripteur = sys.stdout.fileno()

                def ecrire(ligne):
                    # A plain write(2), not self.stdout: `arreter()` writes from the signal
                    # handler, which may interrupt a write to the same buffered stream.
                    os.write(descripteur, f"[planificateur] {ligne}\n".encode())

                planificateur = planification.Planificateur(
                    journal=planification.Journal(chemin),
                    ecrire=ecrire,
                    executer=planification.executer_commande,
                    horloge=timezone.now,
                )
                self.ecouter_les_signaux(planificateur)
                planificateur.tourner()
        except planification.DejaLance as exc:
            raise CommandError(str(exc)) from exc

    def ecouter_les_signaux(self, planificateur):
        def arreter(signum, frame):
            # A second Ctrl-C interrupts the running command (its transaction rolls back).
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            planificateur.arreter()

        signal.signal(signal.SIGINT, arreter)
        signal.signal(signal.SIGTERM, arreter)
