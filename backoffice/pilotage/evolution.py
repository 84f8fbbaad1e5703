"""Monthly evolution of the capacities over the last 24 months, for the dashboard's chart.

Each month end's point is the figure of that day, in effect as known at K (none: now), exactly
what the tiles give for that date (indicateurs.series_connues: the same contributions, read from
one pass over the history tables, not 24 photographs). Its last point equals today's tiles.
"""

import datetime

from .indicateurs import CAPACITES, series_connues
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


def evolution(perimetre, aujourdhui, version=None, connu_au=None):
    """The chart's points, cached (shared database cache) until the data or the day change."""
    return memorise(
        "evolution",
        perimetre,
        (aujourdhui, connu_au),
        lambda: calculer_evolution(perimetre, aujourdhui, connu_au),
        version,
    )


def calculer_evolution(perimetre, aujourdhui, connu_au=None):
    """[{date, autorisees, financees, conventionnees, ouvertes}] per month end."""
    dates = fins_de_mois(aujourdhui)
    return [
        {"date": date, **{code: getattr(chiffres, code) for code in CAPACITES}}
        for date, chiffres in zip(dates, series_connues(perimetre, dates, connu_au), strict=True)
    ]
