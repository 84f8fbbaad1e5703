"""The figures of the offer (docs/domaine.md §6): their one definition, for a perimeter, today or at
any past date. docs/pilotage.md is the reference of each figure with its edge cases.

Each figure is the sum of *contributions* of rows, each counted over a *period* (first and last
day, inclusive; None = unbounded). A figure on date D is the sum of the contributions whose period
contains D; the 24-month curve, the list behind a figure and the dispositif page read the same
contributions (`contributions`), so they cannot disagree:

- **dispositifs**: each dispositif, until the day before its closure;
- **autorisées**: its places autorisées, for a type under the authorisation regime only
  (`sous_autorisation`), from its authorisation date (failing that its opening date; neither
  known: always) until the day before its closure;
- **financées**: the places of its financing lines of the exercice of D (1 January–31 December);
  the **daily cost** reads the amounts of these lines and the places of the lines that carry an
  amount (`cout_jour_place`): a co-financing line (amount, 0 places) weighs on the amount;
- **conventionnées**: the places of its lines of the conventions in force on D
  (`Convention.en_vigueur_le`: signed, from the start date to the end or the day before the
  résiliation takes effect);
- **ouvertes**: the places of its groupes active on D (their dates, inside the dispositif's
  opening and closure).

Figures are attributed to the dispositif's département and type, so a perimeter's figures never
include a row of another département. The rows are read either on the live tables (today), or as
the history recorded them at the end of a past day (django-simple-history): the same
contributions apply to both (`releve_courant`, `releve_historique`).
"""

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from backoffice.acces.perimetres import filtrer, q_dans
from backoffice.bitemporel import chronologie, moment_connu, versions_au
from backoffice.bitemporel import etats_au as _etats_au
from backoffice.collecte import sans_collecte
from backoffice.conventions.models import Convention, LigneConvention, periode_en_vigueur
from backoffice.offre.choices import RegimeJuridique
from backoffice.offre.models import (
    Dispositif,
    Financement,
    GroupeDePlaces,
    TypeDispositif,
    cout_jour_place,
)

# Places « autorisées » mean something for the types under the authorisation regime of the
# ESSMS only (CADA, CPH, CHRS, médico-social: TypeDispositif.regime, editable in the
# nomenclature). Other types have no authorised capacity, hence no gap against it.
REGIME_AUTORISE = RegimeJuridique.AUTORISATION


def sous_autorisation(type_dispositif):
    return type_dispositif.sous_autorisation


@dataclass
class Chiffres:
    dispositifs: int = 0
    autorisees: int = 0
    financees: int = 0
    conventionnees: int = 0
    ouvertes: int = 0
    montant: Decimal = Decimal(0)
    places_montant: int = 0  # places of the financing lines with an amount (daily cost)

    def __add__(self, autre):
        return Chiffres(**{nom: getattr(self, nom) + getattr(autre, nom) for nom in CHAMPS})

    @staticmethod
    def somme(chiffres):
        """The sum of many Chiffres (a perimeter's total over its dispositifs), without one
        intermediate object per term."""
        totaux = dict.fromkeys(CHAMPS, 0)
        for c in chiffres:
            for nom in CHAMPS:
                totaux[nom] += getattr(c, nom)
        return Chiffres(**totaux)

    def cout_jour_place(self, exercice):
        return cout_jour_place(self.montant, self.places_montant, exercice)


CHAMPS = [f.name for f in fields(Chiffres)]
CAPACITES = ("autorisees", "financees", "conventionnees", "ouvertes")


@dataclass
class Photographie:
    """Figures per (département code, type code) for one date."""

    date: datetime.date
    lignes: dict

    @property
    def exercice(self):
        return self.date.year

    def total(self):
        return Chiffres.somme(self.lignes.values())

    def _regrouper(self, cle):
        groupes = defaultdict(Chiffres)
        for (departement, type_code), chiffres in self.lignes.items():
            groupes[cle(departement, type_code)] += chiffres
        return dict(groupes)

    def par_departement(self):
        return self._regrouper(lambda departement, _type: departement)

    def par_type(self):
        return self._regrouper(lambda _departement, type_code: type_code)

    def restreinte(self, departement=None, types=None):
        """The figures of one département and/or of a set of type codes."""
        return Photographie(
            self.date,
            {
                (d, t): c
                for (d, t), c in self.lignes.items()
                if (departement is None or d == departement) and (types is None or t in types)
            },
        )


# --- the definitions: periods of the contributions ---------------------------------------------


def _veille(date):
    return date - datetime.timedelta(days=1) if date else None


def _intersection(a, b):
    """The common days of two periods (None bounds: unbounded), None if they do not meet.
    Written out: it runs for every contribution of the curve (hundreds of thousands)."""
    debut, fin = a
    autre_debut, autre_fin = b
    if debut is None or (autre_debut is not None and autre_debut > debut):
        debut = autre_debut
    if fin is None or (autre_fin is not None and autre_fin < fin):
        fin = autre_fin
    if debut is not None and fin is not None and fin < debut:
        return None
    return debut, fin


def periode_existence(d):
    """Counted as a dispositif until the day before its closure (not yet open included)."""
    return None, _veille(d["date_fermeture"])


def periode_autorisation(d):
    """Its authorised capacity counts from its authorisation (failing that, its opening; neither
    known: always) until the day before its closure; never for a type without authorisation."""
    if not d["sous_autorisation"]:
        return None
    return _intersection(
        (d["date_autorisation"] or d["date_ouverture"], None), periode_existence(d)
    )


def periode_ouverture(d):
    return _intersection((d["date_ouverture"], None), periode_existence(d))


def periode_groupe(g, ouverture):
    """GroupeDePlacesQuerySet.actifs: its own dates, inside its dispositif's opening
    (`ouverture`: periode_ouverture of the dispositif, computed once for all its groupes)."""
    return None if ouverture is None else _intersection((g["date_debut"], g["date_fin"]), ouverture)


def periode_exercice(exercice):
    return datetime.date(exercice, 1, 1), datetime.date(exercice, 12, 31)


def periode_convention(convention):
    """Its period in force (conventions.periode_en_vigueur; None: never in force), from the
    values of the convention's row (a dict)."""
    return periode_en_vigueur(*(convention[c] for c in CHAMPS_PERIODE))


def contient(periode, date):
    return (
        periode is not None
        and (periode[0] is None or periode[0] <= date)
        and (periode[1] is None or date <= periode[1])
    )


@dataclass
class Releve:
    """The rows a figure reads (plain dicts), live or as recorded on a past day."""

    dispositifs: dict  # id → row (with "sous_autorisation")
    groupes: list
    financements: list
    lignes: list
    conventions: dict  # id → the values of its version (CHAMPS_CONVENTION)
    # Read from history: id → when the convention's version was recorded, if after the day.
    conventions_enregistrees: dict = field(default_factory=dict)


def contributions_du_dispositif(d):
    yield "dispositifs", 1, periode_existence(d)
    yield "autorisees", d["places_autorisees"] or 0, periode_autorisation(d)


def contributions_du_financement(f):
    periode = periode_exercice(f["exercice"])
    yield "financees", f["places_financees"], periode
    if f["montant_annuel"] is not None:
        yield "montant", f["montant_annuel"], periode
        yield "places_montant", f["places_financees"], periode


def contributions_du_groupe(g, ouverture):
    yield "ouvertes", g["places"], periode_groupe(g, ouverture)


def contributions_de_la_ligne(ligne, periode):
    """`periode`: the convention's period in force (periode_convention)."""
    yield "conventionnees", ligne["places_conventionnees"], periode


def contributions(releve):
    """(dispositif id, figure, value, period) of every row: the one definition of the figures."""
    for pk, d in releve.dispositifs.items():
        for champ, valeur, periode in contributions_du_dispositif(d):
            yield pk, champ, valeur, periode
    for f in releve.financements:
        if f["dispositif_id"] in releve.dispositifs:
            for champ, valeur, periode in contributions_du_financement(f):
                yield f["dispositif_id"], champ, valeur, periode
    ouvertures = {pk: periode_ouverture(d) for pk, d in releve.dispositifs.items()}
    for g in releve.groupes:
        pk = g["dispositif_id"]
        if pk in ouvertures:
            for champ, valeur, periode in contributions_du_groupe(g, ouvertures[pk]):
                yield pk, champ, valeur, periode
    periodes = {pk: periode_convention(c) for pk, c in releve.conventions.items()}
    for ligne in releve.lignes:
        if ligne["dispositif_id"] in releve.dispositifs:
            en_vigueur = periodes.get(ligne["convention_id"])
            for champ, valeur, periode in contributions_de_la_ligne(ligne, en_vigueur):
                yield ligne["dispositif_id"], champ, valeur, periode


@sans_collecte()
def _sommes(releve, date, cle):
    """{cle(dispositif row): Chiffres on `date`}: the contributions whose period contains
    `date`, added up per key (every dispositif's key present, zeros included). Plain dicts
    while adding: this runs over every row of the park."""
    cles = {pk: cle(d) for pk, d in releve.dispositifs.items()}
    sommes = {k: defaultdict(int) for k in cles.values()}
    for pk, champ, valeur, periode in contributions(releve):
        if (
            valeur
            and periode is not None
            and (periode[0] is None or periode[0] <= date)
            and (periode[1] is None or date <= periode[1])
        ):
            sommes[cles[pk]][champ] += valeur
    return {k: Chiffres(**valeurs) for k, valeurs in sommes.items()}


def chiffres_par_dispositif(releve, date):
    """{dispositif id: Chiffres on `date`} (every dispositif of the relevé, zeros included)."""
    return _sommes(releve, date, lambda d: d["id"])


def _cumuler(apports, dates):
    """[Chiffres] on each of the sorted `dates` of (figure, value, period) contributions, in
    one pass: each is added to the dates its period covers (bisect), not re-tested per date."""
    totaux = [defaultdict(int) for _ in range(len(dates) + 1)]  # difference array
    for champ, valeur, periode in apports:
        if not valeur or periode is None:
            continue
        debut = 0 if periode[0] is None else bisect.bisect_left(dates, periode[0])
        fin = len(dates) if periode[1] is None else bisect.bisect_right(dates, periode[1])
        if debut < fin:
            totaux[debut][champ] += valeur
            totaux[fin][champ] -= valeur
    resultat, courant = [], defaultdict(int)
    for i in range(len(dates)):
        for champ, valeur in totaux[i].items():
            courant[champ] += valeur
        resultat.append(Chiffres(**{champ: courant[champ] for champ in courant}))
    return resultat


@sans_collecte()
def series_connues(perimetre, dates, connu_au=None):
    """[Chiffres] of the perimeter on each of the sorted past `dates`, in effect as known at
    `connu_au` (None: now): for each date, exactly `photographie(perimetre, date,
    connu_au).total()`, from one read of each history table (bitemporel.chronologie) instead
    of one photograph per date. Each contribution's period is cut to the days its row was in
    effect and, for the rows of a dispositif, to the days the dispositif was in the perimeter."""
    return _cumuler(_apports_connus(perimetre, dates, connu_au), dates)


def _apports_connus(perimetre, dates, connu_au):
    regimes = _regimes()
    restriction = _restriction_dispositifs(perimetre)
    restriction_lies = _restriction_dispositifs(perimetre, "dispositif")
    axe = {"connu_au": connu_au}

    # The dispositifs: their spans inside the perimeter (a move changes the span's département).
    presences, ouvertures = defaultdict(list), {}
    for pk, morceaux in chronologie(
        Dispositif, CHAMPS_DISPOSITIF, simples=SIMPLES_DISPOSITIF, **axe, **restriction
    ).items():
        for debut, fin, d in morceaux:
            # Its dates are those known at K in every span: one opening period.
            ouvertures[pk] = periode_ouverture(d)
            if not _dans(perimetre, d["departement_id"], d["entite_id"]):
                continue
            d["sous_autorisation"] = regimes.get(d["type_id"]) == REGIME_AUTORISE
            presences[pk].append((debut, fin))
            for champ, valeur, periode in contributions_du_dispositif(d):
                yield champ, valeur, _intersection_periode(periode, (debut, fin))

    toujours = (None, None)

    def dans_le_perimetre(dispositif_id, morceau, apports):
        presence_du_dispositif = presences.get(dispositif_id, ())
        for champ, valeur, periode in apports:
            if periode is None or not valeur:
                continue
            if morceau != toujours:
                periode = _intersection(periode, morceau)
            for presence in presence_du_dispositif:
                yield (
                    champ,
                    valeur,
                    (periode if presence == toujours else _intersection_periode(periode, presence)),
                )

    exercices = {date.year for date in dates}
    for morceaux in chronologie(
        Financement,
        ["dispositif_id", "exercice", "places_financees", "montant_annuel"],
        **axe,
        **{"exercice__in": exercices, **restriction_lies},
    ).values():
        for debut, fin, f in morceaux:
            yield from dans_le_perimetre(
                f["dispositif_id"], (debut, fin), contributions_du_financement(f)
            )
    for morceaux in chronologie(
        GroupeDePlaces,
        ["dispositif_id", "places", "date_debut", "date_fin"],
        simples=["places"],
        **axe,
        **restriction_lies,
    ).values():
        for debut, fin, g in morceaux:
            if g["dispositif_id"] in ouvertures:
                ouverture = ouvertures[g["dispositif_id"]]
                yield from dans_le_perimetre(
                    g["dispositif_id"], (debut, fin), contributions_du_groupe(g, ouverture)
                )
    lignes = chronologie(
        LigneConvention,
        ["convention_id", "dispositif_id", "places_conventionnees"],
        effet=True,
        **axe,
        **restriction_lies,
    )
    ids_conventions = {m[2]["convention_id"] for morceaux in lignes.values() for m in morceaux}
    periodes = {
        pk: periode_convention(v)
        for pk, v in versions_au(
            Convention, moment_connu(connu_au), CHAMPS_CONVENTION, id__in=list(ids_conventions)
        ).items()
    }
    for morceaux in lignes.values():
        for debut, fin, ligne in morceaux:
            en_vigueur = periodes.get(ligne["convention_id"])
            yield from dans_le_perimetre(
                ligne["dispositif_id"], (debut, fin), contributions_de_la_ligne(ligne, en_vigueur)
            )


def _intersection_periode(periode, morceau):
    return None if periode is None else _intersection(periode, morceau)


def photographie_du_releve(releve, date):
    # Added up straight per (département, type): summing 12,000 per-dispositif Chiffres
    # afterwards cost more than the contributions themselves.
    return Photographie(date, _sommes(releve, date, lambda d: (d["departement_id"], d["type_id"])))


def lecture_du_jour(date=None, connu_au=None):
    """True when the live tables answer: today, as known now."""
    aujourdhui = timezone.localdate()
    return (date is None or date >= aujourdhui) and (connu_au is None or connu_au >= aujourdhui)


def photographie(perimetre, date=None, connu_au=None):
    """The figures of a perimeter in effect on `date` (None: today) as known at `connu_au`
    (None: now): the live tables for today as known now, the history otherwise."""
    if lecture_du_jour(date, connu_au):
        return photographie_courante(perimetre)
    date = min(date or timezone.localdate(), timezone.localdate())
    return photographie_historique(perimetre, date, connu_au)


def photographie_courante(perimetre):
    date = timezone.localdate()
    return photographie_du_releve(releve_courant(perimetre, exercices={date.year}), date)


def photographie_historique(perimetre, date, connu_au=None):
    return photographie_du_releve(releve_historique(date, perimetre, connu_au=connu_au), date)


def capacites_historiques(date, perimetre=None, dispositifs=None, connu_au=None):
    """{dispositif id: (département, type, Chiffres)} in effect on `date` as known at
    `connu_au`, for the dispositifs of a perimeter, or for given dispositif ids (list pages)."""
    releve = releve_historique(date, perimetre, dispositifs, connu_au=connu_au)
    return {
        pk: (releve.dispositifs[pk]["departement_id"], releve.dispositifs[pk]["type_id"], c)
        for pk, c in chiffres_par_dispositif(releve, date).items()
    }


def chiffres_du_dispositif(dispositif, date=None, connu_au=None):
    """The figures of one dispositif (its page) on the same two axes as every figure: the live
    rows today as known now, the history otherwise."""
    if lecture_du_jour(date, connu_au):
        date = timezone.localdate()
        releve = releve_courant(None, exercices={date.year}, dispositifs=[dispositif.pk])
    else:
        date = min(date or timezone.localdate(), timezone.localdate())
        releve = releve_historique(date, None, [dispositif.pk], connu_au)
    return chiffres_par_dispositif(releve, date).get(dispositif.pk, Chiffres())


def types_ordonnes():
    """Types in nomenclature order, with their nature (labels of the dashboard's rows)."""
    return list(TypeDispositif.objects.select_related("nature").order_by("nature__ordre", "ordre"))


def _regimes():
    return dict(TypeDispositif.objects.values_list("code", "regime"))


CHAMPS_DISPOSITIF = [
    "id",
    "code",
    "nom",
    "departement_id",
    "entite_id",
    "type_id",
    "places_autorisees",
    "date_autorisation",
    "date_ouverture",
    "date_fermeture",
]
# Values without a date of their own: in effect from when they are recorded (_etats_au).
SIMPLES_DISPOSITIF = ["code", "nom", "departement_id", "entite_id", "type_id", "places_autorisees"]
CHAMPS_CONVENTION = ["id", "etat", "date_debut", "date_fin", "date_signature", "date_resiliation"]
# The arguments of conventions.periode_en_vigueur, in order.
CHAMPS_PERIODE = ["etat", "date_signature", "date_debut", "date_fin", "date_resiliation"]


def _avec_regime(lignes, regimes):
    dispositifs = {}
    for d in lignes:
        d["sous_autorisation"] = regimes.get(d["type_id"]) == REGIME_AUTORISE
        dispositifs[d["id"]] = d
    return dispositifs


# --- the rows: live tables, or as recorded at the end of a past day ----------------------------


@sans_collecte()
def releve_courant(perimetre, exercices, dispositifs=None):
    """The live rows of the dispositifs of a perimeter (or of given ids), financing lines of
    the given exercices only: six queries whatever the size of the park."""
    if dispositifs is not None:
        base = Dispositif.objects.filter(pk__in=list(dispositifs))
        a_dispositif = Q(dispositif_id__in=list(dispositifs))
    else:
        base = filtrer(Dispositif.objects.all(), perimetre)
        a_dispositif = q_dans(Dispositif, perimetre, "dispositif__")
    lignes = list(
        LigneConvention.objects.filter(a_dispositif).values(
            "convention_id", "dispositif_id", "places_conventionnees"
        )
    )
    return Releve(
        dispositifs=_avec_regime(base.order_by().values(*CHAMPS_DISPOSITIF), _regimes()),
        groupes=list(
            GroupeDePlaces.objects.filter(a_dispositif).values(
                "dispositif_id", "places", "date_debut", "date_fin"
            )
        ),
        financements=list(
            Financement.objects.filter(a_dispositif, exercice__in=exercices).values(
                "dispositif_id", "exercice", "places_financees", "montant_annuel"
            )
        ),
        lignes=lignes,
        conventions={
            v["id"]: v
            for v in Convention.objects.filter(
                pk__in=LigneConvention.objects.filter(a_dispositif).values("convention_id")
            ).values(*CHAMPS_CONVENTION)
        },
    )


def _dans(perimetre, departement_id, entite_id):
    return (
        perimetre.national
        or departement_id in perimetre.departements
        or entite_id in perimetre.entites
    )


def _restriction_dispositifs(perimetre, prefixe=""):
    """Narrowing of history ids to the dispositifs that were ever in the perimeter."""
    if perimetre.national:
        return {}
    historique = Dispositif.history.model.objects
    ids = historique.filter(
        Q(departement_id__in=perimetre.departements) | Q(entite_id__in=perimetre.entites)
    ).values("id")
    return {f"{prefixe}id__in" if not prefixe else f"{prefixe}_id__in": ids}


@sans_collecte()
def releve_historique(date, perimetre=None, dispositifs=None, connu_au=None):
    """The rows in effect on `date` as known at `connu_au` (None: now; `connu_au=date`: as
    recorded at the end of that day), for the dispositifs of a perimeter (where they were on
    that day), or for given dispositif ids (list pages)."""
    if dispositifs is not None:
        ids = list(dispositifs)
        restriction, restriction_lies = {"id__in": ids}, {"dispositif_id__in": ids}
    else:
        restriction = _restriction_dispositifs(perimetre)
        restriction_lies = _restriction_dispositifs(perimetre, "dispositif")
    axes = {"date": date, "connu_au": connu_au}
    versions = [
        v
        for v in _etats_au(
            Dispositif, **axes, champs=CHAMPS_DISPOSITIF, simples=SIMPLES_DISPOSITIF, **restriction
        )
        if perimetre is None or _dans(perimetre, v["departement_id"], v["entite_id"])
    ]
    lignes = _etats_au(
        LigneConvention,
        **axes,
        champs=["convention_id", "dispositif_id", "places_conventionnees", "effet_le"],
        effet=True,
        **restriction_lies,
    )
    ids_conventions = list({v["convention_id"] for v in lignes})
    conventions = (
        _etats_au(Convention, **axes, champs=CHAMPS_CONVENTION, id__in=ids_conventions)
        if ids_conventions
        else []
    )
    return Releve(
        dispositifs=_avec_regime(versions, _regimes()),
        groupes=_etats_au(
            GroupeDePlaces,
            **axes,
            champs=["dispositif_id", "places", "date_debut", "date_fin"],
            simples=["places"],
            **restriction_lies,
        ),
        # Ids narrowed to the lines that ever had this exercice (see _versions).
        financements=[
            v
            for v in _etats_au(
                Financement,
                **axes,
                champs=["dispositif_id", "exercice", "places_financees", "montant_annuel"],
                **{"exercice": date.year, **restriction_lies},
            )
            if v["exercice"] == date.year
        ],
        lignes=lignes,
        conventions={v["id"]: v for v in conventions},
        conventions_enregistrees={v["id"]: v["enregistre_le"] for v in conventions},
    )
