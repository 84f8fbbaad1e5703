"""Reading an evaluation grid: an .xlsx workbook, or rows from any source, into a `Grille`,
its structure checked (header row, required columns, known réalisations). Every error is
reported at once, with its row numbers, before anything is matched or written.

The grids the régions circulate look like seed 002: title lines, then a header row Objectifs |
Thématiques | Actions | Réalisation, repeated at the top of every printed page, objectives
written "1_Consolider le parc…", thématiques in capitals, sometimes HTML pasted from an online
questionnaire. Reading is tolerant of all that; anything it cannot interpret with certainty (an
unknown réalisation) is an error."""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass

from backoffice.fichiers.archives import FichierRefuse
from backoffice.fichiers.classeurs import LimitesClasseur, lire_feuille, ouvrir_classeur
from backoffice.fichiers.envoi import limite_depassee

from ..models import Realisation
from ..texte import cle, nettoyer

MEGAOCTET = 1024 * 1024
TAILLE_MAX = 5 * MEGAOCTET
DECOMPRESSE_MAX = 50 * MEGAOCTET
LIGNES_ENTETE = 30  # the header row is looked for in the first rows of each sheet
LIGNES_MAX = 5000
LIBELLE_MAX = (
    500  # objectifs and thématiques (models)  # a schéma has a few hundred actions at most
)

# The workbook guard's bounds (backoffice/fichiers/classeurs.py): a grid is one sheet of a few
# hundred rows and five columns; the rows are counted again, more strictly, once read.
LIMITES = LimitesClasseur(
    taille=TAILLE_MAX, decompresse=DECOMPRESSE_MAX, lignes=10 * LIGNES_MAX, cellules=1_000_000
)

# Column → accepted header keys (texte.cle). The first four are required.
COLONNES = {
    "objectif": {"objectifs", "objectif"},
    "thematique": {"thematiques", "thematique", "themes", "theme"},
    "action": {"actions", "action"},
    "realisation": {
        "realisation",
        "realisations",
        "realise",
        "etat de realisation",
        "niveau de realisation",
    },
    "commentaire": {"commentaire", "commentaires", "observation", "observations"},
}
OBLIGATOIRES = ["objectif", "thematique", "action", "realisation"]
INTITULES = {
    "objectif": "Objectifs",
    "thematique": "Thématiques",
    "action": "Actions",
    "realisation": "Réalisation",
    "commentaire": "Commentaire",
}

# Réalisation as written in grids (texte.cle) → value. An empty cell is "nc" (no answer).
VALEURS_REALISATION = {
    "oui": Realisation.OUI,
    "non": Realisation.NON,
    "partiellement": Realisation.PARTIELLEMENT,
    "partiel": Realisation.PARTIELLEMENT,
    "partielle": Realisation.PARTIELLEMENT,
    "en partie": Realisation.PARTIELLEMENT,
    "nc": Realisation.NC,
    "n c": Realisation.NC,
    "non communique": Realisation.NC,
    "non communiquee": Realisation.NC,
    "non renseigne": Realisation.NC,
    "": Realisation.NC,
}

# "1_Consolider…", "1. Consolider…", "Objectif 2 : Maintenir…", "3 – Diminuer…"
_NUMERO_OBJECTIF = re.compile(
    r"^\s*(?:objectif\s*)?(?:n\s*[°o]\s*)?(\d{1,3})\s*[_.):\-–—]+\s*(.+)$",
    flags=re.IGNORECASE | re.DOTALL,
)


class GrilleInvalide(Exception):
    """The grid cannot be imported; nothing was written. `message` is French, `details` lists
    every problem found (with row numbers)."""

    def __init__(self, message, details=()):
        super().__init__(message)
        self.message = message
        self.details = list(details)

    def __str__(self):
        return " ".join([self.message, *self.details])


@dataclass
class LigneGrille:
    numero: int  # row number in the file (1-based, as the spreadsheet shows it)
    objectif: str
    thematique: str
    action: str
    realisation: str  # a Realisation value
    commentaire: str = ""


@dataclass
class Grille:
    lignes: list
    feuille: str = ""
    ligne_entete: int = 0
    ignorees: int = 0  # blank rows, title lines, repeated headers
    avec_commentaire: bool = False


def decouper_objectif(texte):
    """ "1_Consolider le parc" → (1, "Consolider le parc"); no number → (None, texte)."""
    correspondance = _NUMERO_OBJECTIF.match(texte)
    if correspondance is None:
        return None, texte
    libelle = correspondance.group(2).strip()
    return int(correspondance.group(1)), libelle[:1].upper() + libelle[1:]


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def lire_xlsx(fichier):
    """Read an uploaded grid (a file object or bytes): the first sheet holding the header row.
    The workbook guard refuses first what is not a reasonable .xlsx (by its content, not its
    name). Raises `GrilleInvalide`."""
    if not isinstance(fichier, bytes) and limite_depassee(fichier, TAILLE_MAX):
        raise GrilleInvalide(
            f"Le fichier dépasse {TAILLE_MAX // MEGAOCTET} Mo, la limite pour une grille "
            "d'évaluation : rien n'a été importé."
        )
    contenu = fichier if isinstance(fichier, bytes) else fichier.read()
    try:
        classeur = ouvrir_classeur(contenu, LIMITES)
    except FichierRefuse as exc:
        raise GrilleInvalide(exc.message) from exc
    try:
        feuilles = [(nom, lire_feuille(classeur, nom, LIMITES)) for nom in classeur.sheet_names]
    except FichierRefuse as exc:
        raise GrilleInvalide(exc.message) from exc
    finally:
        classeur.close()
    return analyser_feuilles(feuilles)


def lire_tsv(texte, nom="grille"):
    """Rows of a tab-separated text (the seed's format): no quoting, one row per line."""
    lignes = [ligne.split("\t") for ligne in texte.splitlines()]
    return analyser_feuilles([(nom, lignes)])


def _valeur_cellule(valeur):
    if valeur is None:
        return ""
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    if isinstance(valeur, datetime.datetime | datetime.date):
        return valeur.strftime("%d/%m/%Y")
    return str(valeur)


def _colonnes_entete(cellules):
    """{column: index} of the header names found in a row (first occurrence)."""
    trouvees = {}
    for indice, valeur in enumerate(cellules):
        texte_cle = cle(_valeur_cellule(valeur))
        for colonne, noms in COLONNES.items():
            if texte_cle in noms and colonne not in trouvees:
                trouvees[colonne] = indice
    return trouvees


def analyser_feuilles(feuilles):
    """The grid of the first sheet with a complete header row; else the French error about the
    closest candidate."""
    meilleure = None  # (number of required columns found, sheet, row number, columns)
    for nom, lignes in feuilles:
        for indice, cellules in enumerate(lignes[:LIGNES_ENTETE]):
            colonnes = _colonnes_entete(cellules)
            trouvees = sum(1 for c in OBLIGATOIRES if c in colonnes)
            if trouvees == len(OBLIGATOIRES):
                return analyser(lignes, indice, colonnes, nom)
            if trouvees >= 2 and (meilleure is None or trouvees > meilleure[0]):
                meilleure = (trouvees, nom, indice + 1, colonnes)
    attendues = ", ".join(INTITULES[c] for c in OBLIGATOIRES)
    if meilleure is None:
        raise GrilleInvalide(
            "Ligne d'en-tête introuvable : la grille doit avoir les colonnes "
            f"{attendues} (dans les {LIGNES_ENTETE} premières lignes d'un onglet). "
            "Rien n'a été importé."
        )
    _, nom, numero, colonnes = meilleure
    manquantes = [INTITULES[c] for c in OBLIGATOIRES if c not in colonnes]
    raise GrilleInvalide(
        f"Colonne{'s' if len(manquantes) > 1 else ''} manquante{'s' if len(manquantes) > 1 else ''}"
        f" : {', '.join(manquantes)} (en-tête trouvé ligne {numero} de l'onglet « {nom} » ; "
        f"colonnes attendues : {attendues}). Rien n'a été importé."
    )


def lister(numeros, limite=15):
    numeros = sorted(numeros)
    texte = ", ".join(str(n) for n in numeros[:limite])
    if len(numeros) > limite:
        texte += f"… ({len(numeros)} lignes)"
    return texte


def analyser(lignes, indice_entete, colonnes, nom_feuille=""):
    """Rows under the header → `Grille`. Skips blank rows, title lines (no action, no
    réalisation) and repeated headers; carries an objective or thématique down when its cell
    is empty (merged cells keep the value in their first row only). Raises `GrilleInvalide`
    listing every problem."""
    if len(lignes) - indice_entete > LIGNES_MAX:
        raise GrilleInvalide(
            f"La grille compte plus de {LIGNES_MAX} lignes : ce n'est pas une grille "
            "d'évaluation de schéma. Rien n'a été importé."
        )
    resultat = Grille(
        lignes=[],
        feuille=nom_feuille,
        ligne_entete=indice_entete + 1,
        avec_commentaire="commentaire" in colonnes,
    )
    inconnues = defaultdict(list)  # raw réalisation → row numbers
    sans_action, sans_objectif, sans_thematique = [], [], []
    precedent = {"objectif": "", "thematique": ""}

    def cellule(cellules, colonne):
        indice = colonnes.get(colonne)
        if indice is None or indice >= len(cellules):
            return ""
        return nettoyer(_valeur_cellule(cellules[indice]))

    for indice, cellules in enumerate(lignes[indice_entete + 1 :], start=indice_entete + 2):
        valeurs = {c: cellule(cellules, c) for c in colonnes}
        if not any(valeurs.values()):
            resultat.ignorees += 1
            continue
        if cle(valeurs["action"]) in COLONNES["action"] and (
            cle(valeurs["objectif"]) in COLONNES["objectif"]
            or cle(valeurs["realisation"]) in COLONNES["realisation"]
        ):
            resultat.ignorees += 1  # header repeated at the top of a page
            continue
        if not valeurs["action"]:
            if valeurs["realisation"]:
                sans_action.append(indice)
            else:
                resultat.ignorees += 1  # a title or section line
            continue
        objectif = valeurs["objectif"]
        thematique = valeurs["thematique"]
        if not objectif:
            objectif = precedent["objectif"]
            thematique = thematique or precedent["thematique"]
        elif not thematique and cle(objectif) == cle(precedent["objectif"]):
            thematique = precedent["thematique"]
        if not objectif:
            sans_objectif.append(indice)
            continue
        if not thematique:
            sans_thematique.append(indice)
            continue
        precedent = {"objectif": objectif, "thematique": thematique}
        brute = valeurs["realisation"]
        realisation = VALEURS_REALISATION.get(cle(brute))
        if realisation is None:
            inconnues[brute].append(indice)
            continue
        resultat.lignes.append(
            LigneGrille(
                numero=indice,
                objectif=objectif,
                thematique=thematique,
                action=valeurs["action"],
                realisation=realisation.value,
                commentaire=valeurs.get("commentaire", ""),
            )
        )
    problemes = []
    for brute, numeros in inconnues.items():
        problemes.append(
            f"Réalisation inconnue « {brute} » (ligne{'s' if len(numeros) > 1 else ''} "
            f"{lister(numeros)}) : valeurs admises oui, non, partiellement, nc."
        )
    if sans_action:
        problemes.append(f"Réalisation sans action (lignes {lister(sans_action)}).")
    if sans_objectif:
        problemes.append(f"Action sans objectif (lignes {lister(sans_objectif)}).")
    if sans_thematique:
        problemes.append(f"Action sans thématique (lignes {lister(sans_thematique)}).")
    if problemes:
        raise GrilleInvalide("La grille comporte des erreurs : rien n'a été importé.", problemes)
    if not resultat.lignes:
        raise GrilleInvalide("La grille ne contient aucune action sous sa ligne d'en-tête.")
    return resultat
