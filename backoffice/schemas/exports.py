"""XLSX files of a campaign: the evaluation grid in the shape it is imported from, and the
summary per objective.

Every text cell is written as a string, never as a formula: a comment starting with "=" stays
text in Excel (no formula injection), and the grid reimports exactly as it was exported.
"""

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from .models import ORDRE_REALISATION
from .services import lignes_evaluation, synthese, valeur

ENTETE_GRILLE = ["Objectifs", "Thématiques", "Actions", "Réalisation", "Commentaire"]
LARGEURS_GRILLE = [40, 35, 80, 15, 50]


def _cellule(feuille, contenu, gras=False, renvoi=False, format_=None):
    cellule = WriteOnlyCell(feuille, value=contenu)
    if isinstance(contenu, str):
        cellule.data_type = "s"  # never a formula
    if gras:
        cellule.font = Font(bold=True)
    if renvoi:
        cellule.alignment = Alignment(wrap_text=True, vertical="top")
    if format_:
        cellule.number_format = format_
    return cellule


def _classeur(titre_feuille, largeurs):
    classeur = Workbook(write_only=True)
    feuille = classeur.create_sheet(titre_feuille)
    for rang, largeur in enumerate(largeurs):
        feuille.column_dimensions[chr(65 + rang)].width = largeur
    return classeur, feuille


def _octets(classeur):
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def nom_fichier(campagne, suffixe):
    from django.utils.text import slugify

    return f"{slugify(campagne.schema.titre)[:60]}-{slugify(campagne.libelle)[:60]}-{suffixe}.xlsx"


def grille_xlsx(campagne):
    """The campaign as a grid: two title lines, a blank line, then Objectifs | Thématiques |
    Actions | Réalisation | Commentaire, one row per action of the schéma (nc when not
    evaluated)."""
    classeur, feuille = _classeur("Évaluation", LARGEURS_GRILLE)
    schema = campagne.schema
    feuille.append([_cellule(feuille, f"{schema.titre} ({schema.periode})", gras=True)])
    feuille.append(
        [_cellule(feuille, f"{campagne.libelle} – {campagne.date.strftime('%d/%m/%Y')}")]
    )
    feuille.append([])
    feuille.append([_cellule(feuille, titre, gras=True) for titre in ENTETE_GRILLE])
    for action, evaluation in lignes_evaluation(campagne):
        realisation, commentaire = valeur(evaluation)
        feuille.append(
            [
                _cellule(feuille, action.thematique.objectif.libelle_grille, renvoi=True),
                _cellule(feuille, action.thematique.libelle, renvoi=True),
                _cellule(feuille, action.libelle, renvoi=True),
                _cellule(feuille, realisation),
                _cellule(feuille, commentaire, renvoi=True),
            ]
        )
    return _octets(classeur)


def synthese_xlsx(campagne, lignes=None):
    """The summary per objective: counts and shares per réalisation, total row last."""
    lignes = lignes if lignes is not None else synthese(campagne)
    classeur, feuille = _classeur("Synthèse", [60] + [14] * 9)
    schema = campagne.schema
    feuille.append([_cellule(feuille, f"{schema.titre} ({schema.periode})", gras=True)])
    feuille.append([_cellule(feuille, f"Synthèse par objectif – {campagne.libelle}")])
    feuille.append([])
    entete = ["Objectif"]
    entete += [r.label for r in ORDRE_REALISATION]
    entete += ["Total"]
    entete += [f"Part {r.label.lower()}" for r in ORDRE_REALISATION]
    feuille.append([_cellule(feuille, titre, gras=True) for titre in entete])
    for ligne in lignes:
        libelle = f"{ligne.numero}. {ligne.libelle}" if ligne.numero is not None else ligne.libelle
        gras = ligne.numero is None
        feuille.append(
            [_cellule(feuille, libelle, gras=gras, renvoi=True)]
            + [_cellule(feuille, ligne.comptes[r], gras=gras) for r in ORDRE_REALISATION]
            + [_cellule(feuille, ligne.total, gras=gras)]
            + [
                _cellule(feuille, ligne.part(r) / 100, gras=gras, format_="0.0%")
                for r in ORDRE_REALISATION
            ]
        )
    return _octets(classeur)
