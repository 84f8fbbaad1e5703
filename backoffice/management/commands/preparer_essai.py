"""`manage.py preparer_essai`: what `make run` does before serving, in a single process.

1. Database: a new SQLite file is loaded from the initial database (backoffice/essai), then the
   migrations that came after it are applied; any other database is migrated as usual.
2. Cache table (login throttling, reminders).
3. Demo data (`seed_demo --scale small`) when the database has no dispositif: running it again
   keeps the data already there.
"""

import gc
import time

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand

from backoffice.essai import base_initiale, preparation
from backoffice.essai.preparation import duree
from backoffice.grammaire import compter


class Command(BaseCommand):
    # The server runs the system checks right after; here they would only add a second.
    requires_system_checks = []
    help = (
        "Prépare la base de l'essai local : migrations (depuis la base initiale pour une base "
        "SQLite neuve), table du cache, jeu de démonstration si la base est vide."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--migrations-seules",
            action="store_true",
            help="Applique toutes les migrations sans la base initiale, sans table du cache ni "
            "démonstration (sert à écrire la base initiale).",
        )

    def handle(self, *args, migrations_seules, **options):
        debut = time.perf_counter()
        self.preparer_la_base(utiliser_base_initiale=not migrations_seules)
        if migrations_seules:
            return
        etape = time.perf_counter()
        call_command("createcachetable", verbosity=0)
        self.annoncer(f"Table du cache prête ({duree(etape)})")
        self.charger_la_demonstration()
        self.annoncer(f"Base prête en {duree(debut)}")
        # The server starts once this process has ended: spare it the interpreter's final
        # garbage collections over every Django and Wagtail object (0.5 s of CPU measured).
        gc.freeze()

    def annoncer(self, message):
        self.stdout.write(f"==> {preparation.depuis_le_lancement()}{message}")

    def preparer_la_base(self, utiliser_base_initiale):
        debut = time.perf_counter()
        chemin = preparation.fichier_sqlite()
        if chemin and preparation.est_vide(chemin):
            if utiliser_base_initiale and self.charger_la_base_initiale(chemin):
                self.appliquer_les_migrations_en_attente()
                return
            self.annoncer(f"Base neuve {chemin.name} : toutes les migrations (1 à 3 minutes)")
            try:
                preparation.migrer_base_neuve(self.stdout.write)
            except BaseException:
                # Half a schema would be taken for a database to keep at the next start.
                preparation.supprimer(chemin)
                raise
            self.annoncer(f"Migrations appliquées en {duree(debut)}")
            return
        self.appliquer_les_migrations_en_attente()

    def charger_la_base_initiale(self, chemin):
        debut = time.perf_counter()
        initiale = base_initiale.BaseInitiale.lire()
        sur_disque = base_initiale.empreintes()
        ecarts = initiale.ecarts(sur_disque)
        if ecarts:
            self.annoncer(
                "Base initiale inutilisable ("
                + "; ".join(ecarts[:3])
                + (" ; …" if len(ecarts) > 3 else "")
                + ") : `make base-initiale` la réécrit"
            )
            return False
        initiale.charger(chemin)
        self.annoncer(
            f"Base neuve {chemin.name} créée depuis la base initiale "
            f"({len(initiale.empreintes)} migrations) en {duree(debut)}"
        )
        manquantes = initiale.manquantes(sur_disque)
        if manquantes:
            self.annoncer(
                f"{compter(len(manquantes), 'migration plus récente', 'migrations plus récentes')}"
                " que la base initiale "
                "(`make base-initiale` la met à jour)"
            )
        return True

    def appliquer_les_migrations_en_attente(self):
        debut = time.perf_counter()
        # Planning is cheap; `migrate` itself renders every model even with nothing to apply.
        plan = preparation.migrations_en_attente()
        if not plan:
            self.annoncer("Migrations : à jour")
            return
        self.annoncer(f"Migrations : {len(plan)} à appliquer")
        call_command("migrate", interactive=False, verbosity=1)
        self.annoncer(f"Migrations appliquées en {duree(debut)}")

    def charger_la_demonstration(self):
        Dispositif = apps.get_model("offre", "Dispositif")
        if Dispositif.objects.exists():
            self.annoncer("Démonstration : données déjà présentes, gardées telles quelles")
            return
        debut = time.perf_counter()
        self.annoncer("Démonstration : base sans offre, chargement du jeu « small »")
        call_command("seed_demo", scale="small", stdout=self.stdout, stderr=self.stderr)
        self.annoncer(f"Démonstration chargée en {duree(debut)}")
