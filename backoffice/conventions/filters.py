"""List filters of conventions and avenants; choice lists limited to the user's perimeter."""

import django_filters
from django.utils import timezone

from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.offre.choosers import filtre_entite
from backoffice.offre.filters import exercices_du_perimetre
from backoffice.offre.models import Financement, exercice_courant
from backoffice.territoires.models import Departement

from .models import (
    Avenant,
    Convention,
    EtatAvenant,
    EtatConvention,
    TypeConvention,
)

FILES = [
    ("a_pre_valider", "À pré-valider"),
    ("a_valider", "À valider"),
    ("a_signer", "À signer"),
    ("fin_3_mois", "Se terminant dans 3 mois"),
    ("fin_6_mois", "Se terminant dans 6 mois"),
    ("sans_financement", "En vigueur sans financement (exercice en cours)"),
]


def filtrer_file(queryset, file, aujourdhui=None):
    aujourdhui = aujourdhui or timezone.localdate()
    if file == "a_pre_valider":
        return queryset.filter(etat=EtatConvention.SOUMISE)
    if file == "a_valider":
        return queryset.filter(etat=EtatConvention.PRE_VALIDEE)
    if file == "a_signer":
        return queryset.filter(etat=EtatConvention.VALIDEE)
    if file == "fin_3_mois":
        return queryset.se_terminant(aujourdhui, 3)
    if file == "fin_6_mois":
        return queryset.se_terminant(aujourdhui, 6)
    if file == "sans_financement":
        return queryset.sans_financement(exercice_courant())
    return queryset


class ConventionFilterSet(PerimetreFilterSet):
    file = django_filters.ChoiceFilter(choices=FILES, label="File de travail", method="par_file")
    etat = django_filters.ChoiceFilter(choices=EtatConvention.choices, label="État")
    type_convention = django_filters.ChoiceFilter(choices=TypeConvention.choices, label="Type")
    departement = django_filters.ModelChoiceFilter(
        queryset=Departement.objects.all(), label="Département"
    )
    entite = filtre_entite()
    fin_avant = django_filters.DateFilter(
        field_name="date_fin", lookup_expr="lte", label="Se termine au plus tard le"
    )
    nationale = django_filters.BooleanFilter(label="Convention nationale")

    class Meta:
        model = Convention
        fields = []

    def par_file(self, queryset, name, value):
        return filtrer_file(queryset, value)


class AvenantFilterSet(PerimetreFilterSet):
    etat = django_filters.ChoiceFilter(choices=EtatAvenant.choices, label="État")
    en_attente = django_filters.BooleanFilter(
        label="Signé, en attente de sa date d'effet", method="filtrer_en_attente"
    )
    departement = django_filters.ModelChoiceFilter(
        field_name="convention__departement",
        queryset=Departement.objects.all(),
        label="Département",
    )

    class Meta:
        model = Avenant
        fields = []

    def filtrer_en_attente(self, queryset, name, value):
        if value is None:
            return queryset
        condition = {"etat": EtatAvenant.SIGNEE, "applique_le__isnull": True}
        return queryset.filter(**condition) if value else queryset.exclude(**condition)


class FinancementSansConventionFilterSet(PerimetreFilterSet):
    exercice = django_filters.TypedChoiceFilter(choices=[], coerce=int, label="Exercice")
    departement = django_filters.ModelChoiceFilter(
        field_name="dispositif__departement",
        queryset=Departement.objects.all(),
        label="Département",
    )

    class Meta:
        model = Financement
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None:
            # The years of the lines the user may read, like the financing list's filter.
            self.filters["exercice"].extra["choices"] = exercices_du_perimetre(self.request)
