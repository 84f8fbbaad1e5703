"""`manage.py base_initiale` (`make base-initiale`): rewrite backoffice/essai/base_initiale.sql.

Every migration is applied to an empty SQLite file in a temporary folder (in a second process,
whose database is that file), then the file's content is written as SQL with the fingerprint of
each migration. To run after adding or changing a migration, or a data module a migration reads
(the test tests/essai/test_base_initiale.py says when).
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backoffice.essai import base_initiale
from backoffice.essai.preparation import duree


class Command(BaseCommand):
    requires_system_checks = []
    help = "Réécrit la base initiale de l'essai local (toutes les migrations appliquées)."

    def handle(self, *args, **options):
        debut = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="base-initiale-") as dossier:
            base = Path(dossier) / "base.sqlite3"
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "backoffice.settings.dev",
                "DATABASE_URL": f"sqlite:///{base}",
            }
            self.stdout.write("==> Toutes les migrations sur une base vide (1 à 3 minutes)")
            resultat = subprocess.run(
                [sys.executable, "manage.py", "preparer_essai", "--migrations-seules"],
                cwd=settings.BASE_DIR,
                env=env,
                check=False,
            )
            if resultat.returncode:
                raise CommandError("Les migrations ont échoué : base initiale inchangée.")
            empreintes = base_initiale.empreintes()
            base_initiale.ecrire(base, empreintes)
        taille = base_initiale.FICHIER.stat().st_size // 1024
        self.stdout.write(
            f"==> {base_initiale.FICHIER.relative_to(settings.BASE_DIR)} : "
            f"{len(empreintes)} migrations, {taille} Kio, en {duree(debut)}"
        )
