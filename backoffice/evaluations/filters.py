"""Filters of the evaluations list: département, state (on today's date), year of the due
date."""

import django_filters
from django import forms
from django.utils import timezone

from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.bornes import ANNEE_MAX, ANNEE_MIN
from backoffice.territoires.models import Departement

from .models import EtatEvaluation, Evaluation

NON_RECUES = "non_recues"
CHOIX_ETAT = [*EtatEvaluation.choices, (NON_RECUES, "Non reçues (toutes échéances)")]


def annees_proposees(aujourdhui=None):
    """The due years offered: ten years back, twenty ahead (a cycle and a renewal)."""
    annee = (aujourdhui or timezone.localdate()).year
    return [(a, str(a)) for a in range(max(ANNEE_MIN, annee - 10), min(ANNEE_MAX, annee + 20))]


class EvaluationFilterSet(PerimetreFilterSet):
    departement = django_filters.ModelChoiceFilter(
        field_name="dispositif__departement",
        queryset=Departement.objects.all(),
        label="Département",
    )
    etat = django_filters.ChoiceFilter(choices=CHOIX_ETAT, label="État", method="par_etat")
    annee = django_filters.TypedChoiceFilter(
        field_name="echeance__year",
        choices=annees_proposees,
        coerce=int,
        label="Année d'échéance",
    )
    rang = django_filters.ChoiceFilter(
        choices=[(1, "1re"), (2, "2e"), (3, "3e")], label="Rang dans le cycle"
    )
    # Set by links (the dispositif's page), not shown in the filter panel.
    dispositif = django_filters.NumberFilter(
        field_name="dispositif_id", label="Dispositif", widget=forms.HiddenInput
    )

    class Meta:
        model = Evaluation
        fields = []

    def par_etat(self, queryset, name, value):
        if value == NON_RECUES:
            return queryset.non_recues()
        return queryset.dans_l_etat(value)
