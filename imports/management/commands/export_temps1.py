"""python manage.py export_temps1 CHEMIN [--departement CODE ...] [--user EMAIL]"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from backoffice.territoires.models import Departement
from imports.temps1 import exporter
from imports.temps1.valeurs import code_departement


class Command(BaseCommand):
    help = (
        "Exporte l'offre au format Temps 1 (codes dispositif remplis), prête à être modifiée et "
        "réimportée."
    )

    def add_arguments(self, parser):
        parser.add_argument("chemin", help="fichier .xlsx à écrire")
        parser.add_argument(
            "--departement",
            action="append",
            metavar="CODE",
            help="limiter à ce département (répétable : --departement 44 --departement 85)",
        )
        parser.add_argument("--user", metavar="EMAIL", help="limiter au périmètre de ce compte")

    def handle(self, *args, chemin, departement, user, **options):
        codes = [code_departement(d) for d in departement or []]
        inconnus = sorted(set(codes) - set(Departement.objects.values_list("code", flat=True)))
        if inconnus:
            raise CommandError(
                f"{'Département inconnu' if len(inconnus) < 2 else 'Départements inconnus'} : "
                f"{', '.join(inconnus)}."
            )
        utilisateur = None
        if user:
            utilisateur = (
                get_user_model()
                .objects.filter(Q(email__iexact=user) | Q(username__iexact=user), is_active=True)
                .first()
            )
            if utilisateur is None:
                raise CommandError(f"Aucun compte actif pour « {user} ».")
        compteurs = exporter(chemin, departements=codes or None, user=utilisateur)
        detail = ", ".join(f"{nom} : {n}" for nom, n in compteurs.items())
        self.stdout.write(self.style.SUCCESS(f"{chemin} écrit ({detail})."))
