"""Monthly evolution of the capacities over the last 24 months, for the dashboard's chart.

The same definitions as the tiles (indicateurs.contributions), applied to the live rows for each
month end: the chart reads the *dates recorded on the rows today* (authorisation, opening,
closure, groupes' periods, conventions' periods, exercices). Its last point equals the tiles.
"""

import datetime

from .indicateurs import CAPACITES, releve_courant, series
from .memoire import memorise

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


def evolution(perimetre, aujourdhui, version=None):
    """The chart's points, cached (shared database cache) until the data or the day change:
    24 monthly sums cost several hundred ms at national scale, mostly building the query."""
    return memorise(
        "evolution",
        perimetre,
        aujourdhui,
        lambda: calculer_evolution(perimetre, aujourdhui),
        version,
    )


def calculer_evolution(perimetre, aujourdhui):
    """[{date, autorisees, financees, conventionnees, ouvertes}] per month end, by the very
    contributions of the tiles (indicateurs.series: one pass over the rows)."""
    dates = fins_de_mois(aujourdhui)
    releve = releve_courant(perimetre, exercices={d.year for d in dates})
    return [
        {"date": date, **{code: getattr(chiffres, code) for code in CAPACITES}}
        for date, chiffres in zip(dates, series(releve, dates), strict=True)
    ]
