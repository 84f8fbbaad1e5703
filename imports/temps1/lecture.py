"""Reading an uploaded Temps 1 workbook: refuse clearly what is not one, then read every data
sheet with python-calamine.

Why calamine and not openpyxl: on a national workbook (51,000 rows) openpyxl's read-only mode
takes about 20 s on our 2-core servers, calamine under a second. Calamine gives what the format
needs: a formula's cached value, dates as `date`/`datetime` for date cells, hidden rows, and it
stops at the last cell holding a value, so thousands of formatted blank rows cost nothing.
Known limits (docs/temps1.md): a formula saved without a cached value (files written by scripts,
never by Excel or LibreOffice) and an Excel error value (`#N/A`…) are read as empty cells.

Every file goes through the workbook guard first (backoffice/fichiers/classeurs.py: content not
name, zip bounds, sheets, rows, columns and cells bounded before calamine allocates anything).
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from backoffice.fichiers.archives import FichierRefuse
from backoffice.fichiers.classeurs import LimitesClasseur, lire_feuille, ouvrir_classeur

from .rapport import Anomalie, FichierIllisible
from .schema import (
    COLONNES_CLE_DISPOSITIF,
    DISPOSITIFS,
    FEUILLES,
    FEUILLES_DONNEES,
    FEUILLES_IGNOREES,
)
from .valeurs import cle, en_texte, est_vide

MEGAOCTET = 1024 * 1024
TAILLE_MAX = 20 * MEGAOCTET
DECOMPRESSE_MAX = 200 * MEGAOCTET
RATIO_MAX = 100
LIGNES_ENTETE = 30  # the header row is looked for in the first rows (a title may come first)


def limites():
    """The guard's bounds for a Temps 1 workbook (a national one: 3 sheets, 51,000 rows, about
    700,000 cells, 3 MB; the defaults leave room)."""
    return LimitesClasseur(
        taille=getattr(settings, "TEMPS1_TAILLE_MAX", TAILLE_MAX),
        decompresse=getattr(settings, "TEMPS1_DECOMPRESSE_MAX", DECOMPRESSE_MAX),
        ratio=getattr(settings, "TEMPS1_RATIO_MAX", RATIO_MAX),
    )


@dataclass
class LigneLue:
    numero: int  # Excel row number (1-based)
    cellules: list

    def valeur(self, indice):
        return self.cellules[indice] if indice < len(self.cellules) else ""


@dataclass
class FeuilleLue:
    nom: str  # canonical name (schema)
    titre: str  # the sheet's name in the file
    ligne_entete: int
    colonnes: dict  # column key → 0-based index
    lignes: list = field(default_factory=list)

    @property
    def schema(self):
        return FEUILLES[self.nom]


@dataclass
class Classeur:
    nom_fichier: str
    chemin: str
    feuilles: dict  # canonical name → FeuilleLue
    avertissements: list = field(default_factory=list)

    @property
    def nombre_lignes(self):
        return sum(len(f.lignes) for f in self.feuilles.values())


def _colonne_lettre(indice):
    lettres = ""
    indice += 1
    while indice:
        indice, reste = divmod(indice - 1, 26)
        lettres = chr(65 + reste) + lettres
    return lettres


def lire_classeur(source, nom_fichier=None):
    """Read a Temps 1 workbook. Raises `FichierIllisible` (French message) when it is not one.

    `source`: a path (str or Path). Structural problems (missing sheets, missing or duplicated
    columns) are all reported in one `FichierIllisible`; cell values are checked by `analyser`.
    """
    chemin = str(source)
    nom_fichier = nom_fichier or Path(chemin).name
    bornes = limites()
    try:
        classeur = ouvrir_classeur(chemin, bornes)
    except FichierRefuse as exc:
        raise FichierIllisible(exc.message) from exc
    try:
        return _lire(classeur, chemin, nom_fichier, bornes)
    finally:
        classeur.close()


def _trouver_feuilles(noms):
    trouvees, inconnues = {}, []
    correspondances = {}
    for nom in FEUILLES_DONNEES:
        schema = FEUILLES[nom]
        for variante in (nom, *schema.alias):
            correspondances[cle(variante)] = nom
    for titre in noms:
        canonique = correspondances.get(cle(titre))
        if canonique and canonique not in trouvees:
            trouvees[canonique] = titre
        elif cle(titre) not in FEUILLES_IGNOREES:
            inconnues.append(titre)
    return trouvees, inconnues


def _lire(classeur, chemin, nom_fichier, bornes):
    titres, inconnues = _trouver_feuilles(classeur.sheet_names)
    problemes = []
    avertissements = [
        Anomalie(
            None,
            None,
            None,
            "",
            f"Onglet « {titre} » ignoré : il ne fait pas partie du format Temps 1.",
        )
        for titre in inconnues
    ]
    for nom in FEUILLES_DONNEES:
        if nom not in titres:
            problemes.append(
                f"Onglet « {nom} » introuvable (onglets présents : "
                f"{', '.join(classeur.sheet_names)})."
            )
    feuilles = {}
    for nom, titre in titres.items():
        try:
            lignes = lire_feuille(classeur, titre, bornes)
        except FichierRefuse as exc:
            raise FichierIllisible(exc.message) from exc
        feuille = _lire_feuille(nom, titre, lignes, problemes, avertissements)
        if feuille:
            feuilles[nom] = feuille
    if problemes:
        raise FichierIllisible(
            "Ce classeur ne suit pas le format Temps 1 : rien n'a été importé.", problemes
        )
    resultat = Classeur(nom_fichier, chemin, feuilles, avertissements)
    if resultat.nombre_lignes == 0:
        raise FichierIllisible(
            "Le classeur ne contient aucune ligne de données (onglets Entités, Dispositifs et "
            "Financements vides) : rien à importer."
        )
    return resultat


def _lire_feuille(nom, titre, lignes, problemes, avertissements):
    schema = FEUILLES[nom]
    # The header row: among the first rows, the one naming the most columns of the format.
    meilleure, score = None, 0
    for indice, ligne in enumerate(lignes[:LIGNES_ENTETE]):
        reconnues = sum(1 for v in ligne if isinstance(v, str) and schema.par_entete(v))
        if reconnues > score:
            meilleure, score = indice, reconnues
    if meilleure is None:
        problemes.append(
            f"Onglet « {titre} » : ligne d'en-têtes introuvable (attendu par exemple : "
            f"{', '.join(c.entete for c in schema.colonnes[:3])}…)."
        )
        return None

    colonnes, entetes = {}, {}
    for indice, valeur in enumerate(lignes[meilleure]):
        if est_vide(valeur):
            continue
        colonne = schema.par_entete(en_texte(valeur))
        if colonne is None:
            avertissements.append(
                Anomalie(
                    nom,
                    meilleure + 1,
                    en_texte(valeur),
                    "",
                    f"Colonne inconnue ignorée (colonne {_colonne_lettre(indice)}).",
                    titre_feuille=titre,
                    indice_colonne=indice,
                )
            )
        elif colonne.cle in colonnes:
            problemes.append(
                f"Onglet « {titre} » : la colonne « {colonne.entete} » apparaît deux fois "
                f"(colonnes {_colonne_lettre(colonnes[colonne.cle])} et "
                f"{_colonne_lettre(indice)})."
            )
        else:
            colonnes[colonne.cle] = indice
            entetes[colonne.cle] = valeur
    for colonne in schema.colonnes:
        if colonne.obligatoire and colonne.cle not in colonnes:
            problemes.append(
                f"Onglet « {titre} » : colonne obligatoire « {colonne.entete} » absente."
            )
    if nom == DISPOSITIFS and not any(c in colonnes for c in COLONNES_CLE_DISPOSITIF):
        problemes.append(
            f"Onglet « {titre} » : il faut une colonne « Code dispositif » ou « Référence "
            "locale » pour reconnaître les dispositifs."
        )

    # Blank rows (even formatted, even thousands) are skipped; a row counts when a column of
    # the format holds something (notes in unknown columns do not make a row).
    utiles = [
        i for cle_colonne, i in colonnes.items() if not schema.colonne(cle_colonne).informative
    ]
    donnees = []
    for indice in range(meilleure + 1, len(lignes)):
        ligne = lignes[indice]
        if any(i < len(ligne) and not est_vide(ligne[i]) for i in utiles):
            donnees.append(LigneLue(indice + 1, ligne))
    return FeuilleLue(nom, titre, meilleure + 1, colonnes, donnees)
