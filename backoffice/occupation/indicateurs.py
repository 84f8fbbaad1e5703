"""The occupancy figures, one definition for every surface (docs/occupation.md, « Les chiffres »).

- Occupancy rate of a set of rows = Σ places occupées / Σ places en service (a ratio of sums,
  not a mean of rates: a 10-place structure does not weigh as much as a 200-place one).
- Présence indue rate (réfugiés, déboutés) = Σ persons in présence indue / Σ places occupées.
- Targets are a convention's: the CADA convention type sets occupancy ≥ 97 %, présence indue
  < 3 % (réfugiés) and < 4 % (déboutés). A dispositif has targets for a month when a convention
  of such a type, in force on the month's last day, covers it; the distance is rate − target.
- A month is the first day of the month; « the latest month » is the latest month imported
  for the perimeter, never the current calendar month (the DN@ extract comes after the month).

Every aggregate is a SQL sum over the rows `lignes()` returns for the same perimeter and month:
the list behind a figure is exactly those rows.
"""

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Max, Sum

from backoffice.acces.perimetres import filtrer
from backoffice.conventions.models import LigneConvention, TypeConvention, q_en_vigueur_le

from .models import Occupation

CHAMPS = {
    "en_service": "places_en_service",
    "occupees": "places_occupees",
    "refugies": "presence_indue_refugies",
    "deboutes": "presence_indue_deboutes",
    "vacantes": "places_vacantes",
    "indisponibles": "places_indisponibles",
}
# How many months running below target make a finding (quality rule, dashboard).
MOIS_CONSECUTIFS = 3


@dataclass(frozen=True)
class Cibles:
    occupation: Decimal
    refugies: Decimal  # présence indue must stay *below* these two
    deboutes: Decimal


CIBLES_PAR_TYPE = {
    TypeConvention.CADA: Cibles(Decimal("0.97"), Decimal("0.03"), Decimal("0.04")),
}


def _taux(numerateur, denominateur):
    if not denominateur:
        return None
    return Decimal(numerateur) / Decimal(denominateur)


@dataclass
class ChiffresOccupation:
    en_service: int = 0
    occupees: int = 0
    refugies: int = 0
    deboutes: int = 0
    vacantes: int = 0
    indisponibles: int = 0
    dispositifs: int = 0

    @property
    def taux_occupation(self):
        return _taux(self.occupees, self.en_service)

    @property
    def taux_refugies(self):
        return _taux(self.refugies, self.occupees)

    @property
    def taux_deboutes(self):
        return _taux(self.deboutes, self.occupees)

    def ecarts(self, cibles):
        """(occupancy − target, réfugiés − target, déboutés − target); None without targets
        or without a rate."""
        if cibles is None:
            return None, None, None

        def ecart(taux, cible):
            return None if taux is None else taux - cible

        return (
            ecart(self.taux_occupation, cibles.occupation),
            ecart(self.taux_refugies, cibles.refugies),
            ecart(self.taux_deboutes, cibles.deboutes),
        )

    def hors_cible(self, cibles):
        """Which targets are missed: a subset of {"occupation", "refugies", "deboutes"}."""
        occupation, refugies, deboutes = self.ecarts(cibles)
        manques = set()
        if occupation is not None and occupation < 0:
            manques.add("occupation")
        if refugies is not None and refugies >= 0:
            manques.add("refugies")
        if deboutes is not None and deboutes >= 0:
            manques.add("deboutes")
        return manques

    @classmethod
    def de_la_ligne(cls, ligne):
        """The figures of one row (a dict of the model's field names, or an Occupation)."""
        lire = ligne.get if isinstance(ligne, dict) else lambda c: getattr(ligne, c)
        return cls(**{cle: lire(champ) or 0 for cle, champ in CHAMPS.items()}, dispositifs=1)


def fin_du_mois(mois):
    return mois.replace(day=calendar.monthrange(mois.year, mois.month)[1])


def lignes(perimetre, mois=None):
    """The occupancy rows of a perimeter (every month, or one)."""
    qs = filtrer(Occupation.objects.all(), perimetre)
    if mois is not None:
        qs = qs.filter(mois=mois)
    return qs


def dernier_mois(perimetre, jusqu_au=None):
    """The latest month imported for the perimeter (up to the month of `jusqu_au`), or None."""
    qs = lignes(perimetre)
    if jusqu_au is not None:
        qs = qs.filter(mois__lte=jusqu_au)
    return qs.aggregate(m=Max("mois"))["m"]


def taux_par_departement(perimetre, jusqu_au=None):
    """(month, {département: occupancy rate in % as a float, or None}) of the latest month
    imported up to `jusqu_au`, for the map; (None, {}) when nothing was imported."""
    mois = dernier_mois(perimetre, jusqu_au)
    if mois is None:
        return None, {}
    return mois, {
        code: None if c.taux_occupation is None else float(c.taux_occupation * 100)
        for code, c in chiffres(perimetre, mois, par="departement").items()
    }


CLES = {
    "dispositif": "dispositif_id",
    "type": "dispositif__type_id",
    "departement": "dispositif__departement_id",
    "region": "dispositif__departement__region_id",
}


def chiffres(perimetre, mois, par=None):
    """ChiffresOccupation of the perimeter for `mois`: the total (par=None), or {key: figures}
    per dispositif, type, département or région (`par`, a key of CLES). One query."""
    sommes = {cle: Sum(champ) for cle, champ in CHAMPS.items()} | {"dispositifs": Count("pk")}
    qs = lignes(perimetre, mois).order_by()
    if par is None:
        return ChiffresOccupation(**{cle: v or 0 for cle, v in qs.aggregate(**sommes).items()})
    return {
        ligne.pop("cle_"): ChiffresOccupation(**{cle: v or 0 for cle, v in ligne.items()})
        for ligne in qs.values(cle_=F(CLES[par])).annotate(**sommes)
    }


@dataclass(frozen=True)
class Objectif:
    """The targets a dispositif has for a month, and the convention that sets them."""

    cibles: Cibles
    convention_id: int
    convention_numero: str


def objectifs(mois, dispositifs=None):
    """{dispositif id: Objectif} for `mois`: the conventions of a type with targets, in force
    on the month's last day, that cover each dispositif (`dispositifs`: ids or a queryset of
    ids; None: all). One query."""
    qs = LigneConvention.objects.filter(
        q_en_vigueur_le(fin_du_mois(mois), "convention__"),
        convention__type_convention__in=list(CIBLES_PAR_TYPE),
    )
    if dispositifs is not None:
        qs = qs.filter(dispositif_id__in=dispositifs)
    resultat = {}
    for dispositif_id, convention_id, numero, type_ in qs.order_by(
        "dispositif_id", "-convention__date_debut", "-convention_id"
    ).values_list(
        "dispositif_id", "convention_id", "convention__numero", "convention__type_convention"
    ):
        # The most recent convention covering the dispositif speaks for it.
        resultat.setdefault(
            dispositif_id, Objectif(CIBLES_PAR_TYPE[type_], convention_id, numero or "")
        )
    return resultat


def mois_precedents(mois, nombre):
    """The `nombre` months ending with `mois`, oldest first."""
    resultat = []
    annee, numero = mois.year, mois.month
    for _ in range(nombre):
        resultat.append(datetime.date(annee, numero, 1))
        annee, numero = (annee - 1, 12) if numero == 1 else (annee, numero - 1)
    return list(reversed(resultat))


def sous_la_cible_depuis(perimetre, mois, nombre=MOIS_CONSECUTIFS, dispositifs=None):
    """{dispositif id: (months, Objectif)} of the dispositifs whose occupancy was below their
    target in each of the `nombre` months ending with `mois` (every one of them imported).
    Two queries whatever the number of dispositifs."""
    periode = mois_precedents(mois, nombre)
    qs = filtrer(Occupation.objects.filter(mois__in=periode), perimetre)
    if dispositifs is not None:
        qs = qs.filter(dispositif_id__in=dispositifs)
    rangs = list(
        qs.order_by("dispositif_id", "mois").values("dispositif_id", "mois", *CHAMPS.values())
    )
    cibles = objectifs(mois, {r["dispositif_id"] for r in rangs})
    sous = {}
    for ligne in rangs:
        objectif = cibles.get(ligne["dispositif_id"])
        if objectif is None:
            continue
        if "occupation" in ChiffresOccupation.de_la_ligne(ligne).hors_cible(objectif.cibles):
            sous.setdefault(ligne["dispositif_id"], ([], objectif))[0].append(ligne["mois"])
    return {pk: (liste, obj) for pk, (liste, obj) in sous.items() if len(liste) == nombre}


def serie_du_dispositif(dispositif, nombre=12):
    """[(month, ChiffresOccupation or None, Objectif or None)] of the last `nombre` months
    imported for a dispositif, oldest first (its page)."""
    rangs = {
        o.mois: o
        for o in Occupation.objects.filter(dispositif=dispositif).order_by("-mois")[:nombre]
    }
    if not rangs:
        return []
    dernier = max(rangs)
    serie = []
    for mois in mois_precedents(dernier, nombre):
        ligne = rangs.get(mois)
        serie.append((mois, ChiffresOccupation.de_la_ligne(ligne) if ligne else None))
    cible = objectifs(dernier, [dispositif.pk]).get(dispositif.pk)
    return [(mois, c, cible) for mois, c in serie]


def pourcentage(taux, decimales=1):
    """A rate as French text: 0.9712 → « 97,1 % »; None → « — »."""
    if taux is None:
        return "—"
    return f"{taux * 100:.{decimales}f}".replace(".", ",") + "\u00a0%"


def points(ecart):
    """A distance to a target in percentage points: -0.021 → « −2,1 pts »."""
    if ecart is None:
        return "—"
    texte = f"{ecart * 100:+.1f}".replace(".", ",").replace("-", "−")
    return f"{texte}\u00a0pts"
