"""Each start a spreadsheet may read as a formula, one by one, in each format the application
writes: = + - @, a tab, a carriage return, and their full-width forms (＝ ＋ － ＠, which some
spreadsheets fold into the ASCII ones). CSV: the field is prefixed with « ' »; XLSX: a string cell
holding the text as typed. Through the writer itself and through a real export (the entités
list, in both formats, and the Temps 1 workbook)."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from backoffice.exports import csv_octets, valeur_csv, xlsx_octets
from tests.factories import DispositifFactory, EntiteFactory

DEBUTS = {
    "égal": "=",
    "plus": "+",
    "moins": "-",
    "arobase": "@",
    "tabulation": "\t",
    "retour chariot": "\r",
    "égal pleine chasse": "\uff1d",
    "plus pleine chasse": "\uff0b",
    "moins pleine chasse": "\uff0d",
    "arobase pleine chasse": "\uff20",
}
PIEGES = {nom: f"{debut}SOMME(A1:A9)" for nom, debut in DEBUTS.items()}


def lu_en_xlsx(texte):
    """The text as an XLSX reader gets it back: XML turns a bare carriage return into a line
    feed (still a string cell, still inert)."""
    return texte.replace("\r", "\n")


def _champs_csv(brut):
    texte = brut.decode("utf-8-sig")
    return [champ for ligne in csv.reader(io.StringIO(texte), delimiter=";") for champ in ligne]


def _cellules_xlsx(brut):
    classeur = openpyxl.load_workbook(io.BytesIO(brut))
    return [c for feuille in classeur.worksheets for ligne in feuille.iter_rows() for c in ligne]


@pytest.mark.parametrize("nom", list(DEBUTS))
def test_le_redacteur_csv_neutralise(nom):
    piege = PIEGES[nom]
    assert valeur_csv(piege) == "'" + piege
    assert _champs_csv(csv_octets(["Nom"], [[piege]])) == ["Nom", "'" + piege]


@pytest.mark.parametrize("nom", list(DEBUTS))
def test_le_redacteur_xlsx_ecrit_du_texte(nom):
    piege = PIEGES[nom]
    (entete, cellule) = _cellules_xlsx(xlsx_octets("Essai", ["Nom"], [[piege]]))
    assert entete.value == "Nom"
    assert cellule.data_type == "s"
    assert cellule.value == lu_en_xlsx(piege)


def test_un_texte_ordinaire_et_un_nombre_negatif_restent_tels_quels():
    assert valeur_csv("Association – Accueil") == "Association – Accueil"
    assert valeur_csv("«=» entre guillemets") == "«=» entre guillemets"
    assert valeur_csv(-12) == "-12"


@pytest.fixture
def entites_piegees(db):
    for piege in PIEGES.values():
        entite = EntiteFactory(raison_sociale=piege)
        DispositifFactory(entite=entite, nom=piege)


@pytest.mark.usefixtures("entites_piegees")
def test_la_liste_des_entites_en_csv(client, national):
    client.force_login(national)
    reponse = client.get(reverse("entite:index"), {"export": "csv"})
    assert reponse.status_code == 200
    champs = set(_champs_csv(b"".join(reponse.streaming_content)))
    for nom, piege in PIEGES.items():
        assert "'" + piege in champs, nom
        assert piege not in champs, nom


@pytest.mark.usefixtures("entites_piegees")
def test_la_liste_des_entites_en_xlsx(client, national):
    client.force_login(national)
    reponse = client.get(reverse("entite:index"), {"export": "xlsx"})
    assert reponse.status_code == 200
    brut = b"".join(reponse.streaming_content) if reponse.streaming else reponse.content
    cellules = _cellules_xlsx(brut)
    assert [c.coordinate for c in cellules if c.data_type == "f"] == []
    textes = {c.value for c in cellules if c.data_type == "s"}
    for nom, piege in PIEGES.items():
        assert lu_en_xlsx(piege) in textes, nom


@pytest.mark.usefixtures("entites_piegees")
def test_le_classeur_temps1_exporte(client, national, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(national)
    reponse = client.get(reverse("import_temps1:export"), {"departement": "tous"})
    assert reponse.status_code == 200
    brut = b"".join(reponse.streaming_content) if reponse.streaming else reponse.content
    cellules = _cellules_xlsx(brut)
    assert [c.coordinate for c in cellules if c.data_type == "f"] == []
    textes = {c.value for c in cellules if c.data_type == "s"}
    for nom, piege in PIEGES.items():
        assert lu_en_xlsx(piege) in textes, nom
