"""A list filter's `<select>` written in Python.

Django renders a `<select>` through one template per option (and one more for each option's
attributes): the filters of a national list (départements, types, natures, programmes, a
département's entités…) hold 150 to 300 options, some 15 to 25 ms of CPU on every list page
(benchmarks/bench_offre.py --profil). `SelectRapide` writes the same markup as Django's
`select.html` / `select_option.html` with `format_html`; the filter sets (filtres.py) give it to
their plain `<select>` fields. Forms keep Django's widget.
"""

from django import forms
from django.utils.html import format_html, format_html_join


def _attributs(attrs):
    """` nom="valeur"` for each attribute, ` nom` alone for True, nothing for False (Django's
    attrs.html)."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", nom) if valeur is True else format_html(' {}="{}"', nom, valeur),)
            for nom, valeur in attrs.items()
            if valeur is not False
        ),
    )


def _option(option):
    return format_html(
        '<option value="{}"{}>{}</option>',
        str(option["value"]),
        _attributs(option["attrs"]),
        option["label"],
    )


class SelectRapide(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        morceaux = []
        for groupe, options, _ in widget["optgroups"]:
            lignes = format_html_join("", "{}", ((_option(o),) for o in options))
            if groupe:
                lignes = format_html('<optgroup label="{}">{}</optgroup>', groupe, lignes)
            morceaux.append(lignes)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            _attributs(widget["attrs"]),
            format_html_join("", "{}", ((m,) for m in morceaux)),
        )


def accelerer(champs):
    """Give the plain `<select>` fields of a filter form the Python rendering."""
    for champ in champs.values():
        if type(champ.widget) is forms.Select:
            champ.widget.__class__ = SelectRapide
