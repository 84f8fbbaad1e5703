"""Calls published whose deadline has passed are closed (`publie` → `clos`). Run it often (every
hour, or daily with `manage.py echeances`); idempotent; logged as « Système »."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from backoffice.appels.echeances import clore_appels
from backoffice.grammaire import compter


class Command(BaseCommand):
    help = "Clôt les appels à projets publiés dont la date limite est passée."

    def add_arguments(self, parser):
        parser.add_argument(
            "--maintenant",
            help="Instant de référence (AAAA-MM-JJTHH:MM, ISO 8601), maintenant par défaut.",
        )

    def handle(self, *args, **options):
        maintenant = None
        if options.get("maintenant"):
            try:
                maintenant = datetime.datetime.fromisoformat(options["maintenant"])
            except ValueError as exc:
                raise CommandError("Instant invalide : format AAAA-MM-JJTHH:MM attendu.") from exc
            if maintenant.tzinfo is None:
                maintenant = timezone.make_aware(maintenant)
        closes, erreurs = clore_appels(maintenant)
        self.stdout.write(
            f"{compter(len(closes), 'appel clos', 'appels clos')}, "
            f"{compter(len(erreurs), 'erreur', 'erreurs')}."
        )
        for pk, message in erreurs:
            self.stderr.write(f"Appel {pk} : {message}")
