"""Monthly evolution of the capacities over the last 24 months, for the dashboard's chart.

One query per capacity (conditional sums, one column per month), whatever the size of the park:
the chart reads the *dates recorded on the rows today* (opening, closure, groupes' periods,
conventions' periods, exercices), not the history. It answers "how did the park grow" in
a fraction of the cost; the figures "as the base said on a date" come from the date selector
(indicateurs.photographie), which reads the history.
"""

import datetime
import hashlib

from django.core.cache import cache
from django.db.models import Max, Q, Sum

from backoffice.acces.perimetres import filtrer, q_dans
from backoffice.conventions.models import ETATS_SIGNES, Convention, LigneConvention
from backoffice.offre.models import Dispositif, Financement, GroupeDePlaces

from .indicateurs import REGIME_AUTORISE

NB_MOIS = 24


def fins_de_mois(aujourdhui, nb=NB_MOIS):
    """The last day of each of the `nb` months ending with the current one (today for it)."""
    dates = [aujourdhui]
    premier = aujourdhui.replace(day=1)
    while len(dates) < nb:
        dernier = premier - datetime.timedelta(days=1)
        dates.append(dernier)
        premier = dernier.replace(day=1)
    return list(reversed(dates))


def _ouvert_le(date, prefixe=""):
    return Q(
        Q(**{f"{prefixe}date_ouverture__isnull": True})
        | Q(**{f"{prefixe}date_ouverture__lte": date}),
        Q(**{f"{prefixe}date_fermeture__isnull": True})
        | Q(**{f"{prefixe}date_fermeture__gt": date}),
    )


def version_des_donnees():
    """Latest history record id of each table the chart reads. Every write through the models
    (save, delete, transitions, Temps 1 imports, bulk loads with history) records a version, so
    this moves whenever a figure may have moved: a cache key that never serves stale figures."""
    return tuple(
        modele.history.model.objects.aggregate(m=Max("history_id"))["m"]
        for modele in (Dispositif, GroupeDePlaces, Financement, Convention, LigneConvention)
    )


def evolution(perimetre, aujourdhui):
    """The chart's points, cached (shared database cache) until the data or the day change:
    24 monthly sums cost several hundred ms at national scale, mostly building the query."""
    cle = (
        "pilotage:evolution:"
        + hashlib.sha256(
            repr(
                (
                    aujourdhui,
                    perimetre.national,
                    sorted(perimetre.departements),
                    sorted(perimetre.entites),
                    version_des_donnees(),
                )
            ).encode()
        ).hexdigest()
    )
    points = cache.get(cle)
    if points is None:
        points = calculer_evolution(perimetre, aujourdhui)
        cache.set(cle, points, 24 * 3600)
    return points


def calculer_evolution(perimetre, aujourdhui):
    """[{date, autorisees, financees, conventionnees, ouvertes}] per month end."""
    dates = fins_de_mois(aujourdhui)
    dispositifs = filtrer(Dispositif.objects.all(), perimetre)
    a_dispositif = q_dans(Dispositif, perimetre, "dispositif__")

    autorisees = dispositifs.filter(type__regime=REGIME_AUTORISE).aggregate(
        **{
            f"m{i}": Sum(
                "places_autorisees",
                filter=Q(
                    Q(date_fermeture__isnull=True) | Q(date_fermeture__gt=date),
                    # Growth: counted from its authorisation (or opening) when recorded.
                    Q(date_autorisation__isnull=True, date_ouverture__isnull=True)
                    | Q(date_autorisation__lte=date)
                    | Q(date_autorisation__isnull=True, date_ouverture__lte=date),
                ),
            )
            for i, date in enumerate(dates)
        }
    )
    ouvertes = GroupeDePlaces.objects.filter(a_dispositif).aggregate(
        **{
            f"m{i}": Sum(
                "places",
                filter=Q(
                    Q(date_debut__isnull=True) | Q(date_debut__lte=date),
                    Q(date_fin__isnull=True) | Q(date_fin__gte=date),
                    _ouvert_le(date, "dispositif__"),
                ),
            )
            for i, date in enumerate(dates)
        }
    )
    # Per convention (a few thousand nationally) then the one rule of Convention.en_vigueur_le
    # per month, rather than 24 subqueries.
    champs = ["etat", "date_debut", "date_fin", "date_signature", "date_resiliation"]
    par_convention = [
        (Convention(**{c: ligne[f"convention__{c}"] for c in champs}), ligne["places"])
        for ligne in LigneConvention.objects.filter(a_dispositif, convention__etat__in=ETATS_SIGNES)
        .values("convention_id", *(f"convention__{c}" for c in champs))
        .annotate(places=Sum("places_conventionnees"))
    ]
    conventionnees = {
        f"m{i}": sum(
            places for convention, places in par_convention if convention.en_vigueur_le(date)
        )
        for i, date in enumerate(dates)
    }
    financees = dict(
        Financement.objects.filter(a_dispositif, exercice__in={d.year for d in dates})
        .values("exercice")
        .annotate(total=Sum("places_financees"))
        .values_list("exercice", "total")
    )
    return [
        {
            "date": date,
            "autorisees": autorisees[f"m{i}"] or 0,
            "financees": financees.get(date.year) or 0,
            "conventionnees": conventionnees[f"m{i}"] or 0,
            "ouvertes": ouvertes[f"m{i}"] or 0,
        }
        for i, date in enumerate(dates)
    ]
