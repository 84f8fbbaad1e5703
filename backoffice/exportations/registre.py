"""What can be exported in the background, keyed by the name of the page it comes from (a list's
index URL name, "dispositif:index"; "pilotage_export"; "campagne:exporter"…). Each entry is a
function `(user, query_string)` that rebuilds, for that user, the file the page would give:
same perimeter, same parameters, same columns as the immediate download. It returns either

- a `Tableau`, one table (a list), written by this app as CSV or XLSX; or
- a `Fichier`, a file its producer lays out itself (several sheets, title lines, widths), XLSX.

A domain app enters its producers here (`inscrire`); this app never imports a domain app.
The producer raises `Introuvable` when the user may no longer reach what the file is about."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

_LISTES: dict[str, Callable] = {}


class Introuvable(Exception):
    """The object or the figures of the export are out of the user's reach (today)."""


@dataclass
class Tableau:
    titre: str  # the sheet's name, the list's title
    nom_fichier: str  # without extension
    entetes: list
    lignes: Iterable  # rows of raw values, read once
    total: int  # rows the list holds (for the progress bar)
    formats: dict = field(default_factory=dict)


@dataclass
class Fichier:
    """A workbook its producer writes with the shared writer (backoffice/exports.py).

    `ecrire(destination, suivi)` writes it to `destination` (a path or a binary file object);
    it may `suivi.annoncer(total)` once it knows how many rows it will write, and passes every
    iterable of rows through `suivi.lignes(...)`, which advances the job's progress. The
    immediate download calls the same function with a `suivi` that does nothing, so both
    files hold the same rows."""

    nom_fichier: str  # without extension
    ecrire: Callable


class SansSuivi:
    """The `suivi` of an immediate download: nothing to record."""

    def annoncer(self, total):
        pass

    def lignes(self, lignes):
        return lignes


def inscrire(nom, constructeur):
    _LISTES[nom] = constructeur


def constructeur(nom):
    """The function that rebuilds export `nom`, or None (not registered).

    The admin listings register when the admin URLs are built (their viewset's `on_register`):
    a worker process serves no request, so build them here first when the name is not known
    yet, or every list export taken by the worker would fail as « not exportable »."""
    if nom not in _LISTES:
        # import différé : le résolveur d'URL n'est construit qu'au premier besoin, dans un
        # processus (worker) qui n'a encore servi aucune requête.
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 - builds the admin URLs, registering listings
    return _LISTES.get(nom)
