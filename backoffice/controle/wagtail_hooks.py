"""The control phase in the admin: its menu, and its place on the pages of others, through their
hooks (the dispositif's page lists its controls; an avenant's and a closure request's pages show
the control whose measure proposed them)."""

from django.urls import reverse
from wagtail import hooks

from backoffice.acces.perimetres import perimetre_pour
from backoffice.acces.policies import policy_for
from backoffice.conventions.sections import SECTIONS_AVENANT, SectionAvenant
from backoffice.demandes.sections import SECTIONS_DEMANDE, SectionDemande
from backoffice.offre.sections import SECTIONS_DISPOSITIF, SectionDispositif

from .models import Controle, Mesure
from .views import ControlesViewSetGroup


@hooks.register("register_admin_viewset")
def register_controles():
    return ControlesViewSetGroup()


@hooks.register(SECTIONS_DISPOSITIF)
def section_du_dispositif(dispositif, request):
    """The dispositif's controls the user may see (an entité: from the contradictory step on)."""
    user = request.user
    politique = policy_for(Controle)
    if not politique.user_has_permission(user, "view"):
        return None
    controles = politique.filtrer(
        Controle.objects.filter(dispositif=dispositif), user, ("view",)
    ).order_by("-cree_le", "-pk")
    url_ajout = None
    if politique.user_has_permission(user, "add"):
        perimetre = perimetre_pour(user, "controle.controle", ("add",))
        if perimetre.national or dispositif.departement_id in perimetre.departements:
            url_ajout = f"{reverse('controle:add')}?dispositif={dispositif.pk}"
    return SectionDispositif(
        "controle/_section_dispositif.html",
        dispositif,
        request,
        ordre=40,
        controles=list(controles),
        url_ajout=url_ajout,
    )


def _mesures_visibles(request, **filtre):
    politique = policy_for(Mesure)
    if not politique.user_has_permission(request.user, "view"):
        return []
    return list(
        politique.filtrer(Mesure.objects.filter(**filtre), request.user, ("view",))
        .select_related("controle__dispositif")
        .order_by("pk")
    )


@hooks.register(SECTIONS_AVENANT)
def section_de_l_avenant(avenant, request):
    mesures = _mesures_visibles(request, avenant=avenant)
    if not mesures:
        return None
    return SectionAvenant("controle/_section_suite.html", avenant, request, mesures=mesures)


@hooks.register(SECTIONS_DEMANDE)
def section_de_la_demande(demande, request):
    mesures = _mesures_visibles(request, demande_fermeture=demande)
    if not mesures:
        return None
    return SectionDemande("controle/_section_suite.html", demande, request, mesures=mesures)
