"""The initial database of the local trial: what every migration gives an empty SQLite file,
kept as SQL text (`base_initiale.sql`, beside this module).

Replaying the ~230 migrations (Django, Wagtail, the project) costs 30 to 70 s of CPU, most of it
Django re-rendering the migration state; loading their result takes a fraction of a second. A
new trial database is loaded from this file, then `migrate` applies whatever came after it.

The file records a fingerprint of each migration it contains: the migration's source and the
source of the project modules it imports (a data migration reading
`backoffice/offre/data/nomenclature.py` must be replayed when that list changes). It is used only
if every migration it contains is still on disk with the same fingerprint; otherwise the trial
runs every migration (slower, same result). `make base-initiale` rewrites it;
`tests/essai/test_base_initiale.py` fails while it is out of date.
"""

import ast
import datetime
import hashlib
import importlib.util
import os
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.db.migrations.loader import MigrationLoader

FICHIER = Path(__file__).with_name("base_initiale.sql")
PREFIXE = "-- migration "
# Applied dates are set when a trial database is created, not when the file was written: the
# file stays the same from one regeneration to the next when nothing changed.
DATE_NEUTRE = "2000-01-01 00:00:00"


def _modules_du_projet(source):
    """Files of the project modules a migration imports (anywhere, even inside a function)."""
    racine = Path(settings.BASE_DIR).resolve()
    fichiers = set()
    for noeud in ast.walk(ast.parse(source)):
        if isinstance(noeud, ast.ImportFrom) and noeud.module and not noeud.level:
            noms = [noeud.module]
        elif isinstance(noeud, ast.Import):
            noms = [alias.name for alias in noeud.names]
        else:
            continue
        for nom in noms:
            spec = importlib.util.find_spec(nom)
            if not (spec and spec.has_location):
                continue  # built-in module
            origine = Path(spec.origin).resolve()
            if origine.is_relative_to(racine) and ".venv" not in origine.parts:
                fichiers.add(origine)
    return sorted(fichiers)


def empreintes():
    """{"app.migration": fingerprint} of every migration on disk."""
    resultat = {}
    for (app, nom), migration in MigrationLoader(
        None, ignore_no_migrations=True
    ).disk_migrations.items():
        source = Path(sys.modules[migration.__module__].__file__).read_bytes()
        empreinte = hashlib.sha256(source)
        for fichier in _modules_du_projet(source):
            empreinte.update(fichier.read_bytes())
        resultat[f"{app}.{nom}"] = empreinte.hexdigest()[:16]
    return resultat


@dataclass
class BaseInitiale:
    empreintes: dict = field(default_factory=dict)
    sql: str = ""

    @classmethod
    def lire(cls, fichier=FICHIER):
        if not fichier.exists():
            return cls()
        texte = fichier.read_text(encoding="utf-8")
        empreintes = {}
        for ligne in texte.splitlines():
            if not ligne.startswith("--"):
                break
            if ligne.startswith(PREFIXE):
                nom, empreinte = ligne.removeprefix(PREFIXE).split()
                empreintes[nom] = empreinte
        return cls(empreintes, texte)

    def ecarts(self, sur_disque):
        """Why this file cannot be used with the migrations on disk (empty: it can)."""
        if not self.empreintes:
            return ["pas de base initiale"]
        disparues = sorted(set(self.empreintes) - set(sur_disque))
        modifiees = sorted(
            nom
            for nom in set(self.empreintes) & set(sur_disque)
            if self.empreintes[nom] != sur_disque[nom]
        )
        return [f"{nom} n'existe plus" for nom in disparues] + [
            f"{nom} a changé" for nom in modifiees
        ]

    def manquantes(self, sur_disque):
        """Migrations on disk that came after this file (applied by `migrate` once loaded)."""
        return sorted(set(sur_disque) - set(self.empreintes))

    def charger(self, chemin):
        """Create the SQLite file `chemin` from this file, whole or not at all."""
        chemin = Path(chemin)
        provisoire = chemin.with_name(chemin.name + ".preparation")
        provisoire.unlink(missing_ok=True)
        # Through Django's SQLite backend: its functions (REGEXP…) are in check constraints.
        reglages = {**connection.settings_dict, "NAME": str(provisoire), "OPTIONS": {}}
        base = DatabaseWrapper(reglages, "initiale")
        try:
            base.ensure_connection()
            # The dump creates tables in alphabetical order, rows before the tables they
            # reference: checked once everything is in.
            base.connection.execute("PRAGMA foreign_keys = OFF")
            base.connection.executescript(self.sql)
            base.connection.execute("PRAGMA foreign_keys = ON")
            if base.connection.execute("PRAGMA foreign_key_check").fetchone():
                raise ValueError("Base initiale incohérente : clé étrangère sans objet.")
            maintenant = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")
            with base.cursor() as curseur:
                curseur.execute("UPDATE django_migrations SET applied = %s", [maintenant])
        finally:
            base.close()
        os.replace(provisoire, chemin)


def ecrire(base, sur_disque, fichier=FICHIER):
    """Write the initial database from the freshly migrated SQLite file `base`."""
    connexion = sqlite3.connect(base)
    try:
        with connexion:
            connexion.execute("UPDATE django_migrations SET applied = ?", [DATE_NEUTRE])
        instructions = list(connexion.iterdump())
    finally:
        connexion.close()
    entete = [
        "-- Base initiale de l'essai local : toutes les migrations appliquées à une base SQLite "
        "vide.",
        "-- Écrite par `make base-initiale` (manage.py base_initiale) ; ne pas modifier à la main.",
        "-- Empreinte de chaque migration (source et modules du projet qu'elle importe) :",
    ]
    entete += [f"{PREFIXE}{nom} {sur_disque[nom]}" for nom in sorted(sur_disque)]
    fichier.write_text("\n".join(entete + instructions) + "\n", encoding="utf-8")
