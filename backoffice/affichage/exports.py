"""Cells of the listings' exports (Wagtail's XLSX and CSV export of a filtered list) through the
display rule: choices by their label, « Oui » / « Non », moments in Paris time without seconds,
French dates and numbers in CSV, dates shown as dates in XLSX. Empty stays empty (a spreadsheet
computes on its cells: « — » would be text in a column of numbers).

Only the values are prepared here; how the file is written (separator, encoding, formulas) is
the export writer's business.
"""

import datetime
from collections import OrderedDict
from decimal import Decimal

from wagtail.coreutils import multigetattr

from .valeurs import champ_du_chemin, date_courte, date_heure, nombre, valeur_exportee

FORMAT_DATE_XLSX = "DD/MM/YYYY"


def lire(objet, chemin):
    """The value at the end of a dotted path; empty when a relation on the way is empty (an
    entité without département: Wagtail's own lookup fails on it and the export with it)."""
    for morceau in chemin.split("."):
        if objet is None:
            return None
        objet = multigetattr(objet, morceau)
    return objet


class ValeursExporteesMixin:
    """For a Wagtail index view with `list_export`."""

    def to_row_dict(self, item):
        return OrderedDict(
            (chemin, valeur_exportee(lire(item, chemin), champ_du_chemin(self.model, chemin)))
            for chemin in self.list_export
        )

    def get_preprocess_function(self, field, value, export_format):
        if export_format == self.FORMAT_CSV and field not in self.custom_field_preprocess:
            if isinstance(value, datetime.datetime):
                return date_heure
            if isinstance(value, datetime.date):
                return date_courte
            if isinstance(value, Decimal | float):
                return nombre
        return super().get_preprocess_function(field, value, export_format)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cellule in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if isinstance(cellule.value, datetime.date) and not isinstance(
                cellule.value, datetime.datetime
            ):
                cellule.number_format = FORMAT_DATE_XLSX
            yield cellule
