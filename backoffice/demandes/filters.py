"""Filters of the request list: the queues ("file") and the usual criteria. Every choice list is
limited to the user's perimeter."""

import django_filters

from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import LECTURE
from backoffice.offre.models import Nature
from backoffice.territoires.models import Departement

from .models import Demande, EtatDemande, TypeDemande


class File:
    """The work queues: who acts on which state (docs/domaine.md §5.1)."""

    A_PRE_VALIDER = "a_pre_valider"
    A_VALIDER = "a_valider"
    A_COMPLETER = "a_completer"
    TRAITEES = "traitees"

    ETATS = {
        A_PRE_VALIDER: [EtatDemande.SOUMISE],
        A_VALIDER: [EtatDemande.PRE_VALIDEE],
        A_COMPLETER: [EtatDemande.A_COMPLETER],
        TRAITEES: [EtatDemande.VALIDEE, EtatDemande.REFUSEE, EtatDemande.ANNULEE],
    }
    LIBELLES = {
        A_PRE_VALIDER: "À pré-valider",
        A_VALIDER: "À valider",
        A_COMPLETER: "À compléter",
        TRAITEES: "Traitées",
    }
    CHOICES = list(LIBELLES.items())


def demandes_du_perimetre(user):
    return policy_for(Demande).filtrer(Demande.objects.all(), user, LECTURE)


class DemandeFilterSet(PerimetreFilterSet):
    file = django_filters.ChoiceFilter(
        choices=File.CHOICES, label="File de travail", method="filtrer_file"
    )
    etat = django_filters.ChoiceFilter(choices=EtatDemande.choices, label="État")
    type_demande = django_filters.ChoiceFilter(choices=TypeDemande.choices, label="Type")
    departement = django_filters.ModelChoiceFilter(
        queryset=Departement.objects.all(), label="Département"
    )
    nature = django_filters.ModelChoiceFilter(
        field_name="type_dispositif__nature", queryset=Nature.objects.all(), label="Nature"
    )

    class Meta:
        model = Demande
        fields = []

    def filtrer_file(self, queryset, name, value):
        return queryset.filter(etat__in=File.ETATS.get(value, []))
