"""Cells of the listings' exports (Wagtail's XLSX and CSV export of a filtered list) through the
display rule: choices by their label, « Oui » / « Non », moments in Paris time without seconds,
French dates and numbers in CSV, dates shown as dates in XLSX. Empty stays empty (a spreadsheet
computes on its cells: « — » would be text in a column of numbers).

Only the values are prepared here; how the file is written (separator, encoding, formulas) is
the export writer's business.
"""

from collections import OrderedDict

from wagtail.coreutils import multigetattr

from .valeurs import champ_du_chemin, valeur_exportee


def lire(objet, chemin):
    """The value at the end of a dotted path; empty when a relation on the way is empty (an
    entité without département: Wagtail's own lookup fails on it and the export with it)."""
    for morceau in chemin.split("."):
        if objet is None:
            return None
        objet = multigetattr(objet, morceau)
    return objet


class ValeursExporteesMixin:
    """For a Wagtail index view with `list_export`: the row's values, typed; the shared writer
    (`acces.export_tableur.ExportTableurMixin`, backoffice/exports.py) formats them."""

    def to_row_dict(self, item):
        return OrderedDict(
            (chemin, valeur_exportee(lire(item, chemin), champ_du_chemin(self.model, chemin)))
            for chemin in self.list_export
        )
