"""List filters of calls and candidatures; choice lists limited to the user's perimeter."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet

from backoffice.acces.policies import policy_for
from backoffice.offre.filters import departements_du_perimetre, entites_du_perimetre
from backoffice.offre.models import TypeDispositif
from backoffice.territoires.models import Region

from .models import AppelAProjets, Candidature, EtatAppel, EtatCandidature


def appels_du_perimetre(request):
    if request is None:
        return AppelAProjets.objects.none()
    return policy_for(AppelAProjets).filtrer(
        AppelAProjets.objects.only("pk", "reference", "titre"), request.user, ("view",)
    )


class AppelFilterSet(WagtailFilterSet):
    etat = django_filters.ChoiceFilter(choices=EtatAppel.choices, label="État")
    type_dispositif = django_filters.ModelChoiceFilter(
        queryset=TypeDispositif.objects.all(), label="Type de places"
    )
    region = django_filters.ModelChoiceFilter(queryset=Region.objects.all(), label="Région")
    date_limite_avant = django_filters.DateFilter(
        field_name="date_limite", lookup_expr="date__lte", label="Date limite au plus tard le"
    )

    class Meta:
        model = AppelAProjets
        fields = []


class CandidatureFilterSet(WagtailFilterSet):
    appel = django_filters.ModelChoiceFilter(queryset=appels_du_perimetre, label="Appel à projets")
    etat = django_filters.ChoiceFilter(choices=EtatCandidature.choices, label="État")
    departement = django_filters.ModelChoiceFilter(
        queryset=departements_du_perimetre, label="Département"
    )
    entite = django_filters.ModelChoiceFilter(queryset=entites_du_perimetre, label="Entité")

    class Meta:
        model = Candidature
        fields = []
