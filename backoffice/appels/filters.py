"""List filters of calls and candidatures; choice lists limited to the user's perimeter."""

import django_filters

from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.offre.choosers import filtre_entite
from backoffice.offre.models import TypeDispositif
from backoffice.territoires.models import Departement, Region

from .models import AppelAProjets, Candidature, EtatAppel, EtatCandidature


class AppelFilterSet(PerimetreFilterSet):
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


class CandidatureFilterSet(PerimetreFilterSet):
    appel = django_filters.ModelChoiceFilter(
        queryset=AppelAProjets.objects.only("pk", "reference", "titre"), label="Appel à projets"
    )
    etat = django_filters.ChoiceFilter(choices=EtatCandidature.choices, label="État")
    departement = django_filters.ModelChoiceFilter(
        queryset=Departement.objects.all(), label="Département"
    )
    entite = filtre_entite("Entité")

    class Meta:
        model = Candidature
        fields = []
