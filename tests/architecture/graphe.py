"""Le graphe des imports entre applications du projet, lu dans le source (AST), sans rien importer.

Un nœud est une application : chaque paquet `backoffice/<app>/`, les paquets racine `workflows` et
`imports`, et chaque module à la racine de `backoffice/` (`backoffice/bornes.py` → `bornes`).
Les migrations sont hors graphe : elles figent l'état d'un jour et n'appartiennent à aucune couche.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

RACINES = ("backoffice", "workflows", "imports")

# Les applications métier, de la plus basse à la plus haute.
METIER = frozenset(
    {
        "territoires",
        "offre",
        "conventions",
        "appels",
        "demandes",
        "qualite",
        "pilotage",
        "schemas",
        "public",
        "demo",
        "imports",
    }
)

# Le socle partagé : il n'importe que le socle (ni application métier, ni module du sommet).
SOCLE = frozenset(
    {
        "acces",
        "workflows",
        "affichage",
        "recherche",
        "fichiers",
        # Modules racine de `backoffice/` qui sont du socle : de petits outils sans métier.
        "backoffice",  # backoffice/__init__.py
        "bornes",
        "grammaire",
        "erreurs",
        "exports",
        "demarrage",
        "limiteur",
        "compteurs",
        "documents",
        "exportations",
    }
)

# Le sommet : ce qui assemble le tout (URL, accueil, recherche transversale, planificateur,
# réglages, commandes, base d'essai). Il peut importer n'importe qui ; personne ne l'importe
# depuis le socle.
SOMMET = frozenset(
    {
        "apps",
        "urls",
        "views",
        "wagtail_hooks",
        "wsgi",
        "recherche_globale",
        "planification",
        "settings",
        "management",
        "essai",
    }
)

# Ce qu'une application métier basse a le droit d'importer parmi les applications métier.
METIER_PERMIS = {
    "territoires": frozenset(),
    "offre": frozenset({"territoires"}),
}

# Un import placé dans une fonction doit dire pourquoi, sur sa ligne ou dans le commentaire
# juste au-dessus.
MARQUE_DIFFERE = "# import différé :"


@dataclass(frozen=True)
class Import:
    fichier: str  # chemin relatif à la racine du projet
    ligne: int
    texte: str  # la ligne du source, telle quelle
    source: str  # application qui importe
    cible: str  # application importée
    module_cible: str
    dans_fonction: bool
    justifie: bool  # porte la marque « import différé »

    def __str__(self):
        return f"{self.fichier}:{self.ligne}: {self.texte.strip()}"


def _module(chemin: Path, racine: Path) -> str:
    parties = list(chemin.relative_to(racine).with_suffix("").parts)
    if parties[-1] == "__init__":
        parties.pop()
    return ".".join(parties)


def application(module: str) -> str | None:
    """L'application d'un module du projet, ou None s'il est hors projet."""
    parties = module.split(".")
    if parties[0] in ("workflows", "imports"):
        return parties[0]
    if parties[0] != "backoffice":
        return None
    if len(parties) == 1:
        return "backoffice"
    # `backoffice.<x>` : un paquet (application) ou un module racine, son propre nœud.
    return parties[1]


def fichiers_du_projet(racine: Path):
    for nom in RACINES:
        for chemin in sorted((racine / nom).rglob("*.py")):
            relatif = chemin.relative_to(racine).parts
            if "migrations" in relatif or "__pycache__" in relatif:
                continue
            yield chemin


class _Visiteur(ast.NodeVisitor):
    def __init__(self):
        self.profondeur_fonction = 0
        self.trouves: list[tuple[ast.AST, bool]] = []

    def _fonction(self, noeud):
        self.profondeur_fonction += 1
        self.generic_visit(noeud)
        self.profondeur_fonction -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _fonction

    def visit_Import(self, noeud):
        self.trouves.append((noeud, self.profondeur_fonction > 0))

    visit_ImportFrom = visit_Import


def _cibles(noeud: ast.AST, module: str, est_paquet: bool, modules: set[str]) -> list[str]:
    if isinstance(noeud, ast.Import):
        return [alias.name for alias in noeud.names]
    if noeud.level:
        base = module.split(".") if est_paquet else module.split(".")[:-1]
        if noeud.level > 1:
            base = base[: len(base) - (noeud.level - 1)]
        depart = ".".join(base + ([noeud.module] if noeud.module else []))
    else:
        depart = noeud.module
    cibles = []
    for alias in noeud.names:
        sous_module = f"{depart}.{alias.name}"
        cibles.append(sous_module if sous_module in modules else depart)
    return cibles


def _commentaire_au_dessus(lignes, numero):
    """Les lignes de commentaire contiguës juste au-dessus de la ligne `numero` (1-indexée)."""
    bloc = []
    i = numero - 2
    while i >= 0 and lignes[i].strip().startswith("#"):
        bloc.append(lignes[i])
        i -= 1
    return "\n".join(bloc)


def lire_imports(racine: Path) -> list[Import]:
    racine = Path(racine)
    chemins = list(fichiers_du_projet(racine))
    modules = {_module(chemin, racine) for chemin in chemins}
    resultat = []
    for chemin in chemins:
        module = _module(chemin, racine)
        source_app = application(module)
        texte = chemin.read_text(encoding="utf-8")
        lignes = texte.splitlines()
        visiteur = _Visiteur()
        visiteur.visit(ast.parse(texte, filename=str(chemin)))
        for noeud, dans_fonction in visiteur.trouves:
            numero = noeud.lineno
            ligne = lignes[numero - 1]
            justifie = MARQUE_DIFFERE in ligne or MARQUE_DIFFERE in _commentaire_au_dessus(
                lignes, numero
            )
            for cible in _cibles(noeud, module, chemin.name == "__init__.py", modules):
                cible_app = application(cible)
                if cible_app is None:
                    # Un import hors projet ne compte que s'il est différé (règle 5).
                    if dans_fonction:
                        resultat.append(
                            Import(
                                str(chemin.relative_to(racine)),
                                numero,
                                ligne,
                                source_app,
                                "",
                                cible,
                                dans_fonction,
                                justifie,
                            )
                        )
                    continue
                resultat.append(
                    Import(
                        str(chemin.relative_to(racine)),
                        numero,
                        ligne,
                        source_app,
                        cible_app,
                        cible,
                        dans_fonction,
                        justifie,
                    )
                )
    return resultat


def aretes(imports: list[Import]) -> dict[tuple[str, str], list[Import]]:
    """Les flèches application → application (hors imports internes), avec leurs lignes."""
    resultat = defaultdict(list)
    for imp in imports:
        if imp.cible and imp.cible != imp.source:
            resultat[(imp.source, imp.cible)].append(imp)
    return dict(resultat)


def composantes_cycliques(fleches) -> list[list[str]]:
    """Les composantes fortement connexes de plus d'un nœud (Tarjan) : chacune contient un cycle."""
    voisins = defaultdict(set)
    for source, cible in fleches:
        voisins[source].add(cible)
    noeuds = sorted(set(voisins) | {c for s in voisins.values() for c in s})
    index, bas, pile, sur_pile = {}, {}, [], set()
    composantes = []
    compteur = [0]

    def visiter(noeud):
        # Profondeur bornée par le nombre d'applications (une trentaine) : la récursion suffit.
        index[noeud] = bas[noeud] = compteur[0]
        compteur[0] += 1
        pile.append(noeud)
        sur_pile.add(noeud)
        for voisin in sorted(voisins[noeud]):
            if voisin not in index:
                visiter(voisin)
                bas[noeud] = min(bas[noeud], bas[voisin])
            elif voisin in sur_pile:
                bas[noeud] = min(bas[noeud], index[voisin])
        if bas[noeud] == index[noeud]:
            composante = []
            while True:
                sommet = pile.pop()
                sur_pile.discard(sommet)
                composante.append(sommet)
                if sommet == noeud:
                    break
            if len(composante) > 1:
                composantes.append(sorted(composante))

    for noeud in noeuds:
        if noeud not in index:
            visiter(noeud)
    return sorted(composantes)


def _lignes(imports, retrait="    "):
    # Un `from x import a, b` ne s'écrit qu'une fois.
    vues = dict.fromkeys(str(imp) for imp in imports)
    return "\n".join(f"{retrait}{ligne}" for ligne in vues)


def _plus_court_chemin(fleches, depart, arrivee, permis):
    """Le plus court chemin depart → arrivee dans le sous-graphe `permis` (parcours en largeur)."""
    precedent = {depart: None}
    file = [depart]
    for noeud in file:
        if noeud == arrivee:
            chemin = []
            while noeud is not None:
                chemin.append(noeud)
                noeud = precedent[noeud]
            return chemin[::-1]
        for source, cible in sorted(fleches):
            if source == noeud and cible in permis and cible not in precedent:
                precedent[cible] = noeud
                file.append(cible)
    return None


def cycles_elementaires(fleches, composante) -> list[list[str]]:
    """Pour chaque flèche de la composante, le plus court cercle qui la contient (sans doublon)."""
    permis = set(composante)
    cycles, vus = [], set()
    for source, cible in sorted(fleches):
        if source not in permis or cible not in permis:
            continue
        retour = _plus_court_chemin(fleches, cible, source, permis)
        cycle = [source] + retour[:-1]
        # Un même cercle lu depuis un autre nœud : on le range à partir de son plus petit nœud.
        debut = cycle.index(min(cycle))
        cle = tuple(cycle[debut:] + cycle[:debut])
        if cle not in vus:
            vus.add(cle)
            cycles.append(list(cle))
    return sorted(cycles, key=lambda c: (len(c), c))


def violations_cycles(imports) -> list[str]:
    fleches = aretes(imports)
    messages = []
    for composante in composantes_cycliques(fleches):
        cycles = cycles_elementaires(fleches, composante)
        en_cause = sorted({(a, b) for c in cycles for a, b in zip(c, c[1:] + c[:1], strict=True)})
        messages.append(
            f"Cercle d'imports entre {', '.join(composante)} ; ses cercles les plus courts :\n"
            + "\n".join("  " + " → ".join(cycle + cycle[:1]) for cycle in cycles)
            + "\n  Les imports de ces flèches :\n"
            + "\n".join(
                f"    {a} → {b} :\n{_lignes(fleches[(a, b)], '      ')}" for a, b in en_cause
            )
        )
    return messages


def violations_couches(imports) -> list[str]:
    messages = []
    for (source, cible), lignes in sorted(aretes(imports).items()):
        raison = None
        if source in SOCLE and cible not in SOCLE:
            raison = f"le socle « {source} » importe « {cible} » (le socle n'importe que le socle)"
        elif source in METIER_PERMIS and cible in METIER and cible not in METIER_PERMIS[source]:
            permis = ", ".join(sorted(METIER_PERMIS[source])) or "aucune"
            raison = (
                f"« {source} » importe l'application métier « {cible} » "
                f"(applications métier permises : {permis})"
            )
        elif source in METIER and cible in SOMMET:
            raison = f"l'application métier « {source} » importe le sommet « {cible} »"
        if raison:
            messages.append(f"{raison} :\n{_lignes(lignes)}")
    return messages


def violations_differes(imports) -> list[str]:
    vus = set()
    messages = []
    for imp in imports:
        if not imp.dans_fonction or imp.justifie or imp.fichier.endswith("apps.py"):
            continue
        if (imp.fichier, imp.ligne) in vus:
            continue
        vus.add((imp.fichier, imp.ligne))
        messages.append(f"    {imp}")
    return messages


def rapport(racine) -> str:
    """Toutes les violations, en clair ; chaîne vide si le graphe est en ordre."""
    imports = lire_imports(racine)
    parties = []
    cycles = violations_cycles(imports)
    if cycles:
        parties.append("CERCLES ENTRE APPLICATIONS\n" + "\n".join(cycles))
    couches = violations_couches(imports)
    if couches:
        parties.append("IMPORTS CONTRE LES COUCHES\n" + "\n".join(couches))
    differes = violations_differes(imports)
    if differes:
        parties.append(
            "IMPORTS DANS UNE FONCTION SANS RAISON (hors apps.py ; écrire la raison dans un "
            f"commentaire « {MARQUE_DIFFERE} … » sur la ligne ou dans le commentaire juste "
            "au-dessus)\n" + "\n".join(differes)
        )
    return "\n\n".join(parties)
