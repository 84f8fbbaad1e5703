"""Daily, one command for the dated work of several apps (here, in the shared `backoffice` app, so
that no domain app imports another for it): conventions' dates
(`appliquer_echeances_conventions`), calls closed at their deadline (`clore_appels`), and the
reminders before the control phase's deadlines (the entité's answer to a provisional report, the
measures' deadlines: `backoffice.controle.echeances`), the evaluation cycle of the authorised
ESSMS and its reminders (`backoffice.evaluations`: rows in step with the dispositifs' dates, then
six months, one month before the due date, then overdue). Idempotent."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from backoffice.appels.echeances import clore_appels
from backoffice.controle.echeances import relancer_echeances
from backoffice.conventions.echeances import appliquer_echeances
from backoffice.conventions.management.commands.appliquer_echeances_conventions import date_option
from backoffice.evaluations.cycle import synchroniser
from backoffice.evaluations.relances import envoyer_relances
from backoffice.grammaire import compter


class Command(BaseCommand):
    help = (
        "Échéances du jour : conventions (vigueur, expiration, avenants), clôture des appels, "
        "relances des échéances des contrôles, cycle et relances des évaluations des ESSMS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Jour de référence (AAAA-MM-JJ), aujourd'hui par défaut."
        )

    def handle(self, *args, **options):
        aujourdhui = date_option(options["date"]) if options.get("date") else None
        bilan = appliquer_echeances(aujourdhui)
        self.stdout.write(f"Conventions : {bilan}")
        maintenant = None
        if aujourdhui:
            # The whole day has passed for a date given explicitly (re-run of a missed day).
            maintenant = timezone.make_aware(
                datetime.datetime.combine(aujourdhui, datetime.time.max)
            )
        closes, erreurs = clore_appels(maintenant)
        self.stdout.write(
            f"Appels à projets : {len(closes)} clos, {compter(len(erreurs), 'erreur', 'erreurs')}."
        )
        relances = relancer_echeances(aujourdhui)
        self.stdout.write(f"Contrôles : {relances}.")
        self.stdout.write(
            f"Évaluations des ESSMS : {synchroniser()} ; {envoyer_relances(aujourdhui)}."
        )
