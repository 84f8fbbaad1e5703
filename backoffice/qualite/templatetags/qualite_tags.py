"""The « Qualité des données » section of a dispositif's page:
`{% load qualite_tags %}{% anomalies_du_dispositif object %}`, or
`{% include "qualite/anomalies_dispositif.html" %}` with `anomalies` in the context
(services.anomalies_ouvertes)."""

from django import template

from ..services import anomalies_ouvertes, url_liste

register = template.Library()


@register.inclusion_tag("qualite/anomalies_dispositif.html", takes_context=True)
def anomalies_du_dispositif(context, dispositif):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "anomalies": anomalies_ouvertes(dispositif, user=user),
        "dispositif": dispositif,
        "url_toutes": url_liste(dispositif=dispositif.pk, etat="toutes"),
    }
