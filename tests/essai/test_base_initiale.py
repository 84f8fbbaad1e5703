"""The trial's initial database (backoffice/essai/base_initiale.sql) stands for every migration:
same migrations, same schema as `migrate`, and it is never used once a migration it contains
changed."""

import sqlite3

import pytest
from django.db import connection

from backoffice.essai import base_initiale
from backoffice.essai.base_initiale import BaseInitiale

PERIMEE = "Base initiale périmée : lancez `make base-initiale` (manage.py base_initiale)."


@pytest.fixture(scope="module")
def sur_disque():
    return base_initiale.empreintes()


def test_la_base_initiale_contient_exactement_les_migrations_du_disque(sur_disque):
    initiale = BaseInitiale.lire()
    assert initiale.ecarts(sur_disque) == [], PERIMEE
    assert initiale.manquantes(sur_disque) == [], PERIMEE


def schema(curseur):
    curseur.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    )
    return curseur.fetchall()


def migrations(curseur):
    curseur.execute("SELECT app, name FROM django_migrations")
    return sorted(curseur.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="la base initiale est une base SQLite")
@pytest.mark.django_db
def test_meme_schema_que_les_migrations(tmp_path):
    """The test database was built by `migrate`: loading the initial database gives the same
    tables, columns, indexes and constraints, and the same migrations recorded as applied."""
    chemin = tmp_path / "essai.sqlite3"
    BaseInitiale.lire().charger(chemin)
    chargee = sqlite3.connect(chemin)
    try:
        with connection.cursor() as curseur:
            attendu, attendues = schema(curseur), migrations(curseur)
        assert schema(chargee.cursor()) == attendu
        assert migrations(chargee.cursor()) == attendues
        applied = {date for (date,) in chargee.execute("SELECT applied FROM django_migrations")}
        assert base_initiale.DATE_NEUTRE not in applied  # dated when the database is created
    finally:
        chargee.close()


def test_une_migration_modifiee_ou_disparue_rend_la_base_initiale_inutilisable():
    initiale = BaseInitiale({"offre.0001_initial": "aaaa", "offre.0002_nomenclature": "bbbb"})
    assert initiale.ecarts({"offre.0001_initial": "aaaa", "offre.0002_nomenclature": "bbbb"}) == []
    assert initiale.ecarts({"offre.0001_initial": "aaaa", "offre.0002_nomenclature": "cccc"}) == [
        "offre.0002_nomenclature a changé"
    ]
    assert initiale.ecarts({"offre.0001_initial": "aaaa"}) == [
        "offre.0002_nomenclature n'existe plus"
    ]
    assert BaseInitiale().ecarts({"offre.0001_initial": "aaaa"}) == ["pas de base initiale"]


def test_une_migration_plus_recente_est_appliquee_apres_chargement():
    initiale = BaseInitiale({"offre.0001_initial": "aaaa"})
    sur_disque = {"offre.0001_initial": "aaaa", "offre.0004_nouveau_champ": "dddd"}
    assert initiale.ecarts(sur_disque) == []
    assert initiale.manquantes(sur_disque) == ["offre.0004_nouveau_champ"]


def test_l_empreinte_suit_les_donnees_qu_une_migration_importe(sur_disque, monkeypatch):
    """A data migration reading the nomenclature module is replayed when that module changes."""
    from pathlib import Path

    lu = Path.read_bytes
    nomenclature = Path(base_initiale.settings.BASE_DIR) / "backoffice/offre/data/nomenclature.py"

    def lire(chemin):
        contenu = lu(chemin)
        return contenu + b"\n# un type de plus" if chemin == nomenclature.resolve() else contenu

    monkeypatch.setattr(Path, "read_bytes", lire)
    modifiees = base_initiale.empreintes()
    changees = sorted(nom for nom in sur_disque if sur_disque[nom] != modifiees[nom])
    assert changees == ["offre.0002_nomenclature"]
