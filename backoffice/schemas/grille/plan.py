"""Matching a read grid with the schéma's tree (nothing written): every row finds its objectif,
thématique and action on their normalised text (an objective also by its number); what does not
fit (an objective number clashing with the schéma, a label too long, one action given twice with
different values) is a problem. The plan is also the preview shown before confirming."""

from collections import defaultdict
from dataclasses import dataclass, field

from ..models import ORDRE_REALISATION, ActionSchema, SchemaRegional, Thematique
from ..texte import empreinte
from .lecture import LIBELLE_MAX, Grille, GrilleInvalide, decouper_objectif, lister


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

    def verifier(self):
        """Raises `GrilleInvalide` with every problem when the grid does not fit the schéma."""
        if self.problemes:
            raise GrilleInvalide(
                "La grille ne correspond pas au schéma : rien n'a été importé.", self.problemes
            )

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
                    f"Lignes {lister(trop_long.lignes or noeud.lignes)} : le libellé de {quoi} "
                    f"« {_court(trop_long.libelle)} » dépasse {LIBELLE_MAX} caractères."
                )
    for action in dict.fromkeys(doublons):
        problemes.append(
            f"L'action « {_court(action.libelle)} » apparaît plusieurs fois avec des réalisations "
            f"ou commentaires différents (lignes {lister(action.lignes)})."
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
