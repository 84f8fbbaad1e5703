"""Monthly evolution of the capacities over the last 24 months, for the dashboard's chart.

One query per capacity (conditional sums, one column per month), whatever the size of the park:
the chart reads the *dates recorded on the rows today* (opening, closure, groupes' periods,
conventions' periods, exercices), not the history. It answers "how did the park grow" in
a fraction of the cost; the figures "as the base said on a date" come from the date selector
(indicateurs.photographie), which reads the history.
"""

import datetime

from django.db.models import Q, Sum

from backoffice.acces.perimetres import filtrer
from backoffice.conventions.models import LigneConvention
from backoffice.offre.models import Dispositif, Financement, GroupeDePlaces

from .indicateurs import _conventions_en_vigueur

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


def evolution(perimetre, aujourdhui):
    """[{date, autorisees, financees, conventionnees, ouvertes}] per month end."""
    dates = fins_de_mois(aujourdhui)
    dispositifs = filtrer(Dispositif.objects.all(), perimetre)
    a_dispositif = {"dispositif__in": dispositifs.values("pk")}

    autorisees = dispositifs.aggregate(
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
    ouvertes = GroupeDePlaces.objects.filter(**a_dispositif).aggregate(
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
    conventionnees = LigneConvention.objects.filter(**a_dispositif).aggregate(
        **{
            f"m{i}": Sum(
                "places_conventionnees",
                filter=Q(convention__in=_conventions_en_vigueur(date).values("pk")),
            )
            for i, date in enumerate(dates)
        }
    )
    financees = dict(
        Financement.objects.filter(exercice__in={d.year for d in dates}, **a_dispositif)
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
