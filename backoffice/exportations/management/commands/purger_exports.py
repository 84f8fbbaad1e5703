from django.core.management.base import BaseCommand

from backoffice.exportations import services
from backoffice.grammaire import compter


class Command(BaseCommand):
    help = "Supprime les exports en arrière-plan plus anciens que la durée de conservation."

    def handle(self, *args, **options):
        nombre = services.purger()
        self.stdout.write(f"{compter(nombre, 'export supprimé', 'exports supprimés')}.")
