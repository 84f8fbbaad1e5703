"""A plain listing cell written in Python (affichage/cellules.py) is the markup of the project's
`wagtailadmin/tables/cell.html`: same class, same text through the display rule, same escaping."""

import datetime

import pytest
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from wagtail.admin.ui.tables import Column

from backoffice.affichage.cellules import GABARIT_SIMPLE, cellule


def sans_blancs(html):
    return "".join(str(html).split())


@pytest.mark.parametrize("classname", [None, "nombre"])
@pytest.mark.parametrize(
    "valeur",
    [
        None,
        True,
        False,
        "",
        "Foyer <Les Tilleuls> & Co",
        mark_safe("<b>gras</b>"),
        12,
        datetime.date(2026, 1, 16),
    ],
)
def test_une_cellule_simple_est_celle_du_gabarit(classname, valeur):
    gabarit = get_template(GABARIT_SIMPLE).render(
        {"column": Column("x", classname=classname), "value": valeur}
    )
    assert sans_blancs(cellule(classname, valeur)) == sans_blancs(gabarit)


def test_une_colonne_a_gabarit_propre_garde_son_gabarit(rf):
    class Marquee(Column):
        cell_template_name = "wagtailadmin/tables/boolean_cell.html"

    colonne = Marquee("actif")
    html = colonne.render_cell_html(
        type("Objet", (), {"actif": True})(), {"row": None, "table": None}
    )
    assert "Oui" in html and "<svg" in html  # the tick template's icon, not a plain text cell
