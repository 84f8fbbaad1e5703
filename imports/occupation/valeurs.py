"""The widgets of the occupancy Resource: each turns one cell into a value or raises a
`ValueError` whose text is the French message shown against that cell (django-import-export
collects them per row and per column, every row is checked)."""

import datetime
import re

from django.utils import timezone
from import_export.widgets import Widget

from backoffice import bornes

MOIS_MIN = datetime.date(2010, 1, 1)
_MOIS_TEXTE = (
    (re.compile(r"^(\d{1,2})[/.-](\d{4})$"), lambda m: (int(m[2]), int(m[1]))),  # 03/2026
    (re.compile(r"^(\d{4})[/.-](\d{1,2})$"), lambda m: (int(m[1]), int(m[2]))),  # 2026-03
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), lambda m: (int(m[1]), int(m[2]))),
    (re.compile(r"^\d{1,2}/(\d{1,2})/(\d{4})$"), lambda m: (int(m[2]), int(m[1]))),  # 01/03/2026
)


def _texte(valeur):
    return str(valeur).replace("\u00a0", " ").replace("\u202f", " ").strip()


class MoisWidget(Widget):
    """A date cell, or « MM/AAAA », « AAAA-MM », « JJ/MM/AAAA »: the first day of the month.
    The current month is read once per widget (one per import: OccupationResource makes its
    own), not once per cell."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.courant = timezone.localdate().replace(day=1)

    def clean(self, value, row=None, **kwargs):
        if value is None or _texte(value) == "":
            raise ValueError("Mois manquant : indiquez le mois de l'extrait (MM/AAAA).")
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            mois = value.replace(day=1)
        else:
            for motif, annee_mois in _MOIS_TEXTE:
                trouve = motif.match(_texte(value))
                if trouve:
                    annee, numero = annee_mois(trouve)
                    if not 1 <= numero <= 12:
                        raise ValueError(f"Le mois {numero} n'existe pas : écrivez MM/AAAA.")
                    mois = datetime.date(annee, numero, 1)
                    break
            else:
                raise ValueError("Ce n'est pas un mois : écrivez MM/AAAA (par exemple 03/2026).")
        if mois > self.courant:
            raise ValueError(
                f"Le mois {mois:%m/%Y} n'est pas encore commencé : l'extrait ne peut porter que "
                "sur un mois passé ou en cours."
            )
        if mois < MOIS_MIN:
            raise ValueError(f"Le mois {mois:%m/%Y} est antérieur à {MOIS_MIN:%Y} : vérifiez-le.")
        return mois

    def render(self, value, obj=None, **kwargs):
        return f"{value:%m/%Y}" if value else ""


class EntierWidget(Widget):
    """A count of places or persons: a whole number from 0 to the bound of every count of
    places; empty is 0 when the column may be left empty."""

    def __init__(self, obligatoire=True, **kwargs):
        super().__init__(**kwargs)
        self.obligatoire = obligatoire

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and _texte(value) == ""):
            if self.obligatoire:
                raise ValueError("Valeur manquante : indiquez un nombre (0 s'il n'y en a pas).")
            return 0
        if isinstance(value, bool):
            raise ValueError(f"« {value} » n'est pas un nombre entier.")
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError(f"« {value:g} » n'est pas un nombre entier.".replace(".", ","))
            value = int(value)
        elif not isinstance(value, int):
            texte = _texte(value).replace(" ", "")
            if not re.fullmatch(r"-?\d+", texte):
                raise ValueError(f"« {_texte(value)} » n'est pas un nombre entier.")
            value = int(texte)
        if value < 0:
            raise ValueError(f"Nombre négatif ({value}) : un nombre de places est positif ou nul.")
        if value > bornes.PLACES.maximum:
            raise ValueError(bornes.PLACES.trop_grand)
        return value

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DispositifWidget(Widget):
    """A DNA code → the id of the one dispositif carrying it (a code known to no dispositif,
    or to several, is an error, never a skipped row). `par_code`: {normalised code: [ids]},
    read once for the whole file."""

    def __init__(self, par_code, **kwargs):
        super().__init__(**kwargs)
        self.par_code = par_code

    def clean(self, value, row=None, **kwargs):
        code = normaliser_code(value)
        if not code:
            raise ValueError("Code DNA manquant.")
        ids = self.par_code.get(code)
        if not ids:
            raise ValueError(
                f"Code DNA inconnu : aucun dispositif ne porte le code « {code} ». Renseignez-le "
                "sur la fiche du dispositif (champ « code DNA (OFII) »)."
            )
        if len(ids) > 1:
            raise ValueError(
                f"Le code DNA « {code} » est porté par {len(ids)} dispositifs : corrigez les "
                "fiches pour qu'un seul le porte."
            )
        return ids[0]


def normaliser_code(valeur):
    if valeur is None:
        return ""
    if isinstance(valeur, float) and valeur.is_integer():
        valeur = int(valeur)
    return _texte(valeur).upper()
