"""Choropleth map of France by département, drawn as inline SVG with no network at all.

The geometry is `data/departements_svg.json`, produced by `scripts/generer_carte.py` from Natural
Earth (public domain) and committed: no tile server, no external JavaScript. This module turns a
{code: value} mapping into a plain object that the include `pilotage/carte.html` renders:

    carte = construire_carte(
        valeurs={"44": 1234, "75": 980, "2A": None},
        url_pour=lambda code: reverse("pilotage:departement", args=[code]),
        libelle_indicateur="Places autorisées",
        format_valeur=lambda v: f"{formater_nombre(v)} places",
        selection="44",
    )
    # in the template: {% include "pilotage/carte.html" with carte=carte %}

It reads no database row: the caller computes the values within the user's perimeter.
"""

import json
import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.utils.text import slugify

from backoffice.territoires.models import Departement

FICHIER_GEOMETRIE = Path(__file__).resolve().parent / "data" / "departements_svg.json"

# Light to dark (DSFR "bleu France" family): a higher value is never lighter.
PALETTE_SEQUENTIELLE = ("#e3e3fd", "#b1b1f9", "#8585f6", "#4b4bd6", "#000091")
# Diverging palette: reds for negative values (dark = far below zero), blues for positive ones.
PALETTE_NEGATIVE = ("#a3080c", "#e1000f", "#fcbfbf")  # most negative first
PALETTE_POSITIVE = ("#cacafb", "#6a6af4", "#000091")  # closest to zero first
COULEUR_ZERO = "#f6f6f6"
COULEUR_SANS_DONNEE = "#e5e5e5"  # drawn hatched too, so it is not told apart by colour alone
CLASSE_SANS_DONNEE = "carte-sans-donnee"
LIBELLE_SANS_DONNEE = "Sans donnée"
MAX_CLASSES = len(PALETTE_SEQUENTIELLE)


@dataclass(frozen=True)
class ClasseLegende:
    """One colour class. `minimum` is inclusive and `maximum` exclusive, except for the last class
    (inclusive) and the zero class; None means unbounded on that side."""

    cle: str  # CSS class, e.g. "carte-classe-3"
    couleur: str
    libelle: str
    minimum: float | int | None = None
    maximum: float | int | None = None
    sans_donnee: bool = False


@dataclass(frozen=True)
class DepartementCarte:
    code: str
    nom: str
    d: str  # SVG path
    valeur: object  # the value as given (number or None)
    valeur_formatee: str
    classe: ClasseLegende
    url: str
    selectionne: bool

    @property
    def libelle(self):
        """What a screen reader and the tooltip say: "Loire-Atlantique (44) : 1 234 places"."""
        return f"{self.nom} ({self.code}) : {self.valeur_formatee}"


@dataclass(frozen=True)
class Encart:
    code: str
    libelle: str
    x: float
    y: float
    largeur: float
    hauteur: float

    @property
    def x_libelle(self):
        return round(self.x + 6, 1)

    @property
    def y_libelle(self):
        return round(self.y + 18, 1)


@dataclass(frozen=True)
class Carte:
    identifiant: str  # prefix of the SVG ids (title, hatch pattern): unique on the page
    view_box: str
    libelle_indicateur: str
    departements: list[DepartementCarte]  # sorted by code (mainland, then overseas)
    legende: list[ClasseLegende]  # low to high values, then "Sans donnée" when used
    encarts: list[Encart]
    divergente: bool
    attribution: str

    @property
    def titre(self):
        return f"Carte par département : {self.libelle_indicateur}"

    @property
    def ordre_dessin(self):
        """Selected départements last, so their outline is drawn above their neighbours."""
        return sorted(self.departements, key=lambda d: d.selectionne)


@cache
def geometrie():
    """The committed geometry file, read once per process (treat the result as read-only)."""
    return json.loads(FICHIER_GEOMETRIE.read_text(encoding="utf-8"))


def formater_nombre(valeur, decimales=None):
    """French number: narrow no-break space between thousands, decimal comma.

    Integers (and integral decimals) show no decimals; other numbers show `decimales` digits
    (default 1). None gives "sans donnée"."""
    if valeur is None:
        return "sans donnée"
    if decimales is None:
        decimales = 0 if float(valeur).is_integer() else 1
    texte = f"{float(valeur):,.{decimales}f}"
    return texte.replace(",", "\u202f").replace(".", ",")


def _numerique(valeur):
    """The value as float for classing, or None when there is nothing to class."""
    if valeur is None or isinstance(valeur, bool):
        return None
    if not isinstance(valeur, int | float | Decimal):
        raise TypeError(f"Valeur non numérique pour la carte : {valeur!r}")
    nombre = float(valeur)
    return None if math.isnan(nombre) or math.isinf(nombre) else nombre


def _arrondi_lisible(nombre):
    """Two significant digits (1234 → 1200, 0.1234 → 0.12) so legend bounds read easily."""
    if nombre == 0:
        return 0
    chiffres = 1 - math.floor(math.log10(abs(nombre)))
    arrondi = round(nombre, chiffres)
    return int(arrondi) if float(arrondi).is_integer() else arrondi


def _seuils(valeurs, nombre_classes):
    """Quantile thresholds (lower bounds of classes 2..n), rounded, deduplicated, and strictly
    inside ]min, max] so no class is empty at either end."""
    valeurs = sorted(valeurs)
    n = len(valeurs)
    seuils = []
    for i in range(1, nombre_classes):
        seuil = _arrondi_lisible(valeurs[(i * n) // nombre_classes])
        if valeurs[0] < seuil <= valeurs[-1] and (not seuils or seuil > seuils[-1]):
            seuils.append(seuil)
    return seuils


def _entier_si_possible(nombre):
    return int(nombre) if float(nombre).is_integer() else nombre


def _classes_sequentielles(valeurs, format_borne, palette, prefixe, premier_minimum=None):
    """Classes for values of one sign. `premier_minimum` is the exclusive lower bound (0) used
    for positive values in a diverging scale."""
    distinctes = sorted(set(valeurs))
    nombre = min(len(palette), len(distinctes))
    seuils = _seuils(distinctes, nombre)
    # The palette is spread over the classes actually made, ends included.
    if len(seuils) + 1 == 1:
        couleurs = [palette[len(palette) // 2]]
    else:
        pas = (len(palette) - 1) / len(seuils)
        couleurs = [palette[round(i * pas)] for i in range(len(seuils) + 1)]
    bornes = [premier_minimum, *seuils, None]
    classes = []
    for i, couleur in enumerate(couleurs):
        minimum, maximum = bornes[i], bornes[i + 1]
        if len(couleurs) == 1 and premier_minimum is None:
            libelle = (
                format_borne(distinctes[0])
                if len(distinctes) == 1
                else f"De {format_borne(distinctes[0])} à {format_borne(distinctes[-1])}"
            )
            minimum, maximum = distinctes[0], distinctes[-1]
        elif minimum is None:
            libelle = f"Moins de {format_borne(maximum)}"
        elif maximum is None:
            libelle = (
                f"Plus de {format_borne(minimum)}" if i == 0 else f"{format_borne(minimum)} ou plus"
            )
        elif i == 0:  # exclusive lower bound (zero)
            libelle = f"Plus de {format_borne(minimum)} et moins de {format_borne(maximum)}"
        else:
            libelle = f"De {format_borne(minimum)} à moins de {format_borne(maximum)}"
        classes.append(
            ClasseLegende(
                cle=f"{prefixe}{i + 1}",
                couleur=couleur,
                libelle=libelle,
                minimum=None if minimum is None else _entier_si_possible(minimum),
                maximum=None if maximum is None else _entier_si_possible(maximum),
            )
        )
    return classes, seuils


def _classes_negatives(valeurs, format_borne):
    distinctes = sorted(set(valeurs))
    nombre = min(len(PALETTE_NEGATIVE), len(distinctes))
    seuils = _seuils(distinctes, nombre)
    seuils = [s for s in seuils if s < 0]
    pas = (len(PALETTE_NEGATIVE) - 1) / len(seuils) if seuils else 0
    couleurs = (
        [PALETTE_NEGATIVE[round(i * pas)] for i in range(len(seuils) + 1)]
        if seuils
        else [PALETTE_NEGATIVE[1]]
    )
    bornes = [None, *seuils, 0]
    classes = []
    for i, couleur in enumerate(couleurs):
        minimum, maximum = bornes[i], bornes[i + 1]
        if minimum is None:
            libelle = f"Moins de {format_borne(maximum)}"
        else:
            libelle = f"De {format_borne(minimum)} à moins de {format_borne(maximum)}"
        classes.append(
            ClasseLegende(
                cle=f"carte-negatif-{i + 1}",
                couleur=couleur,
                libelle=libelle,
                minimum=minimum,
                maximum=maximum,
            )
        )
    return classes, seuils


def _classifieur(nombres, format_borne):
    """Return (legend classes, divergente, function value → class)."""
    if not nombres:
        return [], False, None
    if min(nombres) >= 0:
        classes, seuils = _classes_sequentielles(
            nombres, format_borne, PALETTE_SEQUENTIELLE, "carte-classe-"
        )
        return classes, False, lambda v: classes[bisect_right(seuils, v)]

    negatifs = [v for v in nombres if v < 0]
    positifs = [v for v in nombres if v > 0]
    classes_neg, seuils_neg = _classes_negatives(negatifs, format_borne)
    zero = ClasseLegende("carte-zero", COULEUR_ZERO, format_borne(0), 0, 0)
    classes_pos, seuils_pos = (
        _classes_sequentielles(
            positifs, format_borne, PALETTE_POSITIVE, "carte-positif-", premier_minimum=0
        )
        if positifs
        else ([], [])
    )

    def classer(v):
        if v < 0:
            return classes_neg[bisect_right(seuils_neg, v)]
        if v == 0:
            return zero
        return classes_pos[bisect_right(seuils_pos, v)]

    legende = classes_neg + ([zero] if 0 in nombres else []) + classes_pos
    return legende, True, classer


def construire_carte(
    valeurs: Mapping[str, object],
    url_pour: Callable[[str], str | None],
    libelle_indicateur: str,
    format_valeur: Callable[[object], str] | None = None,
    selection: str | Iterable[str] | None = None,
    *,
    identifiant: str | None = None,
) -> Carte:
    """Build what `pilotage/carte.html` needs to draw one indicator on the map of France.

    Arguments:
    - `valeurs`: {département code: number or None}. Codes are COG codes ("01", "2A", "971";
      "1" is read as "01"); a département missing from the mapping is shown "sans donnée", like
      None, NaN or ±inf. An unknown code raises ValueError, a non-numeric value TypeError.
      ints, floats and Decimals are accepted; negative values are allowed (gaps, balances).
    - `url_pour(code)`: link target of each département (called once per département, 101 times);
      a falsy result draws that département without a link.
    - `libelle_indicateur`: the indicator's name, used in the map's title, legend and table.
    - `format_valeur(value)`: text of a value, e.g. `lambda v: f"{formater_nombre(v)} places"`;
      also applied to legend bounds. Never called with None. Default: `formater_nombre`.
    - `selection`: a code or an iterable of codes to outline (e.g. the département on screen).
    - `identifiant` (keyword): prefix of the SVG element ids; default derived from the libellé.
      Give distinct ones when two maps share a page.

    Classes: when no value is negative, up to 5 classes cut at the quantiles of the distinct
    values, on a sequential blue scale (bounds rounded to two significant digits; a higher value
    is never lighter). When some are
    negative, a diverging scale: up to 3 red classes below zero, a neutral class for exactly 0
    (only if present), up to 3 blue classes above zero. Départements without a value get the
    hatched grey "Sans donnée" class, listed last in the legend only when it is used.

    Returns a `Carte` (frozen dataclass): `view_box`, `departements` (list of
    `DepartementCarte` with code, nom, d, valeur, valeur_formatee, classe, url, selectionne and
    `libelle`), `legende` (list of `ClasseLegende`), `encarts` (inset frames for 971…976),
    `divergente`, `titre`, `attribution` (must stay visible under the map), `identifiant`.
    No database query is made.
    """
    donnees = geometrie()
    formater = format_valeur or formater_nombre
    codes_carte = donnees["departements"]

    normalisees = {}
    for code, valeur in valeurs.items():
        normalise = Departement.normaliser_code(code)
        if normalise not in codes_carte:
            raise ValueError(f"Code de département inconnu pour la carte : {code!r}")
        normalisees[normalise] = (valeur, _numerique(valeur))

    nombres = [n for _v, n in normalisees.values() if n is not None]
    legende, divergente, classer = _classifieur(
        nombres, lambda borne: formater(_entier_si_possible(borne))
    )
    sans_donnee = ClasseLegende(
        CLASSE_SANS_DONNEE, COULEUR_SANS_DONNEE, LIBELLE_SANS_DONNEE, sans_donnee=True
    )

    if selection is None:
        selectionnes = set()
    elif isinstance(selection, str):
        selectionnes = {Departement.normaliser_code(selection)}
    else:
        selectionnes = {Departement.normaliser_code(code) for code in selection}

    departements = []
    for code, forme in codes_carte.items():
        valeur, nombre = normalisees.get(code, (None, None))
        departements.append(
            DepartementCarte(
                code=code,
                nom=forme["nom"],
                d=forme["d"],
                valeur=valeur if nombre is not None else None,
                valeur_formatee=formater(valeur) if nombre is not None else "sans donnée",
                classe=classer(nombre) if nombre is not None else sans_donnee,
                url=url_pour(code) or "",
                selectionne=code in selectionnes,
            )
        )
    if any(d.classe is sans_donnee for d in departements):
        legende = [*legende, sans_donnee]

    return Carte(
        identifiant=identifiant or f"carte-{slugify(libelle_indicateur) or 'indicateur'}",
        view_box=donnees["viewBox"],
        libelle_indicateur=libelle_indicateur,
        departements=departements,
        legende=legende,
        encarts=[
            Encart(
                code=e["code"],
                libelle=e["libelle"],
                x=e["x"],
                y=e["y"],
                largeur=e["largeur"],
                hauteur=e["hauteur"],
            )
            for e in donnees["encarts"]
        ],
        divergente=divergente,
        attribution=donnees["attribution"],
    )
