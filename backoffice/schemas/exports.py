"""XLSX files of a campaign: the evaluation grid in the shape it is imported from, and the
summary per objective.

Written by the shared spreadsheet writer (backoffice/exports.py): every text cell is a string,
never a formula, so a comment starting with "=" stays text in Excel and the grid reimports
exactly as it was exported.
"""

import functools

from django.utils.text import slugify

from backoffice.exports import FORMAT_POURCENTAGE, Classeur, cellule

from .models import ORDRE_REALISATION
from .services import lignes_evaluation, synthese, valeur

ENTETE_GRILLE = ["Objectifs", "Thématiques", "Actions", "Réalisation", "Commentaire"]
LARGEURS_GRILLE = [40, 35, 80, 15, 50]


@functools.cache
def _styles():
    # import différé : openpyxl n'est chargé qu'au premier classeur écrit, pas au démarrage
    # (les vues des campagnes importent ce module).
    from openpyxl.styles import Alignment, Font

    return {"gras": Font(bold=True), "renvoi": Alignment(wrap_text=True, vertical="top")}


def _cellule(feuille, contenu, gras=False, renvoi=False, format_=None):
    return cellule(
        feuille.feuille,
        contenu,
        format_=format_,
        police=_styles()["gras"] if gras else None,
        alignement=_styles()["renvoi"] if renvoi else None,
    )


def _classeur(titre_feuille, largeurs):
    classeur = Classeur()
    feuille = classeur.feuille(titre_feuille)
    feuille.largeurs(largeurs)
    return classeur, feuille


def nom_fichier(campagne, suffixe):
    return f"{slugify(campagne.schema.titre)[:60]}-{slugify(campagne.libelle)[:60]}-{suffixe}.xlsx"


def grille_xlsx(campagne):
    """The campaign as a grid: two title lines, a blank line, then Objectifs | Thématiques |
    Actions | Réalisation | Commentaire, one row per action of the schéma (nc when not
    evaluated)."""
    classeur, feuille = _classeur("Évaluation", LARGEURS_GRILLE)
    schema = campagne.schema
    feuille.ligne([f"{schema.titre} ({schema.periode})"], police=_styles()["gras"])
    feuille.ligne([f"{campagne.libelle} – {campagne.date.strftime('%d/%m/%Y')}"])
    feuille.vide()
    feuille.entete(ENTETE_GRILLE)
    for action, evaluation in lignes_evaluation(campagne):
        realisation, commentaire = valeur(evaluation)
        feuille.ligne(
            [
                _cellule(feuille, action.thematique.objectif.libelle_grille, renvoi=True),
                _cellule(feuille, action.thematique.libelle, renvoi=True),
                _cellule(feuille, action.libelle, renvoi=True),
                _cellule(feuille, realisation),
                _cellule(feuille, commentaire, renvoi=True),
            ]
        )
    return classeur.octets()


def synthese_xlsx(campagne, lignes=None):
    """The summary per objective: counts and shares per réalisation, total row last."""
    lignes = lignes if lignes is not None else synthese(campagne)
    classeur, feuille = _classeur("Synthèse", [60] + [14] * 9)
    schema = campagne.schema
    feuille.ligne([f"{schema.titre} ({schema.periode})"], police=_styles()["gras"])
    feuille.ligne([f"Synthèse par objectif – {campagne.libelle}"])
    feuille.vide()
    entete = ["Objectif"]
    entete += [r.label for r in ORDRE_REALISATION]
    entete += ["Total"]
    entete += [f"Part {r.label.lower()}" for r in ORDRE_REALISATION]
    feuille.entete(entete)
    for ligne in lignes:
        libelle = f"{ligne.numero}. {ligne.libelle}" if ligne.numero is not None else ligne.libelle
        gras = ligne.numero is None
        feuille.ligne(
            [_cellule(feuille, libelle, gras=gras, renvoi=True)]
            + [_cellule(feuille, ligne.comptes[r], gras=gras) for r in ORDRE_REALISATION]
            + [_cellule(feuille, ligne.total, gras=gras)]
            + [
                _cellule(feuille, ligne.part(r) / 100, gras=gras, format_=FORMAT_POURCENTAGE)
                for r in ORDRE_REALISATION
            ]
        )
    return classeur.octets()
