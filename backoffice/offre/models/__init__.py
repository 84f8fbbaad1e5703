"""The offer registry: nomenclature, entités gestionnaires, dispositifs, groupes de places and
financements.

History: django-simple-history on every offer object answers both "who changed what, from which
value" and "what was true on date D" (`Model.history.as_of(date)`), which piloting needs.
"""

# Django finds the models of an app in its `models` module: this package gathers them, and the
# rest of the project imports them from here.
from .dispositifs import (
    CompteurCode,
    Dispositif,
    DispositifQuerySet,
    exercice_courant,
    prochain_code_dispositif,
    reserver_codes_dispositif,
)
from .entites import ContactReferent, EntiteGestionnaire
from .places import (
    Financement,
    GroupeDePlaces,
    GroupeDePlacesQuerySet,
    cout_jour_place,
    jours_exercice,
)
from .referentiels import Nature, Programme, PublicSpecifique, TypeDispositif

__all__ = [
    "CompteurCode",
    "ContactReferent",
    "Dispositif",
    "DispositifQuerySet",
    "EntiteGestionnaire",
    "Financement",
    "GroupeDePlaces",
    "GroupeDePlacesQuerySet",
    "Nature",
    "Programme",
    "PublicSpecifique",
    "TypeDispositif",
    "cout_jour_place",
    "exercice_courant",
    "jours_exercice",
    "prochain_code_dispositif",
    "reserver_codes_dispositif",
]
