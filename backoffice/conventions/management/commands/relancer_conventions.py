"""Weekly: one e-mail per administrator listing the conventions of their perimeter ending within
3 and 6 months, those in force without a financing line for the year, and the number of
financing lines without a convention."""

from django.core.management.base import BaseCommand

from backoffice.conventions.echeances import envoyer_relances
from backoffice.grammaire import compter

from .appliquer_echeances_conventions import date_option


class Command(BaseCommand):
    help = "Envoie le point hebdomadaire des conventions aux administrateurs."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Jour de référence (AAAA-MM-JJ), aujourd'hui par défaut."
        )

    def handle(self, *args, **options):
        aujourdhui = date_option(options["date"]) if options.get("date") else None
        envoyes = envoyer_relances(aujourdhui)
        self.stdout.write(f"{compter(envoyes, 'courriel envoyé', 'courriels envoyés')}.")
