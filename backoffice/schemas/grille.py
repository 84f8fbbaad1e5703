"""Evaluation grids: reading (an .xlsx workbook, or rows from any source), checking against the
schéma, applying (in one transaction) and writing back.

The grids the régions circulate look like seed 002: title lines, then a header row Objectifs |
Thématiques | Actions | Réalisation, repeated at the top of every printed page, objectives
written "1_Consolider le parc…", thématiques in capitals, sometimes HTML pasted from an online
questionnaire. Reading is tolerant of all that; anything it cannot interpret with certainty (an
unknown réalisation, an objective number clashing with the schéma) is an error, and every error
is reported at once, with its row numbers, before anything is written.

Steps: `lire_xlsx` / `analyser` (rows → `Grille`, structure checked), `planifier` (matched with
the schéma's tree, nothing written; also the preview), `appliquer` (writes, atomic).
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from backoffice.fichiers.archives import FichierRefuse
from backoffice.fichiers.classeurs import LimitesClasseur, lire_feuille, ouvrir_classeur
from backoffice.fichiers.envoi import limite_depassee

from .models import (
    ORDRE_REALISATION,
    ActionSchema,
    CampagneEvaluation,
    EvaluationAction,
    Objectif,
    Realisation,
    SchemaRegional,
    Thematique,
)
from .texte import cle, empreinte, nettoyer

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


def _lister(numeros, limite=15):
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
            f"{_lister(numeros)}) : valeurs admises oui, non, partiellement, nc."
        )
    if sans_action:
        problemes.append(f"Réalisation sans action (lignes {_lister(sans_action)}).")
    if sans_objectif:
        problemes.append(f"Action sans objectif (lignes {_lister(sans_objectif)}).")
    if sans_thematique:
        problemes.append(f"Action sans thématique (lignes {_lister(sans_thematique)}).")
    if problemes:
        raise GrilleInvalide("La grille comporte des erreurs : rien n'a été importé.", problemes)
    if not resultat.lignes:
        raise GrilleInvalide("La grille ne contient aucune action sous sa ligne d'en-tête.")
    return resultat


# ---------------------------------------------------------------------------------------------
# Matching with the schéma (nothing written)
# ---------------------------------------------------------------------------------------------


@dataclass(eq=False)  # compared and hashed by identity
class Noeud:
    libelle: str
    existant: object = None  # the model instance when it already exists
    numero: int = None  # objectives only
    ordre: int = 0
    parent: object = None  # the parent Noeud
    enfants: dict = field(default_factory=dict)  # fingerprint → Noeud
    lignes: list = field(default_factory=list)

    @property
    def nouveau(self):
        return self.existant is None


@dataclass
class Plan:
    schema: SchemaRegional
    grille: Grille
    objectifs: dict  # fingerprint → Noeud
    evaluations: list  # (action Noeud, LigneGrille)
    problemes: list

    def _noeuds(self, niveau):
        noeuds = list(self.objectifs.values())
        for _ in range(niveau):
            noeuds = [enfant for noeud in noeuds for enfant in noeud.enfants.values()]
        return noeuds

    @property
    def nouveaux(self):
        """(new objectifs, new thématiques, new actions)."""
        return tuple(sum(1 for n in self._noeuds(niveau) if n.nouveau) for niveau in range(3))

    @property
    def totaux(self):
        """(objectifs, thématiques, actions) of the grid."""
        return tuple(len(self._noeuds(niveau)) for niveau in range(3))

    @property
    def par_realisation(self):
        comptes = {r.value: 0 for r in ORDRE_REALISATION}
        for _, ligne in self.evaluations:
            comptes[ligne.realisation] += 1
        return comptes

    @property
    def nouveaux_objectifs(self):
        return [n for n in self.objectifs.values() if n.nouveau]


def planifier(schema, grille):
    """Match every grid row with the schéma's objectifs, thématiques and actions (on their
    normalised text; an objective also by its number). Nothing is written; `Plan.problemes`
    lists what prevents the import."""
    existants = {o.empreinte: o for o in schema.objectifs.all()}
    par_numero = {o.numero: o for o in existants.values()}
    thematiques = defaultdict(dict)
    for t in Thematique.objects.filter(objectif__schema=schema):
        thematiques[t.objectif_id][t.empreinte] = t
    actions = defaultdict(dict)
    for a in ActionSchema.objects.filter(thematique__objectif__schema=schema):
        actions[a.thematique_id][a.empreinte] = a

    objectifs = {}
    numeros_grille = {}  # number → (fingerprint, first row) within the grid
    evaluations = {}  # action key → (Noeud, LigneGrille)
    problemes = []
    doublons = []

    for ligne in grille.lignes:
        numero, libelle = decouper_objectif(ligne.objectif)
        emp = empreinte(libelle)
        noeud = objectifs.get(emp)
        if noeud is None:
            existant = existants.get(emp)
            noeud = Noeud(libelle=libelle, existant=existant, numero=numero)
            if existant is not None:
                noeud.libelle, noeud.numero = existant.libelle, existant.numero
                if numero is not None and numero != existant.numero:
                    problemes.append(
                        f"Ligne {ligne.numero} : l'objectif « {existant.libelle} » porte le "
                        f"numéro {existant.numero} dans le schéma, {numero} dans la grille."
                    )
            elif numero is not None and numero in par_numero:
                problemes.append(
                    f"Ligne {ligne.numero} : le numéro {numero} est déjà celui de l'objectif "
                    f"« {par_numero[numero].libelle} » du schéma, pas de « {libelle} »."
                )
            objectifs[emp] = noeud
        elif numero is not None and noeud.numero is not None and numero != noeud.numero:
            problemes.append(
                f"Ligne {ligne.numero} : l'objectif « {libelle} » est numéroté {numero} ici et "
                f"{noeud.numero} plus haut."
            )
        if numero is not None and noeud.nouveau:
            autre = numeros_grille.setdefault(numero, (emp, ligne.numero))
            if autre[0] != emp:
                problemes.append(
                    f"Ligne {ligne.numero} : le numéro {numero} désigne déjà un autre objectif "
                    f"(ligne {autre[1]})."
                )
        noeud.lignes.append(ligne.numero)

        emp_t = empreinte(ligne.thematique)
        thematique = noeud.enfants.get(emp_t)
        if thematique is None:
            existante = thematiques[noeud.existant.pk].get(emp_t) if noeud.existant else None
            thematique = Noeud(
                libelle=existante.libelle if existante else ligne.thematique,
                existant=existante,
                parent=noeud,
            )
            noeud.enfants[emp_t] = thematique
        thematique.lignes.append(ligne.numero)

        emp_a = empreinte(ligne.action)
        action = thematique.enfants.get(emp_a)
        if action is None:
            existante = actions[thematique.existant.pk].get(emp_a) if thematique.existant else None
            action = Noeud(
                libelle=existante.libelle if existante else ligne.action,
                existant=existante,
                parent=thematique,
            )
            thematique.enfants[emp_a] = action
        action.lignes.append(ligne.numero)
        deja = evaluations.get((emp, emp_t, emp_a))
        if deja is None:
            evaluations[(emp, emp_t, emp_a)] = (action, ligne)
        elif (deja[1].realisation, deja[1].commentaire) != (ligne.realisation, ligne.commentaire):
            doublons.append(action)

    for noeud in objectifs.values():
        trop_longs = [noeud] + list(noeud.enfants.values())
        for trop_long in trop_longs:
            if trop_long.nouveau and len(trop_long.libelle) > LIBELLE_MAX:
                quoi = "l'objectif" if trop_long is noeud else "la thématique"
                problemes.append(
                    f"Lignes {_lister(trop_long.lignes or noeud.lignes)} : le libellé de {quoi} "
                    f"« {_court(trop_long.libelle)} » dépasse {LIBELLE_MAX} caractères."
                )
    for action in dict.fromkeys(doublons):
        problemes.append(
            f"L'action « {_court(action.libelle)} » apparaît plusieurs fois avec des réalisations "
            f"ou commentaires différents (lignes {_lister(action.lignes)})."
        )
    _numeroter(objectifs, par_numero)
    _ordonner(objectifs, thematiques, actions)
    return Plan(schema, grille, objectifs, list(evaluations.values()), problemes)


def _court(texte, longueur=80):
    texte = texte.replace("\n", " ")
    return texte if len(texte) <= longueur else texte[: longueur - 1] + "…"


def _numeroter(objectifs, par_numero):
    """Objectives without a number get the next free ones, in the grid's order."""
    pris = set(par_numero) | {n.numero for n in objectifs.values() if n.numero is not None}
    suivant = max(pris, default=0) + 1
    for noeud in objectifs.values():
        if noeud.numero is None:
            noeud.numero = suivant
            suivant += 1


def _ordonner(objectifs, thematiques, actions):
    """New thématiques and actions come after the existing ones of their parent, in the grid's
    order."""
    for noeud in objectifs.values():
        suivant = 1 + max(
            (t.ordre for t in thematiques[noeud.existant.pk].values()) if noeud.existant else (),
            default=0,
        )
        for thematique in noeud.enfants.values():
            if thematique.nouveau:
                thematique.ordre, suivant = suivant, suivant + 1
            existantes = actions[thematique.existant.pk] if thematique.existant else {}
            suivante = 1 + max((a.ordre for a in existantes.values()), default=0)
            for action in thematique.enfants.values():
                if action.nouveau:
                    action.ordre, suivante = suivante, suivante + 1


# ---------------------------------------------------------------------------------------------
# Applying (atomic)
# ---------------------------------------------------------------------------------------------


@dataclass
class Bilan:
    campagne: CampagneEvaluation
    nouveaux: tuple  # (objectifs, thématiques, actions) created
    evaluations_creees: int
    evaluations_modifiees: int
    lignes: int


def appliquer(schema, grille, *, utilisateur, campagne=None, nouvelle_campagne=None):
    """Write the grid into the schéma: create the missing objectifs, thématiques and actions,
    then the evaluations of `campagne` (an existing campaign of this schéma) or of a new one
    (`nouvelle_campagne`: {"libelle", "date", "description"}). All or nothing: raises
    `GrilleInvalide` and writes nothing when the grid does not fit the schéma.

    Actions of the schéma absent from the grid keep their evaluation (none = nc)."""
    if (campagne is None) == (nouvelle_campagne is None):
        raise ValueError("Une campagne existante ou une nouvelle campagne, pas les deux.")
    with transaction.atomic():
        # One import at a time per schéma: two concurrent imports would create the same
        # objectifs twice (the unique constraints would then fail one of them).
        schema = SchemaRegional.objects.select_for_update().get(pk=schema.pk)
        plan = planifier(schema, grille)
        if plan.problemes:
            raise GrilleInvalide(
                "La grille ne correspond pas au schéma : rien n'a été importé.", plan.problemes
            )
        if campagne is None:
            if schema.campagnes.filter(libelle=nouvelle_campagne["libelle"]).exists():
                raise GrilleInvalide(
                    f"Ce schéma a déjà une campagne « {nouvelle_campagne['libelle']} » : "
                    "choisissez-la ou donnez un autre libellé. Rien n'a été importé."
                )
            campagne = CampagneEvaluation.objects.create(schema=schema, **nouvelle_campagne)
        elif campagne.schema_id != schema.pk:
            raise GrilleInvalide("Cette campagne n'appartient pas à ce schéma.")
        nouveaux = _creer_arbre(schema, plan)
        creees, modifiees = _ecrire_evaluations(campagne, plan.evaluations, utilisateur)
    return Bilan(campagne, nouveaux, creees, modifiees, len(grille.lignes))


def _creer_arbre(schema, plan):
    compteurs = [0, 0, 0]
    for noeud in plan.objectifs.values():
        if noeud.nouveau:
            noeud.existant = Objectif.objects.create(
                schema=schema, numero=noeud.numero, libelle=noeud.libelle
            )
            compteurs[0] += 1
        for thematique in noeud.enfants.values():
            if thematique.nouveau:
                thematique.existant = Thematique.objects.create(
                    objectif=noeud.existant, libelle=thematique.libelle, ordre=thematique.ordre
                )
                compteurs[1] += 1
            nouvelles = [a for a in thematique.enfants.values() if a.nouveau]
            for action in nouvelles:
                action.existant = ActionSchema(
                    thematique=thematique.existant, libelle=action.libelle, ordre=action.ordre
                )
                action.existant.empreinte = empreinte(action.libelle)
            ActionSchema.objects.bulk_create([a.existant for a in nouvelles])
            compteurs[2] += len(nouvelles)
    return tuple(compteurs)


def _ecrire_evaluations(campagne, evaluations, utilisateur):
    maintenant = timezone.now()
    actuelles = {
        e.action_id: e
        for e in EvaluationAction.objects.filter(
            campagne=campagne, action_id__in=[noeud.existant.pk for noeud, _ in evaluations]
        )
    }
    a_creer, a_modifier = [], []
    for noeud, ligne in evaluations:
        evaluation = actuelles.get(noeud.existant.pk)
        if evaluation is None:
            a_creer.append(
                EvaluationAction(
                    campagne=campagne,
                    action=noeud.existant,
                    realisation=ligne.realisation,
                    commentaire=ligne.commentaire,
                    evalue_par=utilisateur,
                    evalue_le=maintenant,
                )
            )
        elif (evaluation.realisation, evaluation.commentaire) != (
            ligne.realisation,
            ligne.commentaire,
        ):
            evaluation.realisation = ligne.realisation
            evaluation.commentaire = ligne.commentaire
            evaluation.evalue_par = utilisateur
            evaluation.evalue_le = maintenant
            a_modifier.append(evaluation)
    EvaluationAction.objects.bulk_create(a_creer)
    EvaluationAction.objects.bulk_update(
        a_modifier, ["realisation", "commentaire", "evalue_par", "evalue_le"]
    )
    return len(a_creer), len(a_modifier)


def prochain_ordre(queryset):
    return (queryset.aggregate(m=Max("ordre"))["m"] or 0) + 1
