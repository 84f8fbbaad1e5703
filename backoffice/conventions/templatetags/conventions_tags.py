"""The « Conventions » section of a dispositif's page (offre/dispositif_inspect.html)."""

from django import template
from django.utils import timezone

from backoffice.acces.policies import policy_for

from ..models import Convention, LigneConvention, places_conventionnees_au

register = template.Library()


@register.inclusion_tag("conventions/_dispositif_conventions.html", takes_context=True)
def conventions_du_dispositif(context, dispositif):
    user = context["request"].user
    visibles = policy_for(Convention).filtrer(Convention.objects.all(), user, ("view",))
    lignes = (
        LigneConvention.objects.filter(dispositif=dispositif, convention__in=visibles)
        .select_related("convention")
        .order_by("-convention__date_debut")
    )
    aujourdhui = timezone.localdate()
    return {
        "lignes": list(lignes),
        "places_aujourdhui": places_conventionnees_au(
            aujourdhui, [dispositif], conventions=visibles
        ),
        "dispositif": dispositif,
    }
