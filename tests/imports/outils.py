"""Workbooks built in tests, the way people fill them (openpyxl, like Excel would save them)."""

import datetime
import io
import re
import zipfile

import openpyxl
from openpyxl.styles import PatternFill

from imports.temps1 import analyser, lire_classeur
from imports.temps1.schema import FEUILLES
from tests.factories import siren_valide, siret_valide

ENTETES = {nom: [c.entete for c in f.colonnes if not c.informative] for nom, f in FEUILLES.items()}


def classeur(chemin, feuilles, autres=None):
    """Write a workbook: `feuilles` maps a sheet name to (headers, rows)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for nom, (entetes, lignes) in feuilles.items():
        ws = wb.create_sheet(nom)
        ws.append(list(entetes))
        for ligne in lignes:
            ws.append(list(ligne))
    for nom in autres or ():
        wb.create_sheet(nom)
    wb.save(chemin)
    return chemin


def ligne(nom_feuille, **valeurs):
    """A row in the canonical column order from keyword values (keys = column keys)."""
    schema = FEUILLES[nom_feuille]
    return [valeurs.get(c.cle) for c in schema.colonnes if not c.informative]


def simple(chemin, entites=(), dispositifs=(), financements=()):
    """A workbook with the canonical headers and rows given as dicts of column keys."""
    return classeur(
        chemin,
        {
            "Entités": (ENTETES["Entités"], [ligne("Entités", **e) for e in entites]),
            "Dispositifs": (
                ENTETES["Dispositifs"],
                [ligne("Dispositifs", **d) for d in dispositifs],
            ),
            "Financements": (
                ENTETES["Financements"],
                [ligne("Financements", **f) for f in financements],
            ),
        },
    )


def entite(n=1, **autres):
    valeurs = {
        "siren": siren_valide(1000 + n),
        "raison_sociale": f"Association Test {n}",
        "statut_juridique": "Association",
        "adresse": f"{n} rue de la Loire",
        "code_postal": "44000",
        "commune": "Nantes",
        "telephone": "02 40 00 00 00",
        "courriel": f"asso{n}@example.org",
    }
    valeurs.update(autres)
    return valeurs


def dispositif(n=1, entite_n=1, **autres):
    siren = siren_valide(1000 + entite_n)
    valeurs = {
        "reference_locale": f"REF-{n}",
        "siren": siren,
        "nom": f"CADA Test {n}",
        "nature": "Hébergement asile (DNA)",
        "type": "CADA",
        "departement": "44",
        "commune": "Nantes",
        "code_postal": "44100",
        "siret": siret_valide(siren, n),
        "public": "Familles",
        "mode_hebergement": "Diffus",
        "places_autorisees": 50,
        "places_pmr": 2,
        "date_ouverture": datetime.date(2015, 1, 1),
    }
    valeurs.update(autres)
    return valeurs


def financement(n=1, **autres):
    valeurs = {
        "dispositif": f"REF-{n}",
        "exercice": 2025,
        "programme": "P303",
        "action": "02",
        "service_financeur": "DDETS",
        "mode": "DGF",
        "places_financees": 50,
        "montant_annuel": 355875.5,
        "date_debut": datetime.date(2025, 1, 1),
        "date_fin": datetime.date(2025, 12, 31),
        "orientation": "OFII (DN@)",
    }
    exercice = autres.get("exercice", 2025)
    if isinstance(exercice, int) and 2000 <= exercice <= 2100:  # dates inside the exercice
        valeurs["date_debut"] = datetime.date(exercice, 1, 1)
        valeurs["date_fin"] = datetime.date(exercice, 12, 31)
    valeurs.update(autres)
    return valeurs


def analyse(chemin, user=None):
    return analyser(lire_classeur(chemin), user)


def erreurs(rapport):
    """[(sheet, row, column)] of a report's errors."""
    return [(e.sheet, e.row, e.column) for e in rapport.errors]


def mettre_en_cache(chemin, valeurs):
    """Give formulas a cached value, as Excel or LibreOffice do when they save a workbook
    (openpyxl writes formulas without one). `valeurs`: {(sheet index 1-based, "E3"): "text" or
    number}."""
    source = zipfile.ZipFile(chemin)
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as sortie:
        for info in source.infolist():
            donnees = source.read(info.filename)
            for (feuille, coordonnee), valeur in valeurs.items():
                if info.filename != f"xl/worksheets/sheet{feuille}.xml":
                    continue
                texte = donnees.decode()
                motif = re.compile(rf'<c r="{coordonnee}"([^>]*)><f>(.*?)</f><v\s*/>(</c>)')
                if isinstance(valeur, str):
                    remplacement = rf'<c r="{coordonnee}" t="str"><f>\2</f><v>{valeur}</v>\3'
                else:
                    remplacement = rf'<c r="{coordonnee}"><f>\2</f><v>{valeur}</v>\3'
                texte, nombre = motif.subn(remplacement, texte)
                assert nombre == 1, f"formule {coordonnee} introuvable"
                donnees = texte.encode()
            sortie.writestr(info, donnees)
    source.close()
    with open(chemin, "wb") as fichier:
        fichier.write(tampon.getvalue())
    return chemin


def lignes_vides_formatees(ws, debut, nombre, colonnes=20):
    fond = PatternFill("solid", fgColor="FFFF99")
    for rang in range(debut, debut + nombre):
        for colonne in range(1, colonnes + 1):
            ws.cell(rang, colonne).fill = fond
