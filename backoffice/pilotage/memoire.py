"""Figures kept until the data change (shared cache): the dashboard and the map read the same
photograph of the perimeter, the chart its 24 monthly points; recomputing them reads every row
of the perimeter (tens of thousands at national scale) for each page shown.

The key holds what the figures depend on: the perimeter, the date, the latest history record of
each table the figures read and the types' regime. Every write through the models (save,
delete, transitions, Temps 1 imports, bulk loads with history) records a version, so a stale
figure is never served; the computation itself is the engine's (indicateurs), unchanged.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Max

from backoffice.conventions.models import Convention, LigneConvention
from backoffice.offre.models import Dispositif, Financement, GroupeDePlaces, TypeDispositif

DUREE = 24 * 3600


def version_des_donnees():
    """Latest history record id of each table the figures read, and the types' regime (it
    decides which places are « autorisées »)."""
    return (
        *(
            modele.history.model.objects.aggregate(m=Max("history_id"))["m"]
            for modele in (Dispositif, GroupeDePlaces, Financement, Convention, LigneConvention)
        ),
        tuple(TypeDispositif.objects.order_by("code").values_list("code", "regime")),
    )


def memorise(nom, perimetre, date, calcul, version=None):
    """calcul() for (perimeter, date), from the cache while the data have not changed.
    `version`: version_des_donnees() when the caller already read it (one read per page)."""
    cle = (
        f"pilotage:{nom}:"
        + hashlib.sha256(
            repr(
                (
                    date,
                    perimetre.national,
                    sorted(perimetre.departements),
                    sorted(perimetre.entites),
                    version if version is not None else version_des_donnees(),
                )
            ).encode()
        ).hexdigest()
    )
    valeur = cache.get(cle)
    if valeur is None:
        valeur = calcul()
        cache.set(cle, valeur, DUREE)
    return valeur
