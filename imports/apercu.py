"""What the preview of an import shows, read from its stored report (`ImportTemps1.rapport`, the
JSON of docs/temps1.md): counts per sheet, warnings, and every error, filterable by sheet and text.

Kept apart from the views: plain functions of the report, tested without a request.
"""

from dataclasses import dataclass, field

from backoffice.recherche.texte import mots, normaliser

from .temps1.schema import FEUILLES_DONNEES

# Errors about the file as a whole (unreadable file, missing sheet) have no sheet.
SANS_ONGLET = "Fichier"
# Rows of the error table in one page. A departmental file never comes near (every error is
# shown); a national file filled in the wrong columns could give 100 000, a page the browser
# cannot use: the filters, the annotated copy and the JSON report then carry the rest.
ERREURS_AFFICHEES_MAX = 10_000


@dataclass
class Apercu:
    # [{"nom", "created", "updated", "unchanged", "errors" (rows with an error)}]
    feuilles: list = field(default_factory=list)
    erreurs: list = field(default_factory=list)  # filtered, at most ERREURS_AFFICHEES_MAX
    nombre_filtrees: int = 0  # filtered, before the cut
    nombre_erreurs: int = 0  # before filtering
    avertissements: list = field(default_factory=list)
    onglets_erreurs: list = field(default_factory=list)  # [(sheet, count)] for the sheet filter
    filtre_onglet: str = ""
    filtre_texte: str = ""

    @property
    def tronque(self):
        return self.nombre_filtrees > len(self.erreurs)

    @property
    def filtre_actif(self):
        return bool(self.filtre_onglet or self.filtre_texte)

    @property
    def total(self):
        return {
            cle_: sum(f[cle_] for f in self.feuilles)
            for cle_ in ("created", "updated", "unchanged", "errors")
        }


def _anomalie(donnees):
    return {
        "sheet": donnees.get("sheet") or SANS_ONGLET,
        "row": donnees.get("row"),
        "column": donnees.get("column") or "",
        "value": "" if donnees.get("value") is None else str(donnees.get("value")),
        "message": donnees.get("message") or "",
    }


def _correspond(anomalie, cherches):
    texte = normaliser(
        " ".join(
            [
                anomalie["sheet"],
                str(anomalie["row"] or ""),
                anomalie["column"],
                anomalie["value"],
                anomalie["message"],
            ]
        )
    )
    return all(mot in texte for mot in cherches)


def apercu(rapport, onglet="", texte="", feuilles=FEUILLES_DONNEES):
    """The preview of a stored report; `onglet` and `texte` filter the errors (every word of
    `texte` must appear in the sheet, row, column, value or message, ignoring case and
    accents). `feuilles`: the sheets of the import's format (formats.Format.feuilles)."""
    noms_feuilles = tuple(feuilles)
    rapport = rapport or {}
    compteurs = rapport.get("sheets") or {}
    feuilles = []
    for nom in noms_feuilles:
        c = compteurs.get(nom) or {}
        feuilles.append(
            {
                "nom": nom,
                "created": c.get("created", 0),
                "updated": c.get("updated", 0),
                "unchanged": c.get("unchanged", 0),
            }
        )
    erreurs = [_anomalie(e) for e in rapport.get("errors") or []]
    par_onglet, lignes_en_erreur = {}, {}
    for erreur in erreurs:
        par_onglet[erreur["sheet"]] = par_onglet.get(erreur["sheet"], 0) + 1
        lignes_en_erreur.setdefault(erreur["sheet"], set()).add(erreur["row"])
    for feuille in feuilles:
        feuille["errors"] = len(lignes_en_erreur.get(feuille["nom"], ()))
    onglet = (onglet or "").strip()
    filtrees = [e for e in erreurs if not onglet or e["sheet"] == onglet]
    cherches = mots(texte)
    if cherches:
        filtrees = [e for e in filtrees if _correspond(e, cherches)]
    return Apercu(
        feuilles=feuilles,
        erreurs=filtrees[:ERREURS_AFFICHEES_MAX],
        nombre_filtrees=len(filtrees),
        nombre_erreurs=len(erreurs),
        avertissements=[_anomalie(a) for a in rapport.get("warnings") or []],
        onglets_erreurs=sorted(
            par_onglet.items(), key=lambda item: _rang_onglet(item[0], noms_feuilles)
        ),
        filtre_onglet=onglet,
        filtre_texte=(texte or "").strip(),
    )


def _rang_onglet(nom, feuilles):
    ordre = [SANS_ONGLET, *feuilles]
    return (ordre.index(nom), nom) if nom in ordre else (len(ordre), nom)
