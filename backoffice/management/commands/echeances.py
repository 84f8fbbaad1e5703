"""Daily, one command for both apps (here, in the shared `backoffice` app, so that neither
domain app imports the other): conventions' dates (`appliquer_echeances_conventions`) and
calls closed at their deadline (`clore_appels`). Idempotent."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from backoffice.appels.echeances import clore_appels
from backoffice.conventions.echeances import appliquer_echeances
from backoffice.conventions.management.commands.appliquer_echeances_conventions import date_option
from backoffice.grammaire import compter


class Command(BaseCommand):
    help = "Échéances du jour : conventions (vigueur, expiration, avenants) et clôture des appels."

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
