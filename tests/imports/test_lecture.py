"""Refusing clearly what is not a Temps 1 .xlsx, and reading what is (no database needed)."""

import struct
import zipfile

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from imports.temps1 import FichierIllisible, lire_classeur
from imports.temps1.schema import ENTITES
from tests.imports.outils import (
    ENTETES,
    classeur,
    dispositif,
    entite,
    financement,
    lignes_vides_formatees,
    mettre_en_cache,
    simple,
)


@pytest.fixture
def valide(tmp_path):
    return simple(tmp_path / "valide.xlsx", [entite(1)], [dispositif(1)], [financement(1)])


def refus(chemin):
    with pytest.raises(FichierIllisible) as exc:
        lire_classeur(chemin)
    return str(exc.value)


def test_un_classeur_valide_se_lit(valide):
    lu = lire_classeur(valide)
    assert lu.nom_fichier == "valide.xlsx"
    assert [len(f.lignes) for f in lu.feuilles.values()] == [1, 1, 1]
    assert lu.feuilles[ENTITES].lignes[0].numero == 2


def test_xls_refuse(tmp_path):
    # The old binary format is an OLE2 (CFB) container.
    chemin = tmp_path / "ancien.xls"
    chemin.write_bytes(
        bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600 + "Workbook".encode("utf-16-le")
    )
    assert "Excel 97-2003 (.xls)" in refus(chemin)


def test_xlsx_chiffre_refuse(tmp_path):
    # Excel saves a password-protected workbook as a CFB container holding EncryptionInfo and
    # EncryptedPackage streams (MS-OFFCRYPTO); their names are in the directory, UTF-16.
    chemin = tmp_path / "protege.xlsx"
    entetes = b"".join(
        n.encode("utf-16-le") + b"\0" * 10 for n in ("EncryptionInfo", "EncryptedPackage")
    )
    chemin.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1000 + entetes + b"\0" * 512)
    assert "mot de passe" in refus(chemin)


def test_ods_refuse(tmp_path):
    chemin = tmp_path / "classeur.xlsx"  # renamed: the content decides
    with zipfile.ZipFile(chemin, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert "OpenDocument (.ods" in refus(chemin)


def test_csv_refuse(tmp_path):
    chemin = tmp_path / "export.xlsx"
    chemin.write_text("SIREN;Raison sociale\n775672272;Asso\n", encoding="utf-8")
    assert "n'est pas un classeur Excel .xlsx" in refus(chemin)


def test_pdf_renomme_refuse(tmp_path):
    chemin = tmp_path / "offre.xlsx"
    chemin.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert "PDF" in refus(chemin)


def test_fichier_vide_refuse(tmp_path):
    chemin = tmp_path / "vide.xlsx"
    chemin.write_bytes(b"")
    assert "vide" in refus(chemin)


def test_zip_endommage_refuse(tmp_path, valide):
    chemin = tmp_path / "tronque.xlsx"
    chemin.write_bytes(valide.read_bytes()[:700])
    assert "endommagé" in refus(chemin)


def test_onglet_manquant_refuse(tmp_path):
    chemin = classeur(
        tmp_path / "sans-financements.xlsx",
        {"Entités": (ENTETES["Entités"], [[]]), "Dispositifs": (ENTETES["Dispositifs"], [])},
    )
    message = refus(chemin)
    assert "Onglet « Financements » introuvable" in message


def test_colonnes_obligatoires_manquantes_toutes_signalees(tmp_path):
    entetes = [e for e in ENTETES["Entités"] if e != "Raison sociale"]
    entetes_financements = [
        e for e in ENTETES["Financements"] if e not in {"Exercice", "Programme"}
    ]
    chemin = classeur(
        tmp_path / "colonnes.xlsx",
        {
            "Entités": (entetes, []),
            "Dispositifs": (ENTETES["Dispositifs"], []),
            "Financements": (entetes_financements, []),
        },
    )
    with pytest.raises(FichierIllisible) as exc:
        lire_classeur(chemin)
    details = " | ".join(exc.value.details)
    assert "colonne obligatoire « Raison sociale » absente" in details
    assert "« Exercice »" in details and "« Programme »" in details
    assert "rien n'a été importé" in exc.value.message


def test_colonne_en_double_refusee(tmp_path):
    chemin = classeur(
        tmp_path / "double.xlsx",
        {
            "Entités": ([*ENTETES["Entités"], "siren *"], []),
            "Dispositifs": (ENTETES["Dispositifs"], []),
            "Financements": (ENTETES["Financements"], []),
        },
    )
    assert "apparaît deux fois" in refus(chemin)


def test_dispositifs_sans_colonne_cle_refuse(tmp_path):
    entetes = [
        e for e in ENTETES["Dispositifs"] if e not in {"Code dispositif", "Référence locale"}
    ]
    chemin = classeur(
        tmp_path / "sans-cle.xlsx",
        {
            "Entités": (ENTETES["Entités"], []),
            "Dispositifs": (entetes, []),
            "Financements": (ENTETES["Financements"], []),
        },
    )
    assert "Code dispositif" in refus(chemin)


def test_aucune_ligne_refuse(tmp_path):
    chemin = simple(tmp_path / "vierge.xlsx")
    assert "aucune ligne de données" in refus(chemin)


def test_trop_gros_refuse(settings, valide):
    settings.TEMPS1_TAILLE_MAX = 1000
    assert "la limite est de" in refus(valide)


def _ajouter_membre(chemin, nom, taille):
    with (
        zipfile.ZipFile(chemin, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open(nom, "w") as membre,
    ):
        bloc = b"\0" * (1024 * 1024)
        for _ in range(taille // len(bloc)):
            membre.write(bloc)


def test_bombe_de_decompression_refusee(valide):
    # 30 MB of zeros compress ~1000×: over the ratio limit.
    _ajouter_membre(valide, "xl/media/image1.bin", 30 * 1024 * 1024)
    assert "volume anormalement grand" in refus(valide)


def test_volume_decompresse_total_limite(settings, valide):
    settings.TEMPS1_DECOMPRESSE_MAX = 5 * 1024 * 1024
    _ajouter_membre(valide, "xl/media/image1.bin", 6 * 1024 * 1024)
    assert "volume anormalement grand" in refus(valide)


def test_taille_declaree_falsifiee_refusee(valide):
    """An archive lying about its sizes (to slip past the limits) is caught when inflating."""
    _ajouter_membre(valide, "xl/media/image1.bin", 30 * 1024 * 1024)
    donnees = bytearray(valide.read_bytes())
    nom = b"xl/media/image1.bin"
    # Declared uncompressed size: offset 22 of the local header (name at 30), offset 24 of the
    # central directory entry (name at 46). Declare 1 kB instead of 30 MB.
    for signature, taille, debut_nom in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        position = donnees.find(signature)
        while position != -1:
            if donnees[position + debut_nom : position + debut_nom + len(nom)] == nom:
                struct.pack_into("<I", donnees, position + taille, 1000)
            position = donnees.find(signature, position + 4)
    valide.write_bytes(bytes(donnees))
    with zipfile.ZipFile(valide) as archive:  # the lie holds: declared sizes look harmless
        assert archive.getinfo("xl/media/image1.bin").file_size == 1000
    assert "endommagé" in refus(valide)


def test_entetes_et_onglets_par_nom(tmp_path):
    """Headers and sheet names matched ignoring case, accents, spaces and a trailing *; columns
    in any order; unknown columns ignored with a warning; a title row above the headers."""
    entetes = ["raison  sociale", "Commentaire interne", " SIREN * ", "COMMUNE"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ENTITES "
    ws.append(["Offre de la Loire-Atlantique — Temps 1"])
    ws.append(entetes)
    ws.append(["Asso", "à relancer", "775672272", "Nantes"])
    wb.create_sheet("dispositifs").append(ENTETES["Dispositifs"])
    wb.create_sheet("financements").append(ENTETES["Financements"])
    wb.create_sheet("Feuil1")
    wb.save(tmp_path / "noms.xlsx")
    lu = lire_classeur(tmp_path / "noms.xlsx")
    feuille = lu.feuilles[ENTITES]
    assert feuille.titre == "ENTITES "
    assert feuille.ligne_entete == 2
    assert feuille.colonnes == {"raison_sociale": 0, "siren": 2, "commune": 3}
    assert [ligne_.numero for ligne_ in feuille.lignes] == [3]
    messages = [(a.sheet, a.column, a.message) for a in lu.avertissements]
    assert (
        None,
        None,
        "Onglet « Feuil1 » ignoré : il ne fait pas partie du format Temps 1.",
    ) in messages
    assert any(s == ENTITES and c == "Commentaire interne" for s, c, _ in messages)


def test_lignes_vides_formatees_ignorees_et_lignes_masquees_lues(tmp_path):
    chemin = simple(tmp_path / "vides.xlsx", [entite(1), entite(2)], [dispositif(1)], [])
    wb = openpyxl.load_workbook(chemin)
    ws = wb["Entités"]
    ws.row_dimensions[3].hidden = True  # the second entité
    ws.insert_rows(3)  # a blank row between the two entités
    lignes_vides_formatees(ws, 5, 5000)
    ws.cell(5003, 1).value = "   "  # spaces only: still blank
    ws.cell(5004, len(ENTETES["Entités"]) + 2).value = "note hors colonnes"
    wb.save(chemin)
    lu = lire_classeur(chemin)
    assert [ligne_.numero for ligne_ in lu.feuilles[ENTITES].lignes] == [2, 4]


def test_formules_valeur_en_cache(tmp_path):
    """Formulas: the cached value Excel saved is used. (openpyxl writes none: see below.)"""
    chemin = simple(
        tmp_path / "formules.xlsx",
        [entite(1, raison_sociale='=UPPER("asso")', commune='="Nan"&"tes"')],
        [dispositif(1)],
        [financement(1, places_financees="=40+10")],
    )
    colonne_commune = get_column_letter(ENTETES["Entités"].index("Commune") + 1)
    colonne_places = get_column_letter(ENTETES["Financements"].index("Places financées") + 1)
    mettre_en_cache(
        chemin,
        {(1, "B2"): "ASSO", (1, f"{colonne_commune}2"): "Nantes", (3, f"{colonne_places}2"): 50},
    )
    lu = lire_classeur(chemin)
    entites = lu.feuilles[ENTITES]
    ligne = entites.lignes[0]
    assert ligne.valeur(entites.colonnes["raison_sociale"]) == "ASSO"
    assert ligne.valeur(entites.colonnes["commune"]) == "Nantes"
    financements = lu.feuilles["Financements"]
    assert financements.lignes[0].valeur(financements.colonnes["places_financees"]) == 50


def test_formule_sans_valeur_en_cache_lue_vide(tmp_path):
    """Known limit (docs/temps1.md): a formula saved without its value — only scripts do that,
    Excel and LibreOffice always save it — reads as an empty cell."""
    chemin = simple(tmp_path / "brut.xlsx", [entite(1, commune='="Nantes"')], [], [])
    lu = lire_classeur(chemin)
    entites = lu.feuilles[ENTITES]
    assert entites.lignes[0].valeur(entites.colonnes["commune"]) == ""
