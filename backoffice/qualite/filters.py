"""Filters of the anomalies list. By default the list shows the open anomalies, justified ones
included (what a person has to look at); « résolues » and « toutes » are a choice away."""

import django_filters
from django import forms

from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.territoires.models import Departement

from .models import Anomalie, EtatAnomalie, Regle, Severite

ACTIVES = "actives"
TOUTES = "toutes"
CHOIX_ETAT = [
    (ACTIVES, "Ouvertes ou justifiées"),
    *EtatAnomalie.choices,
    (TOUTES, "Toutes, résolues comprises"),
]


def filtrer_etat(queryset, etat):
    if etat == TOUTES:
        return queryset
    if etat in EtatAnomalie.values:
        return queryset.dans_l_etat(etat)
    return queryset.ouvertes()


class AnomalieFilterSet(PerimetreFilterSet):
    etat = django_filters.ChoiceFilter(
        choices=CHOIX_ETAT, label="État", empty_label=None, method="par_etat"
    )
    severite = django_filters.ChoiceFilter(choices=Severite.choices, label="Sévérité")
    regle = django_filters.ChoiceFilter(choices=Regle.choices, label="Règle")
    departement = django_filters.ModelChoiceFilter(
        queryset=Departement.objects.all(), label="Département"
    )
    # Set by links (dispositif page « voir toutes »), not shown in the filter panel.
    dispositif = django_filters.NumberFilter(
        field_name="dispositif_id", label="Dispositif", widget=forms.HiddenInput
    )

    class Meta:
        model = Anomalie
        fields = []

    def par_etat(self, queryset, name, value):
        return filtrer_etat(queryset, value)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # No state chosen (django-filter skips empty values): the default, open + justified.
        if not self.form.cleaned_data.get("etat"):
            queryset = filtrer_etat(queryset, ACTIVES)
        return queryset
