"""Daily: the evaluation cycle of the authorised ESSMS brought in step with the dispositifs'
dates (missing rows created, due dates moved), then the reminders of the day (six months, one
month before the due date, then overdue). Idempotent."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from backoffice.evaluations.cycle import synchroniser
from backoffice.evaluations.relances import envoyer_relances


def date_option(valeur):
    try:
        return datetime.date.fromisoformat(valeur)
    except ValueError as exc:
        raise CommandError(f"Date invalide « {valeur} » : format AAAA-MM-JJ attendu.") from exc


class Command(BaseCommand):
    help = (
        "Met à jour le cycle des évaluations des ESSMS et envoie les relances (6 mois, 1 mois "
        "avant l'échéance, puis en retard)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Jour de référence (AAAA-MM-JJ), aujourd'hui par défaut."
        )

    def handle(self, *args, **options):
        aujourdhui = date_option(options["date"]) if options.get("date") else None
        self.stdout.write(f"Cycle des évaluations : {synchroniser()}.")
        self.stdout.write(f"Relances : {envoyer_relances(aujourdhui)}.")
