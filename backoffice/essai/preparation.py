"""Getting the trial database ready in one process (`manage.py preparer_essai`): each
`manage.py` start costs seconds (Django and Wagtail imports), so migrating, creating the cache
table and loading the demo happen in the same process, each step announced with its duration."""

import os
import sqlite3
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from backoffice.grammaire import compter


def duree(debut):
    return f"{time.perf_counter() - debut:.1f}".replace(".", ",") + " s"


def depuis_le_lancement():
    """ "[12,3 s] ", the time since `make run` started (scripts/essai.sh sets ESSAI_DEBUT_NS)."""
    debut = os.environ.get("ESSAI_DEBUT_NS", "")
    if not debut.isdigit():
        return ""
    secondes = (time.time_ns() - int(debut)) / 1e9
    return f"[{secondes:.1f} s] ".replace(".", ",")


def fichier_sqlite():
    """The SQLite file of the default database, or None (PostgreSQL, in-memory database)."""
    reglages = settings.DATABASES["default"]
    nom = str(reglages["NAME"])
    if reglages["ENGINE"] != "django.db.backends.sqlite3" or nom.startswith(":memory:"):
        return None
    return Path(nom)


def est_vide(chemin):
    """No file, or a file without a single table (e.g. left by a connection opened too early)."""
    if not chemin.exists():
        return True
    connexion = sqlite3.connect(chemin)
    try:
        return connexion.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    finally:
        connexion.close()


def supprimer(chemin):
    connection.close()
    for suffixe in ("", "-wal", "-shm", "-journal"):
        Path(f"{chemin}{suffixe}").unlink(missing_ok=True)


def migrations_en_attente():
    executeur = MigrationExecutor(connection)
    return executeur.migration_plan(executeur.loader.graph.leaf_nodes())


def applications_du_projet():
    racine = Path(settings.BASE_DIR).resolve()
    return {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(racine)
        and ".venv" not in Path(config.path).parts
    }


def migrer_base_neuve(ecrire):
    """Every migration on an empty database, the third-party apps' first.

    Why this order: once the project's models are in Django's migration state, each later
    Wagtail or Django migration that touches a model related to users re-renders them all (with
    their history models). Replaying the project's migrations last costs 29 s of CPU instead of
    72 s here, for the same schema (each migration still comes after its dependencies).
    """
    with connection.cursor() as curseur:
        # A brand-new file that is deleted if anything fails: no need to wait for the disk.
        curseur.execute("PRAGMA synchronous=OFF")
    executeur = MigrationExecutor(connection)
    projet = applications_du_projet()
    tiers = sorted({app for app, _ in executeur.loader.graph.leaf_nodes()} - projet)
    for app in [*tiers, None]:
        debut = time.perf_counter()
        executeur = MigrationExecutor(connection)
        cibles = (
            [noeud for noeud in executeur.loader.graph.leaf_nodes() if noeud[0] == app]
            if app
            else executeur.loader.graph.leaf_nodes()
        )
        nombre = len(executeur.migration_plan(cibles))
        if not nombre:
            continue
        if app:
            call_command("migrate", app, verbosity=0, interactive=False)
        else:
            call_command("migrate", verbosity=0, interactive=False)
        libelle = app or "applications du projet"
        ecrire(f"    {libelle} : {compter(nombre, 'migration', 'migrations')} en {duree(debut)}")
