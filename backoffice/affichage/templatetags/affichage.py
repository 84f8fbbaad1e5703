"""Template filters of the display rule (backoffice.affichage.valeurs).

`{{ valeur|affiche }}` for any value; `{{ moment|date_heure }}` and `{{ jour|date_courte }}`
for dates (Paris time, « — » when empty); `{{ booleen|oui_non }}`.
"""

from django import template

from .. import valeurs

register = template.Library()


@register.filter
def affiche(valeur, champ=None):
    return valeurs.valeur_affichee(valeur, champ)


@register.filter
def oui_non(valeur):
    return valeurs.oui_non(valeur)


@register.filter(expects_localtime=True)
def date_heure(moment):
    return valeurs.date_heure(moment)


@register.filter(expects_localtime=True)
def date_courte(jour):
    return valeurs.date_courte(jour)
