"""The listings that can be exported in the background, keyed by their index URL name
("dispositif:index"). Each entry is a function `(user, query_string) -> Tableau` that rebuilds
the list for that user: same perimeter, same filters, same columns as the immediate export."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

_LISTES: dict[str, Callable] = {}


@dataclass
class Tableau:
    titre: str  # the sheet's name, the list's title
    nom_fichier: str  # without extension
    entetes: list
    lignes: Iterable  # rows of raw values, read once
    total: int  # rows the list holds (for the progress bar)
    formats: dict = field(default_factory=dict)


def inscrire(nom, constructeur):
    _LISTES[nom] = constructeur


def constructeur(nom):
    """The function that rebuilds listing `nom`, or None (not registered)."""
    return _LISTES.get(nom)
