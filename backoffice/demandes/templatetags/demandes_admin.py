"""Template tags of the request admin used on other apps' pages (the dispositif page)."""

from django import template

from ..droits import peut_demander_changement
from ..filters import demandes_du_perimetre

register = template.Library()


@register.simple_tag(takes_context=True)
def demandes_du_dispositif(context, dispositif):
    """The dispositif's requests the user may see, and whether it may file a new one."""
    request = context.get("request")
    if request is None or dispositif is None:
        return {"peut_demander": False, "demandes": []}
    demandes = (
        demandes_du_perimetre(request.user).filter(dispositif=dispositif).order_by("-soumise_le")
    )
    return {
        "peut_demander": peut_demander_changement(request.user, dispositif),
        "demandes": list(demandes[:10]),
    }
