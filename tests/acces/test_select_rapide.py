"""A list filter's `<select>` written in Python (acces/listes.py) is Django's markup: same
options, same selected one, same attributes, same escaping."""

import re

import pytest
from django import forms

from backoffice.acces.listes import SelectRapide

CHOIX = [
    ("", "---------"),
    ("44", "Loire-Atlantique"),
    ("75", "Paris <intra-muros> & « banlieue »"),
    ('Groupe "A"', [("a1", "Premier"), ("a2", "Deuxième")]),
    (12, "Douze"),
]


def compact(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize("valeur", [None, "", "75", "a2", 12, ["44", "a1"]])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_departement", "data-x": 'a"b', "disabled": True, "hidden": False}]
)
def test_le_select_rapide_ecrit_le_balisage_de_django(valeur, attrs):
    django = forms.Select(choices=CHOIX).render("departement", valeur, attrs)
    rapide = SelectRapide(choices=CHOIX).render("departement", valeur, attrs)
    assert compact(rapide) == compact(django)
