"""Nightly: recompute every data-quality anomaly (or those of some départements) as of a day.
Idempotent: a second run on the same data creates and resolves nothing."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from backoffice.qualite.taches import executer_verification
from backoffice.territoires.models import Departement


def lire_date(texte):
    try:
        return datetime.date.fromisoformat(texte)
    except ValueError as exc:
        raise CommandError(f"Date invalide : « {texte} » (attendu AAAA-MM-JJ).") from exc


class Command(BaseCommand):
    help = "Recalcule les anomalies de qualité des données (toutes, ou d'un département)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--departement",
            action="append",
            dest="departements",
            metavar="CODE",
            help="Code du département (répétable), par exemple 44 ; tous par défaut.",
        )
        parser.add_argument(
            "--date", help="Jour de référence (AAAA-MM-JJ), aujourd'hui par défaut."
        )

    def handle(self, *args, **options):
        aujourdhui = lire_date(options["date"]) if options.get("date") else None
        codes = None
        if options.get("departements"):
            codes = [Departement.normaliser_code(code) for code in options["departements"]]
            connus = set(Departement.objects.filter(code__in=codes).values_list("code", flat=True))
            inconnus = [code for code in codes if code not in connus]
            if inconnus:
                raise CommandError(f"Département inconnu : {', '.join(inconnus)}.")
        resultat = executer_verification(departements=codes, date=aujourdhui)
        self.stdout.write(resultat["resume"])
