"""List filters of controls, measures and programmes; choice lists limited to the user's
perimeter (acces.filtres.PerimetreFilterSet). The `file` filter of the controls is the work
queue's link (backoffice/pilotage/charge.py through panneaux.py)."""

import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone

from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.offre.choosers import filtre_entite
from backoffice.territoires.models import Departement

from .choix import (
    PALIERS_RELANCE,
    E,
    EtatControle,
    SuiviMesure,
    Theme,
    TypeControle,
    TypeMesure,
)
from .models import Controle, Mesure, ProgrammeControle


class FileControle:
    REPONSE_ATTENDUE = "reponse_attendue"
    RAPPORT_DEFINITIF = "rapport_definitif"
    LIBELLES = {
        REPONSE_ATTENDUE: "Réponse de l'entité attendue",
        RAPPORT_DEFINITIF: "Rapport définitif à arrêter (réponse reçue ou délai expiré)",
    }

    @classmethod
    def q(cls, code, aujourdhui=None):
        aujourdhui = aujourdhui or timezone.localdate()
        contradictoire = Q(etat=E.PROCEDURE_CONTRADICTOIRE)
        if code == cls.REPONSE_ATTENDUE:
            return contradictoire & Q(repondu_le__isnull=True, date_limite_reponse__gte=aujourdhui)
        return contradictoire & (
            Q(repondu_le__isnull=False) | Q(date_limite_reponse__lt=aujourdhui)
        )


class ControleFilterSet(PerimetreFilterSet):
    file = django_filters.ChoiceFilter(
        choices=list(FileControle.LIBELLES.items()), label="File", method="filtrer_file"
    )
    etat = django_filters.ChoiceFilter(choices=EtatControle.choices, label="État")
    type_controle = django_filters.ChoiceFilter(choices=TypeControle.choices, label="Type")
    theme = django_filters.ChoiceFilter(
        choices=Theme.choices, label="Thème", method="filtrer_theme"
    )
    departement = django_filters.ModelChoiceFilter(
        queryset=Departement.objects.all(), label="Département"
    )
    entite = filtre_entite("Entité contrôlée")
    programme = django_filters.ModelChoiceFilter(
        queryset=ProgrammeControle.objects.all(), label="Programme"
    )
    date_prevue_apres = django_filters.DateFilter(
        field_name="date_prevue", lookup_expr="gte", label="Prévu à partir du"
    )
    date_prevue_avant = django_filters.DateFilter(
        field_name="date_prevue", lookup_expr="lte", label="Prévu jusqu'au"
    )

    class Meta:
        model = Controle
        fields = []

    def filtrer_file(self, queryset, name, value):
        return queryset.filter(FileControle.q(value)) if value else queryset

    def filtrer_theme(self, queryset, name, value):
        # The themes are a JSON list of codes: a code is matched with its quotes.
        return queryset.filter(themes__icontains=f'"{value}"') if value else queryset


class MesureFilterSet(PerimetreFilterSet):
    etat = django_filters.ChoiceFilter(choices=SuiviMesure.choices, label="Suivi")
    type_mesure = django_filters.ChoiceFilter(choices=TypeMesure.choices, label="Type")
    departement = django_filters.ModelChoiceFilter(
        queryset=Departement.objects.all(), field_name="controle__departement", label="Département"
    )
    echeance_proche = django_filters.BooleanFilter(
        label=f"Échue ou à échéance dans {PALIERS_RELANCE[0]} jours",
        method="filtrer_echeance_proche",
    )

    class Meta:
        model = Mesure
        fields = []

    def filtrer_echeance_proche(self, queryset, name, value):
        if not value:
            return queryset
        limite = timezone.localdate() + datetime.timedelta(days=PALIERS_RELANCE[0])
        return queryset.filter(etat=SuiviMesure.A_SUIVRE, echeance__lte=limite)


class ProgrammeFilterSet(PerimetreFilterSet):
    departement = django_filters.ModelChoiceFilter(
        queryset=Departement.objects.all(), label="Département"
    )
    annee = django_filters.NumberFilter(label="Année")

    class Meta:
        model = ProgrammeControle
        fields = []
