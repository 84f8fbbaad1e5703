"""python manage.py modele_temps1 CHEMIN — the blank Temps 1 workbook."""

from django.core.management.base import BaseCommand

from imports.temps1 import generer_modele


class Command(BaseCommand):
    help = "Écrit le classeur Temps 1 vierge (onglets, listes déroulantes, guide)."

    def add_arguments(self, parser):
        parser.add_argument("chemin", help="fichier .xlsx à écrire")

    def handle(self, *args, chemin, **options):
        generer_modele(chemin)
        self.stdout.write(self.style.SUCCESS(f"Modèle Temps 1 écrit : {chemin}"))
