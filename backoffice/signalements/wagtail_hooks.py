from django.urls import reverse
from wagtail import hooks

from backoffice.acces.policies import policy_for
from backoffice.offre.sections import SECTIONS_DISPOSITIF, SectionDispositif

from .models import REGIMES_SOUMIS, Signalement
from .views import SignalementViewSet


@hooks.register("register_admin_viewset")
def register_signalements():
    return SignalementViewSet()


@hooks.register(SECTIONS_DISPOSITIF)
def section_signalements(dispositif, request):
    """The structure's signalements, and « Déclarer un signalement » for whoever may."""
    if dispositif.type.regime not in REGIMES_SOUMIS:
        return None
    politique = policy_for(Signalement)
    if not politique.user_has_permission(request.user, "view"):
        return None
    signalements = list(politique.filtrer(dispositif.signalements.all(), request.user, ("view",)))
    url_declarer = None
    if politique.user_has_permission(request.user, "add"):
        url_declarer = reverse("signalement:add") + f"?dispositif={dispositif.pk}"
    return SectionDispositif(
        "signalements/_section_dispositif.html",
        dispositif,
        request,
        ordre=40,
        signalements=signalements,
        url_declarer=url_declarer,
    )
