"""XLSX files of a campaign: the evaluation grid in the shape it is imported from, and the
summary per objective.

Written by the shared spreadsheet writer (backoffice/exports.py): every text cell is a string,
never a formula, so a comment starting with "=" stays text in Excel and the grid reimports
exactly as it was exported.
"""

import functools
import io

from django.http import QueryDict
from django.utils.text import slugify

from backoffice.acces.perimetres import LECTURE
from backoffice.acces.policies import policy_for
from backoffice.exportations.registre import Fichier, Introuvable, SansSuivi
from backoffice.exports import FORMAT_POURCENTAGE, Classeur, cellule

from .models import ORDRE_REALISATION, CampagneEvaluation
from .services import actions_du_schema, lignes_evaluation, synthese, valeur

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


def ecrire_grille(destination, campagne, suivi):
    """The campaign as a grid: two title lines, a blank line, then Objectifs | Thématiques |
    Actions | Réalisation | Commentaire, one row per action of the schéma (nc when not
    evaluated). Rows go through `suivi` (a background job's progress; nothing otherwise)."""
    classeur, feuille = _classeur("Évaluation", LARGEURS_GRILLE)
    schema = campagne.schema
    feuille.ligne([f"{schema.titre} ({schema.periode})"], police=_styles()["gras"])
    feuille.ligne([f"{campagne.libelle} – {campagne.date.strftime('%d/%m/%Y')}"])
    feuille.vide()
    feuille.entete(ENTETE_GRILLE)
    lignes = lignes_evaluation(campagne)
    suivi.annoncer(len(lignes))
    for action, evaluation in suivi.lignes(lignes):
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
    classeur.enregistrer(destination)


def grille_xlsx(campagne):
    tampon = io.BytesIO()
    ecrire_grille(tampon, campagne, SansSuivi())
    return tampon.getvalue()


def _campagne_visible(user, pk):
    visibles = policy_for(CampagneEvaluation).filtrer(
        CampagneEvaluation.objects.select_related("schema__region"), user, LECTURE
    )
    campagne = visibles.filter(pk=pk).first() if str(pk).isdigit() else None
    if campagne is None:
        raise Introuvable
    return campagne


def fichier_grille(user, parametres):
    """The grid of the campaign `?campagne=` for `user` (through their perimeter on the day it
    is written): what the download and the background job write (backoffice/exportations)."""
    campagne = _campagne_visible(user, QueryDict(parametres).get("campagne", ""))
    return Fichier(
        nom_fichier=nom_fichier(campagne, "grille").removesuffix(".xlsx"),
        ecrire=lambda destination, suivi: ecrire_grille(destination, campagne, suivi),
    )


def actions_de_la_grille(campagne):
    """How many rows the grid holds: what decides the background."""
    return actions_du_schema(campagne.schema_id).count()


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
