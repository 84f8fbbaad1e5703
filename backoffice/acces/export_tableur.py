"""Wagtail's list export written by the one spreadsheet writer (backoffice/exports.py).

Apart from the admin views (viewsets.py) because `acces.apps` puts these methods on Wagtail's
`SpreadsheetExportMixin` at start: this module imports no admin panel or view, so a command that
never loads the URLconf (migrate, the task worker, help) does not load them either
(tests/vitesse/test_demarrage.py).
"""

from django.db.models import QuerySet

from backoffice import exports
from backoffice.exportations.registre import Tableau


class ExportTableurMixin:
    """Wagtail's list export (`list_export`, `?export=csv|xlsx`) written by the one spreadsheet
    writer (backoffice/exports.py): Wagtail's own CSV neither neutralises formulas nor suits
    French Excel. The sheet is named after the list; rows are read in chunks.

    `acces.apps` also puts these methods on Wagtail's `SpreadsheetExportMixin`, so that its own
    listings and reports (users, pages, site history) export the same way."""

    METHODES = (
        "TAILLE_LOT",
        "valeurs_export",
        "lignes_export",
        "entetes_export",
        "formats_export",
        "tableau_export",
        "as_spreadsheet",
    )

    TAILLE_LOT = 2000

    def valeurs_export(self, objet, format_):
        """The row's raw values (the writer formats them); a viewset's own
        `custom_field_preprocess` still applies."""
        valeurs = []
        for champ, valeur in self.to_row_dict(objet).items():
            pretraitement = self.custom_field_preprocess.get(champ, {}).get(format_)
            valeurs.append(pretraitement(valeur) if pretraitement else valeur)
        return valeurs

    def lignes_export(self, queryset, format_):
        if isinstance(queryset, QuerySet):
            queryset = queryset.iterator(chunk_size=self.TAILLE_LOT)
        for objet in queryset:
            yield self.valeurs_export(objet, format_)

    def entetes_export(self, queryset):
        return [self.get_heading(queryset, champ) for champ in self.list_export]

    def formats_export(self):
        """{column: number format} of the columns that are years or small numbers (exercice,
        années, numéros): no thousands separator for them ("2 025" is not a year)."""
        formats = {}
        modele = getattr(self, "model", None)
        if modele is None:
            return formats
        for rang, chemin in enumerate(self.list_export):
            champ = exports.champ_du_chemin(modele, chemin)
            if champ is not None and champ.get_internal_type() == "PositiveSmallIntegerField":
                formats[rang] = exports.FORMAT_ENTIER_SIMPLE
        return formats

    def tableau_export(self, queryset, format_):
        """The list as a table: what the immediate download and the background task write."""
        titre = self.get_page_title() if hasattr(self, "get_page_title") else ""
        return Tableau(
            titre=titre or self.get_filename(),
            nom_fichier=self.get_filename(),
            entetes=self.entetes_export(queryset),
            lignes=self.lignes_export(queryset, format_),
            total=queryset.count() if isinstance(queryset, QuerySet) else len(queryset),
            formats=self.formats_export(),
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        tableau = self.tableau_export(queryset, spreadsheet_format)
        return exports.reponse_tableau(
            spreadsheet_format,
            tableau.titre,
            tableau.entetes,
            tableau.lignes,
            tableau.nom_fichier,
            formats=tableau.formats,
        )
