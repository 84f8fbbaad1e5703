"""Fixtures of the schéma tests: the seed 002 grid (a copy in donnees/, so the tests read nothing
outside the repository), turned into an .xlsx as a région would send it (title lines, header
repeated on every page, blank rows), and schémas in the région 52 (Pays de la Loire) and 11
(Île-de-France)."""

import io
from pathlib import Path

import openpyxl
import pytest

from backoffice.schemas.demo import charger_schema_demo
from backoffice.schemas.models import SchemaRegional

GRILLE_002 = Path(__file__).parent / "donnees" / "grille_002.tsv"


def lignes_tsv():
    """Rows of the seed grid as lists of raw cells (a blank line is an empty row)."""
    return [
        ligne.split("\t") if ligne else [] for ligne in GRILLE_002.read_text("utf-8").splitlines()
    ]


def lignes_donnees(lignes=None):
    """The action rows of the grid (4 cells, not a header), read independently of the app."""
    return [
        cellules
        for cellules in (lignes if lignes is not None else lignes_tsv())
        if len(cellules) == 4 and cellules[0] != "Objectifs"
    ]


def classeur(lignes, titre="Évaluation"):
    """An .xlsx (bytes) holding `lignes` as they are, one row each."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = titre
    for cellules in lignes:
        ws.append(cellules)
    tampon = io.BytesIO()
    wb.save(tampon)
    return tampon.getvalue()


@pytest.fixture
def grille_002():
    return classeur(lignes_tsv())


@pytest.fixture
def schema52(db):
    return SchemaRegional.objects.create(
        region_id="52", titre="Schéma des Pays de la Loire", annee_debut=2021, annee_fin=2023
    )


@pytest.fixture
def schema11(db):
    return SchemaRegional.objects.create(
        region_id="11", titre="Schéma d'Île-de-France", annee_debut=2021, annee_fin=2023
    )


@pytest.fixture
def schema_demo(db):

    return charger_schema_demo()
