"""List filters of the offer. Every choice list is limited to the user's perimeter by their base,
`PerimetreFilterSet`."""

import django_filters

from backoffice.acces import perimetres
from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.territoires.models import Departement

from . import choices
from .choosers import filtre_entite
from .models import (
    Dispositif,
    EntiteGestionnaire,
    Financement,
    GroupeDePlaces,
    Nature,
    Programme,
    TypeDispositif,
)


class EtatOuverture(django_filters.ChoiceFilter):
    def __init__(self, prefixe="", **kwargs):
        self.prefixe = prefixe
        super().__init__(
            choices=[("ouvert", "Ouvert"), ("ferme", "Fermé")],
            label="Ouvert / fermé",
            method=self.filtrer,
            **kwargs,
        )

    def filtrer(self, queryset, name, value):
        if self.prefixe:
            ids = Dispositif.objects.ouverts() if value == "ouvert" else Dispositif.objects.fermes()
            return queryset.filter(**{f"{self.prefixe}__in": ids.values("pk")})
        return queryset.ouverts() if value == "ouvert" else queryset.fermes()


class DispositifFilterSet(PerimetreFilterSet):
    departement = django_filters.ModelChoiceFilter(
        queryset=Departement.objects.all(), label="Département"
    )
    nature = django_filters.ModelChoiceFilter(
        field_name="type__nature", queryset=Nature.objects.all(), label="Nature"
    )
    type = django_filters.ModelChoiceFilter(queryset=TypeDispositif.objects.all(), label="Type")
    entite = filtre_entite()
    public = django_filters.ChoiceFilter(choices=choices.Public.choices, label="Public")
    mode_hebergement = django_filters.ChoiceFilter(
        choices=choices.ModeHebergement.choices, label="Mode d'hébergement"
    )
    etat = EtatOuverture()

    # Not filters: the two dates of the capacity columns (DispositifIndexView, from history;
    # docs/pilotage.md, « Deux axes »).
    date = django_filters.DateFilter(
        label="Capacités au (date passée)", method="capacites_a_la_date"
    )
    connu_au = django_filters.DateFilter(
        label="Capacités selon la base au (date passée)", method="capacites_a_la_date"
    )

    class Meta:
        model = Dispositif
        fields = []

    def capacites_a_la_date(self, queryset, name, value):
        return queryset


class EntiteFilterSet(PerimetreFilterSet):
    departement = django_filters.ModelChoiceFilter(
        queryset=Departement.objects.all(), label="Département du siège"
    )
    statut_juridique = django_filters.ChoiceFilter(
        choices=choices.StatutJuridique.choices, label="Statut juridique"
    )

    class Meta:
        model = EntiteGestionnaire
        fields = []


class GroupeFilterSet(PerimetreFilterSet):
    departement = django_filters.ModelChoiceFilter(
        field_name="dispositif__departement",
        queryset=Departement.objects.all(),
        label="Département",
    )
    type = django_filters.ModelChoiceFilter(
        field_name="dispositif__type", queryset=TypeDispositif.objects.all(), label="Type"
    )
    public = django_filters.ChoiceFilter(choices=choices.Public.choices, label="Public")
    mode_hebergement = django_filters.ChoiceFilter(
        choices=choices.ModeHebergement.choices, label="Mode d'hébergement"
    )
    etat = EtatOuverture(prefixe="dispositif")

    class Meta:
        model = GroupeDePlaces
        fields = []


def exercices_du_perimetre(request):
    """Exercices of the financing lines the user can see (a figure like any other)."""
    lignes = perimetres.filtrer(
        Financement.objects.all(),
        perimetres.perimetre_pour(request.user, "offre.financement", "view"),
    )
    return [
        (e, str(e))
        for e in lignes.order_by("-exercice").values_list("exercice", flat=True).distinct()
    ]


class FinancementFilterSet(PerimetreFilterSet):
    exercice = django_filters.TypedChoiceFilter(choices=[], coerce=int, label="Exercice")
    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.all(), label="Programme"
    )
    departement = django_filters.ModelChoiceFilter(
        field_name="dispositif__departement",
        queryset=Departement.objects.all(),
        label="Département",
    )
    type = django_filters.ModelChoiceFilter(
        field_name="dispositif__type", queryset=TypeDispositif.objects.all(), label="Type"
    )
    service_financeur = django_filters.ChoiceFilter(
        choices=choices.ServiceFinanceur.choices, label="Service financeur"
    )
    mode = django_filters.ChoiceFilter(choices=choices.ModeFinancement.choices, label="Mode")

    class Meta:
        model = Financement
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None:
            self.filters["exercice"].extra["choices"] = exercices_du_perimetre(self.request)
