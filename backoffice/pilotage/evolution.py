"""Monthly evolution of the capacities over the last 24 months, for the dashboard's chart.

The same definitions as the tiles (indicateurs.contributions), applied to the live rows for each
month end: the chart reads the *dates recorded on the rows today* (authorisation, opening,
closure, groupes' periods, conventions' periods, exercices). Its last point equals the tiles.
"""

import datetime
import hashlib

from django.core.cache import cache
from django.db.models import Max

from backoffice.conventions.models import Convention, LigneConvention
from backoffice.offre.models import Dispositif, Financement, GroupeDePlaces

from .indicateurs import CAPACITES, releve_courant, series

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
    """[{date, autorisees, financees, conventionnees, ouvertes}] per month end, by the very
    contributions of the tiles (indicateurs.series: one pass over the rows)."""
    dates = fins_de_mois(aujourdhui)
    releve = releve_courant(perimetre, exercices={d.year for d in dates})
    return [
        {"date": date, **{code: getattr(chiffres, code) for code in CAPACITES}}
        for date, chiffres in zip(dates, series(releve, dates), strict=True)
    ]
