"""How a stored value is shown to a person: the one display rule of the back office.

Inspect pages, history diffs, listings' cells, timelines and e-mails all go through
`valeur_affichee`; exports go through `valeur_exportee` (same rule, but a spreadsheet keeps
numbers and dates as such and leaves an empty cell empty). No Python value ever reaches the
screen: empty is « — », booleans are « Oui » / « Non », a choice is shown by its label, a moment
in Europe/Paris time (the one the person typed), without seconds.

Shared ground like `acces` and `workflows`: this module imports no domain app.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone

VIDE = "—"
OUI = "Oui"
NON = "Non"


def oui_non(valeur):
    """« Oui » / « Non »; an unknown (None) is empty."""
    if valeur is None:
        return VIDE
    return OUI if valeur else NON


def heure_locale(moment):
    """The moment in the current time zone (Europe/Paris), seconds dropped. A naive value is
    taken as already local (what a person typed)."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(second=0, microsecond=0)


def date_heure(moment):
    """« 16/01/2026 21:41 » in Paris time; empty → « — »."""
    if moment is None:
        return VIDE
    return formats.date_format(heure_locale(moment), "SHORT_DATETIME_FORMAT")


def date_courte(jour):
    """« 16/01/2026 »; a moment gives its Paris day; empty → « — »."""
    if jour is None:
        return VIDE
    if isinstance(jour, datetime.datetime):
        jour = heure_locale(jour).date()
    return formats.date_format(jour, "SHORT_DATE_FORMAT")


def libelle_choix(champ, code):
    """The label of `code` among the field's choices (the code itself if unknown)."""
    return str(dict(champ.flatchoices).get(code, code))


def nombre(valeur):
    """French digits: decimal comma, no trailing zeros beyond the field's."""
    return formats.number_format(valeur, use_l10n=True)


def valeur_affichee(valeur, champ=None):
    """The text shown for `valeur` (of model field `champ`, when known)."""
    if isinstance(valeur, models.Manager):
        valeur = valeur.all()
    if isinstance(valeur, models.QuerySet | list | tuple | set):
        textes = [valeur_affichee(v) for v in valeur]
        return ", ".join(textes) if textes else VIDE
    if valeur is None or valeur == "":
        return VIDE
    if isinstance(valeur, str) and not (champ is not None and champ.choices):
        return valeur  # as is: a string marked safe stays safe
    if champ is not None and getattr(champ, "choices", None):
        return libelle_choix(champ, valeur)
    if isinstance(valeur, bool):
        return oui_non(valeur)
    if isinstance(valeur, datetime.datetime):
        return date_heure(valeur)
    if isinstance(valeur, datetime.date):
        return date_courte(valeur)
    if isinstance(valeur, Decimal | float):
        return nombre(valeur)
    if isinstance(valeur, models.fields.files.FieldFile):
        return valeur.name.rsplit("/", 1)[-1] if valeur else VIDE
    return str(valeur)


def valeur_exportee(valeur, champ=None):
    """A spreadsheet cell's value: labels for choices, « Oui » / « Non » for booleans, moments
    as Paris time (a date-time cell, no seconds), numbers and dates kept as such, empty left
    empty."""
    if isinstance(valeur, models.Manager):
        valeur = valeur.all()
    if isinstance(valeur, models.QuerySet | list | tuple | set):
        return ", ".join(valeur_affichee(v) for v in valeur)
    if valeur is None or valeur == "":
        return valeur
    if champ is not None and getattr(champ, "choices", None):
        return libelle_choix(champ, valeur)
    if isinstance(valeur, bool):
        return oui_non(valeur)
    if isinstance(valeur, datetime.datetime):
        return timezone.make_naive(heure_locale(valeur)) if timezone.is_aware(valeur) else valeur
    if isinstance(valeur, datetime.date | int | float | Decimal | str):
        return valeur
    return str(valeur)


def champ_du_chemin(model, chemin):
    """The model field at the end of a dotted (or `__`) path, or None (a property, a method)."""
    morceaux = chemin.replace("__", ".").split(".")
    champ = None
    for morceau in morceaux:
        if model is None:
            return None
        try:
            champ = model._meta.get_field(morceau)
        except FieldDoesNotExist:
            return None
        model = champ.related_model
    return champ
