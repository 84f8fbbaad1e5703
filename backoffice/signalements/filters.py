import django_filters

from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.territoires.models import Departement

from .models import Categorie, EtatSignalement, Signalement


class SignalementFilterSet(PerimetreFilterSet):
    etat = django_filters.ChoiceFilter(choices=EtatSignalement.choices, label="État")
    categorie = django_filters.ChoiceFilter(choices=Categorie.choices, label="Catégorie")
    departement = django_filters.ModelChoiceFilter(
        field_name="dispositif__departement",
        queryset=Departement.objects.all(),
        label="Département",
    )

    class Meta:
        model = Signalement
        fields = []
