"""DN@ occupancy extracts written for the tests (openpyxl, as Excel would save them)."""

import datetime

from imports.occupation.colonnes import COLONNES

ENTETES = [c.entete for c in COLONNES]


def ligne(code, mois="03/2026", en_service=90, occupees=87, refugies=2, deboutes=3, vacantes=3,
          indisponibles=0):  # fmt: skip
    return [mois, code, en_service, occupees, refugies, deboutes, vacantes, indisponibles]


def extrait(chemin, lignes, entetes=ENTETES, titre=None):
    from openpyxl import Workbook

    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Extrait DN@"
    if titre:
        feuille.append([titre])
    feuille.append(entetes)
    for valeurs in lignes:
        feuille.append(valeurs)
    classeur.save(chemin)
    return chemin


def mois_passe(mois_en_arriere=1):
    aujourdhui = datetime.date.today().replace(day=1)
    annee, mois = divmod(aujourdhui.year * 12 + aujourdhui.month - 1 - mois_en_arriere, 12)
    return datetime.date(annee, mois + 1, 1)
