import django_filters

from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.offre.models import TypeDispositif
from backoffice.territoires.models import Departement

from .models import Occupation


class OccupationFilterSet(PerimetreFilterSet):
    mois = django_filters.TypedChoiceFilter(choices=[], label="Mois", coerce=str)
    departement = django_filters.ModelChoiceFilter(
        field_name="dispositif__departement",
        queryset=Departement.objects.all(),
        label="Département",
    )
    type = django_filters.ModelChoiceFilter(
        field_name="dispositif__type", queryset=TypeDispositif.objects.all(), label="Type"
    )
    import_source = django_filters.NumberFilter(label="Import n°")

    class Meta:
        model = Occupation
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The months imported, newest first (one query, distinct dates).
        mois = Occupation.objects.order_by("-mois").values_list("mois", flat=True).distinct()[:60]
        self.filters["mois"].extra["choices"] = [(m.isoformat(), f"{m:%m/%Y}") for m in mois]
