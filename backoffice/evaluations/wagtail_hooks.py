from django.urls import reverse
from wagtail import hooks

from backoffice.acces.perimetres import LECTURE
from backoffice.acces.policies import policy_for
from backoffice.offre.choices import RegimeJuridique
from backoffice.offre.sections import SECTIONS_DISPOSITIF, SectionDispositif

from .cycle import renouvellement
from .models import Evaluation
from .views import EvaluationViewSet


@hooks.register("register_admin_viewset")
def register_evaluations():
    return EvaluationViewSet()


@hooks.register(SECTIONS_DISPOSITIF)
def section_evaluations(dispositif, request):
    """An authorised ESSMS's evaluation cycle: due dates, received ones, the next one, the end
    of its authorisation (one query: its evaluations in the perimeter)."""
    if dispositif.type.regime != RegimeJuridique.AUTORISATION:
        return None
    politique = policy_for(Evaluation)
    if not politique.user_has_any_permission(request.user, LECTURE):
        return None
    evaluations = list(politique.filtrer(dispositif.evaluations.all(), request.user, LECTURE))
    return SectionDispositif(
        "evaluations/_section_dispositif.html",
        dispositif,
        request,
        ordre=45,
        renouvellement=renouvellement(dispositif, evaluations),
        url_liste=reverse("evaluation:index") + f"?dispositif={dispositif.pk}",
    )
