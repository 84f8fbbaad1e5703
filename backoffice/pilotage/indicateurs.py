"""The four capacities of the offer (DOMAIN.md §6), for a perimeter, today or at any past date.

- **autorisées**: Σ places autorisées of the dispositifs not closed on the date (kept per type
  here; the dashboard, the map and the chart read them for the types under authorisation only,
  `sous_autorisation`);
- **financées**: Σ places of the financing lines of the exercice of the date (and their amounts);
- **conventionnées**: Σ places of the lines of the conventions in force on the date;
- **ouvertes**: Σ places of the groupes de places active on the date (their own dates and their
  dispositif's opening and closure).

Figures are attributed to the dispositif's département and type, so a perimeter's figures never
include a row of another département.

Two computations, one definition:
- *today* (`photographie(perimetre)`): aggregate queries on the live tables, a fixed number of
  queries whatever the size of the park;
- *a past date* (`photographie(perimetre, date)`): the same rules applied to the rows **as the
  history recorded them at the end of that day** (django-simple-history), so "on 1 July, know what
  it was on 1 January" gives what the base said on 1 January. `photographie_historique(p, today)`
  equals the live figures (tested on random data).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, fields
from decimal import Decimal

from django.db.models import Count, F, Q, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from backoffice.acces.perimetres import filtrer, q_dans
from backoffice.conventions.models import ETATS_SIGNES, Convention, LigneConvention, fin_du_jour
from backoffice.offre.choices import RegimeJuridique
from backoffice.offre.models import (
    Dispositif,
    Financement,
    GroupeDePlaces,
    TypeDispositif,
    jours_exercice,
)


@dataclass
class Chiffres:
    dispositifs: int = 0
    autorisees: int = 0
    financees: int = 0
    conventionnees: int = 0
    ouvertes: int = 0
    montant: Decimal = Decimal(0)

    def __add__(self, autre):
        return Chiffres(
            **{f.name: getattr(self, f.name) + getattr(autre, f.name) for f in fields(self)}
        )

    def cout_jour_place(self, exercice):
        """Annual amount / (places financées × days of the exercice), None without places."""
        if not self.financees:
            return None
        return (Decimal(self.montant) / (self.financees * jours_exercice(exercice))).quantize(
            Decimal("0.01")
        )


@dataclass
class Photographie:
    """Figures per (département code, type code) for one date."""

    date: datetime.date
    lignes: dict

    @property
    def exercice(self):
        return self.date.year

    def total(self):
        return sum(self.lignes.values(), Chiffres())

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


def photographie(perimetre, date=None):
    """The figures of a perimeter today (live tables) or on a past `date` (history)."""
    aujourdhui = timezone.localdate()
    if date is None or date >= aujourdhui:
        return photographie_courante(perimetre)
    return photographie_historique(perimetre, date)


# --- today: aggregates on the live tables -------------------------------------------------------


def _dispositifs(perimetre):
    return filtrer(Dispositif.objects.all(), perimetre)


def _conventions_en_vigueur(date):
    """Signed and `date` inside their period, résiliation included (Convention.en_vigueur_le)."""
    return Convention.objects.filter(
        Q(date_fin__isnull=True) | Q(date_fin__gte=date),
        Q(date_resiliation__isnull=True) | Q(date_resiliation__gt=date),
        etat__in=ETATS_SIGNES,
        date_signature__isnull=False,
        date_debut__lte=date,
    )


def photographie_courante(perimetre):
    date = timezone.localdate()
    lignes = defaultdict(Chiffres)
    dispositifs = _dispositifs(perimetre)

    non_fermes = dispositifs.filter(Q(date_fermeture__isnull=True) | Q(date_fermeture__gt=date))
    for ligne in non_fermes.values("departement_id", "type_id").annotate(
        n=Count("pk"), places=Sum("places_autorisees")
    ):
        chiffres = lignes[ligne["departement_id"], ligne["type_id"]]
        chiffres.dispositifs = ligne["n"]
        chiffres.autorisees = ligne["places"] or 0

    a_dispositif = q_dans(Dispositif, perimetre, "dispositif__")
    par_cle = ("dispositif__departement_id", "dispositif__type_id")
    for ligne in (
        Financement.objects.filter(a_dispositif, exercice=date.year)
        .values(*par_cle)
        .annotate(places=Sum("places_financees"), montant=Sum("montant_annuel"))
    ):
        chiffres = lignes[ligne[par_cle[0]], ligne[par_cle[1]]]
        chiffres.financees = ligne["places"] or 0
        chiffres.montant = ligne["montant"] or Decimal(0)

    for ligne in (
        LigneConvention.objects.filter(
            a_dispositif, convention__in=_conventions_en_vigueur(date).values("pk")
        )
        .values(*par_cle)
        .annotate(places=Sum("places_conventionnees"))
    ):
        lignes[ligne[par_cle[0]], ligne[par_cle[1]]].conventionnees = ligne["places"] or 0

    for ligne in (
        GroupeDePlaces.objects.actifs(date)
        .filter(a_dispositif)
        .values(*par_cle)
        .annotate(places=Sum("places"))
    ):
        lignes[ligne[par_cle[0]], ligne[par_cle[1]]].ouvertes = ligne["places"] or 0

    return Photographie(date, dict(lignes))


# --- a past date: the same rules on the rows as recorded at the end of that day ----------------


def _etats_au(modele, moment, champs, **restriction):
    """The version of each row current at `moment` (latest history record up to it), deleted
    rows left out. `restriction` narrows the *ids* (any version matching it), never the
    versions themselves: a row that matched once but changed since is judged on its version
    at `moment`."""
    historique = modele.history.model.objects
    ids = historique.filter(**restriction).values("id") if restriction else None
    versions = historique.filter(history_date__lte=moment)
    if ids is not None:
        versions = versions.filter(id__in=ids)
    versions = versions.annotate(
        rang=Window(
            RowNumber(),
            partition_by=[F("id")],
            order_by=[F("history_date").desc(), F("history_id").desc()],
        )
    ).filter(rang=1)
    return [v for v in versions.values("history_type", *champs) if v["history_type"] != "-"]


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


def capacites_historiques(date, perimetre=None, dispositifs=None):
    """{dispositif id: (département, type, Chiffres)} as recorded at the end of `date`, for the
    dispositifs of a perimeter, or for given dispositif ids (list pages)."""
    moment = fin_du_jour(date)
    if dispositifs is not None:
        ids = list(dispositifs)
        restriction, restriction_lies = {"id__in": ids}, {"dispositif_id__in": ids}
    else:
        restriction = _restriction_dispositifs(perimetre)
        restriction_lies = _restriction_dispositifs(perimetre, "dispositif")

    etats = {}
    for v in _etats_au(
        Dispositif,
        moment,
        [
            "id",
            "departement_id",
            "entite_id",
            "type_id",
            "places_autorisees",
            "date_ouverture",
            "date_fermeture",
        ],
        **restriction,
    ):
        if perimetre is None or _dans(perimetre, v["departement_id"], v["entite_id"]):
            etats[v["id"]] = v
    resultat = {pk: (v["departement_id"], v["type_id"], Chiffres()) for pk, v in etats.items()}

    for pk, v in etats.items():
        if v["date_fermeture"] is None or v["date_fermeture"] > date:
            chiffres = resultat[pk][2]
            chiffres.dispositifs = 1
            chiffres.autorisees = v["places_autorisees"] or 0

    # Ids narrowed to the lines that ever had this exercice (see _etats_au).
    for v in _etats_au(
        Financement,
        moment,
        ["dispositif_id", "exercice", "places_financees", "montant_annuel"],
        **{"exercice": date.year, **restriction_lies},
    ):
        if v["exercice"] == date.year and v["dispositif_id"] in resultat:
            chiffres = resultat[v["dispositif_id"]][2]
            chiffres.financees += v["places_financees"]
            chiffres.montant += v["montant_annuel"]

    for v in _etats_au(
        GroupeDePlaces,
        moment,
        ["dispositif_id", "places", "date_debut", "date_fin"],
        **restriction_lies,
    ):
        dispositif = etats.get(v["dispositif_id"])
        if dispositif and _groupe_actif(v, dispositif, date):
            resultat[v["dispositif_id"]][2].ouvertes += v["places"]

    lignes = _etats_au(
        LigneConvention,
        moment,
        ["convention_id", "dispositif_id", "places_conventionnees"],
        **restriction_lies,
    )
    en_vigueur = _conventions_en_vigueur_au({v["convention_id"] for v in lignes}, date, moment)
    for v in lignes:
        if v["convention_id"] in en_vigueur and v["dispositif_id"] in resultat:
            resultat[v["dispositif_id"]][2].conventionnees += v["places_conventionnees"]
    return resultat


def _groupe_actif(groupe, dispositif, date):
    """GroupeDePlacesQuerySet.actifs, on recorded versions."""
    return (
        (groupe["date_debut"] is None or groupe["date_debut"] <= date)
        and (groupe["date_fin"] is None or groupe["date_fin"] >= date)
        and (dispositif["date_ouverture"] is None or dispositif["date_ouverture"] <= date)
        and (dispositif["date_fermeture"] is None or dispositif["date_fermeture"] > date)
    )


def _conventions_en_vigueur_au(ids, date, moment):
    if not ids:
        return set()
    champs = ["id", "etat", "date_debut", "date_fin", "date_signature", "date_resiliation"]
    versions = _etats_au(Convention, moment, champs, id__in=list(ids))
    return {
        v["id"]
        for v in versions
        # The one rule of Convention.en_vigueur_le, applied to the recorded version.
        if Convention(**{c: v[c] for c in champs}).en_vigueur_le(date)
    }


def photographie_historique(perimetre, date):
    lignes = defaultdict(Chiffres)
    for departement, type_code, chiffres in capacites_historiques(date, perimetre).values():
        lignes[departement, type_code] += chiffres
    return Photographie(date, dict(lignes))


def types_ordonnes():
    """Types in nomenclature order, with their nature (labels of the dashboard's rows)."""
    return list(TypeDispositif.objects.select_related("nature").order_by("nature__ordre", "ordre"))


# Places « autorisées » mean something for the types under the authorisation regime of the
# ESSMS only (CADA, CPH, CHRS, médico-social: TypeDispositif.regime, editable in the
# nomenclature). Other types have no authorised capacity, hence no gap against it.
REGIME_AUTORISE = RegimeJuridique.AUTORISATION


def sous_autorisation(type_dispositif):
    return type_dispositif.regime == REGIME_AUTORISE
