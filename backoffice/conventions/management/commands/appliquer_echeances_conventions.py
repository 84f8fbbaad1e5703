"""Daily: conventions enter into force on their start date and expire after their end date;
signed avenants apply on their effective date. Idempotent; logged as « Système »."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from backoffice.conventions.echeances import appliquer_echeances


def date_option(valeur):
    try:
        return datetime.date.fromisoformat(valeur)
    except ValueError as exc:
        raise CommandError(f"Date invalide « {valeur} » : format AAAA-MM-JJ attendu.") from exc


class Command(BaseCommand):
    help = "Applique les échéances des conventions (entrée en vigueur, expiration, avenants)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Jour de référence (AAAA-MM-JJ), aujourd'hui par défaut."
        )

    def handle(self, *args, **options):
        aujourdhui = date_option(options["date"]) if options.get("date") else None
        bilan = appliquer_echeances(aujourdhui)
        self.stdout.write(str(bilan))
        for pk, message in bilan.erreurs:
            self.stderr.write(f"Convention {pk} : {message}")
