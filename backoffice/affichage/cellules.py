"""Listing cells written in Python rather than by a template.

A national list page shows 50 rows of 8 to 10 columns: some 450 cells, each rendered by Wagtail
through `wagtailadmin/tables/cell.html` (a template render and its context each time), a large
share of the page's CPU (benchmarks/bench_offre.py --profil). A plain cell is one `<td>` around
the value: written here with `format_html`, the same markup and text as the project's
`templates/wagtailadmin/tables/cell.html` (« Oui » / « Non » / « — », the value localised as
`{{ value }}` would be), which stays the template of every other use.

Only columns that keep Wagtail's plain cell template are concerned: a column with its own
template (title, status tag, date, our dispositif links…) renders as before.
"""

from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column

from .valeurs import NON, OUI, VIDE

GABARIT_SIMPLE = "wagtailadmin/tables/cell.html"


_CONTEXTE = Context(autoescape=False)  # format_html escapes; localisation only


def texte_cellule(valeur):
    """The text the cell template prints for `valeur`."""
    if valeur is True:
        return OUI
    if valeur is False:
        return NON
    if valeur is None:
        return VIDE
    return render_value_in_context(valeur, _CONTEXTE)


def cellule(classname, valeur):
    """The `<td>` of a plain cell (the markup of templates/wagtailadmin/tables/cell.html)."""
    if classname:
        return format_html('<td class="{}">{}</td>', classname, texte_cellule(valeur))
    return format_html("<td>{}</td>", texte_cellule(valeur))


def installer():
    """Give Wagtail's `Column` the Python rendering for its plain template (apps.ready)."""
    rendu_gabarit = Column.render_cell_html

    def render_cell_html(self, instance, parent_context):
        if self.cell_template_name != GABARIT_SIMPLE:
            return rendu_gabarit(self, instance, parent_context)
        contexte = self.get_cell_context_data(instance, parent_context)
        return cellule(self.classname, contexte["value"])

    Column.render_cell_html = render_cell_html
