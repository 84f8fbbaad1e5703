"""Reading a DN@ occupancy extract: the workbook guard first (content, not name; bounded
sizes), then the first sheet that carries the columns, into a `tablib.Dataset` for the
Resource. Every missing column is named at once; nothing is read from a file refused here."""

from dataclasses import dataclass

import tablib

from backoffice.fichiers.archives import FichierRefuse
from backoffice.fichiers.classeurs import LimitesClasseur, lire_feuille, ouvrir_classeur

from ..temps1.rapport import FichierIllisible
from .colonnes import COLONNES, colonne_de

LIGNES_ENTETE = 30  # the header is looked for in the first rows (a title may come first)
LIGNE = "ligne"  # the Excel row number, carried in the dataset for the messages
# A national year is about 15,000 rows; the default bounds leave room.
LIMITES = LimitesClasseur(taille=10 * 1024 * 1024, lignes=100_000, cellules=2_000_000)


@dataclass
class Extrait:
    nom_fichier: str
    donnees: tablib.Dataset  # canonical headers (Colonne.cle) and LIGNE
    onglet: str
    ligne_entete: int


def _vide(valeur):
    return valeur is None or (isinstance(valeur, str) and not valeur.strip())


def _entete(lignes):
    """(row index, {column key: index}) of the row naming the most columns."""
    meilleure = (None, {})
    for indice, ligne in enumerate(lignes[:LIGNES_ENTETE]):
        trouvees = {}
        for position, valeur in enumerate(ligne):
            colonne = colonne_de(valeur)
            if colonne and colonne.cle not in trouvees:
                trouvees[colonne.cle] = position
        if len(trouvees) > len(meilleure[1]):
            meilleure = (indice, trouvees)
    return meilleure


def lire_extrait(chemin, nom_fichier=""):
    try:
        classeur = ouvrir_classeur(chemin, LIMITES)
    except FichierRefuse as exc:
        raise FichierIllisible(exc.message) from exc
    meilleur = None
    for onglet in classeur.sheet_names:
        try:
            lignes = lire_feuille(classeur, onglet, LIMITES)
        except FichierRefuse as exc:
            raise FichierIllisible(exc.message) from exc
        indice, colonnes = _entete(lignes)
        if meilleur is None or len(colonnes) > len(meilleur[2]):
            meilleur = (onglet, indice, colonnes, lignes)
    if meilleur is None or not meilleur[2]:
        raise FichierIllisible(
            "Aucun onglet de ce classeur ne porte les colonnes de l'extrait d'occupation du DN@ "
            "(« Mois », « Code DNA », « Places en service », « Places occupées »…). Partez du "
            "modèle proposé sur la page de dépôt."
        )
    onglet, indice, colonnes, lignes = meilleur
    manquantes = [c.entete for c in COLONNES if c.obligatoire and c.cle not in colonnes]
    if manquantes:
        raise FichierIllisible(
            f"L'onglet « {onglet} » n'a pas toutes les colonnes de l'extrait d'occupation : "
            "rien n'a été lu.",
            [f"Colonne manquante : « {entete} »" for entete in manquantes],
        )
    cles = [c.cle for c in COLONNES if c.cle in colonnes]
    donnees = tablib.Dataset(headers=[LIGNE, *cles])
    for numero, ligne in enumerate(lignes[indice + 1 :], start=indice + 2):
        valeurs = [ligne[colonnes[cle]] if colonnes[cle] < len(ligne) else None for cle in cles]
        if all(_vide(v) for v in valeurs):
            continue  # blank rows between or after the data
        donnees.append([numero, *valeurs])
    if not len(donnees):
        raise FichierIllisible(
            f"L'onglet « {onglet} » n'a aucune ligne sous ses en-têtes : il n'y a rien à importer."
        )
    return Extrait(nom_fichier, donnees, onglet, indice + 1)
