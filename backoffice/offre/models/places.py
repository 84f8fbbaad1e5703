"""Groupes de places and financing lines of a dispositif, and the daily cost per place."""

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from backoffice import bornes
from backoffice.grammaire import MASCULIN
from backoffice.recherche.modeles import Recherchable, RechercheQuerySet

from .. import choices
from ..validators import (
    valider_code_postal,
)

# ---------------------------------------------------------------------------------------------
# Groupes de places and financements
# ---------------------------------------------------------------------------------------------
from .referentiels import Programme


class GroupeDePlacesQuerySet(RechercheQuerySet):
    def actifs(self, date=None):
        """Groupes counted as open places on `date`: their own dates and their dispositif's."""
        date = date or timezone.localdate()
        return self.filter(
            Q(date_debut__isnull=True) | Q(date_debut__lte=date),
            Q(date_fin__isnull=True) | Q(date_fin__gte=date),
            Q(dispositif__date_ouverture__isnull=True) | Q(dispositif__date_ouverture__lte=date),
            Q(dispositif__date_fermeture__isnull=True) | Q(dispositif__date_fermeture__gt=date),
        )


class GroupeDePlaces(Recherchable):
    """A homogeneous set of places: same public, location and equipment (seed 004)."""

    PERIMETRE_PAR = "dispositif"
    champs_recherche = ("libelle", "commune")

    dispositif = models.ForeignKey(
        "Dispositif", on_delete=models.CASCADE, related_name="groupes", verbose_name="dispositif"
    )
    libelle = models.CharField("libellé", max_length=200)
    places = models.PositiveIntegerField("nombre de places", validators=bornes.PLACES.validateurs)
    public = models.CharField(
        "public", max_length=20, choices=choices.Public.choices, default=choices.Public.TOUT_PUBLIC
    )
    mode_hebergement = models.CharField(
        "mode d'hébergement", max_length=20, choices=choices.ModeHebergement.choices, blank=True
    )
    commune = models.CharField("commune", max_length=150, blank=True)
    code_postal = models.CharField("code postal", max_length=5, blank=True)
    places_pmr = models.PositiveIntegerField(
        "dont places PMR", default=0, validators=bornes.PLACES.validateurs
    )
    date_debut = models.DateField("date de début", null=True, blank=True)
    date_fin = models.DateField("date de fin", null=True, blank=True)

    objects = GroupeDePlacesQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["recherche"], inherit=False)

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "groupe de places"
        verbose_name_plural = "groupes de places"
        ordering = ["dispositif__code", "libelle"]
        constraints = [
            models.CheckConstraint(
                condition=Q(places_pmr__lte=F("places")), name="groupe_pmr_inferieur_places"
            ),
            bornes.PLACES.contrainte("places", "groupe_places_borne"),
            bornes.PLACES.contrainte("places_pmr", "groupe_pmr_borne"),
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True)
                | Q(date_debut__isnull=True)
                | Q(date_fin__gte=F("date_debut")),
                name="groupe_fin_apres_debut",
            ),
        ]

    def __str__(self):
        return f"{self.libelle} ({self.places} places)"

    def clean(self):
        erreurs = {}
        if (
            self.places is not None
            and self.places_pmr is not None
            and self.places_pmr > self.places
        ):
            erreurs["places_pmr"] = "Les places PMR ne peuvent dépasser le nombre de places."
        if self.date_debut and self.date_fin and self.date_fin < self.date_debut:
            erreurs["date_fin"] = "La date de fin précède la date de début."
        if self.code_postal:
            try:
                valider_code_postal(self.code_postal)
            except ValidationError as exc:
                erreurs["code_postal"] = exc
        if self.dispositif_id and self.dispositif.type.nature.sans_places:
            erreurs["dispositif"] = (
                "Un dispositif de premier accueil n'a pas de places : pas de groupe de places."
            )
        if erreurs:
            raise ValidationError(erreurs)


def jours_exercice(exercice):
    return 366 if calendar.isleap(exercice) else 365


def cout_jour_place(montant, places, exercice, arrondi=True):
    """Annual amount / (places × days of the exercice), None without places. `montant` and
    `places` are those of the financing lines that carry an amount
    (pilotage.indicateurs.Chiffres.places_montant). Defined here, beside the financing lines,
    so that piloting and the quality rules share it without importing each other."""
    if not places or not montant:
        return None
    cout = Decimal(montant) / (places * jours_exercice(exercice))
    return cout.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if arrondi else cout


class Financement(Recherchable):
    PERIMETRE_PAR = "dispositif"
    champs_recherche = ("action",)

    dispositif = models.ForeignKey(
        "Dispositif",
        on_delete=models.CASCADE,
        related_name="financements",
        verbose_name="dispositif",
    )
    exercice = models.PositiveSmallIntegerField("exercice", validators=bornes.EXERCICE.validateurs)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="financements", verbose_name="programme"
    )
    action = models.CharField("action", max_length=10, blank=True)
    service_financeur = models.CharField(
        "service financeur", max_length=10, choices=choices.ServiceFinanceur.choices, blank=True
    )
    mode = models.CharField(
        "mode de financement",
        max_length=20,
        choices=choices.ModeFinancement.choices,
        default=choices.ModeFinancement.SUBVENTION,
    )
    places_financees = models.PositiveIntegerField(
        "places financées", validators=bornes.PLACES.validateurs
    )
    montant_annuel = models.DecimalField(
        "montant annuel (€)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bornes.MONTANT.validateurs,
    )
    orientation = models.CharField(
        "orientation", max_length=20, choices=choices.Orientation.choices, blank=True
    )
    date_debut = models.DateField("date de début", null=True, blank=True)
    date_fin = models.DateField("date de fin", null=True, blank=True)
    convention = models.ForeignKey(
        "conventions.Convention",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="financements",
        verbose_name="convention",
        help_text="La convention que cette ligne finance (elle doit couvrir le dispositif).",
    )

    history = HistoricalRecords(excluded_fields=["recherche"], inherit=False)

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "financement"
        verbose_name_plural = "financements"
        ordering = ["-exercice", "dispositif__code"]
        constraints = [
            bornes.EXERCICE.contrainte("exercice", "financement_exercice_plausible"),
            bornes.PLACES.contrainte("places_financees", "financement_places_borne"),
            bornes.MONTANT.contrainte("montant_annuel", "financement_montant_borne", nul=True),
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True)
                | Q(date_debut__isnull=True)
                | Q(date_fin__gte=F("date_debut")),
                name="financement_fin_apres_debut",
            ),
            models.UniqueConstraint(
                fields=["dispositif", "exercice", "programme", "action", "mode"],
                name="financement_ligne_unique",
                violation_error_message="Une ligne de financement identique (dispositif, "
                "exercice, programme, action, mode) existe déjà.",
            ),
        ]

    def __str__(self):
        return f"{self.exercice} · {self.programme_id} · {self.places_financees} places"

    @property
    def cout_journalier_place(self):
        """Annual amount / (places financées × days of the exercice), rounded to the cent."""
        if not self.montant_annuel or not self.places_financees:
            return None
        cout = Decimal(self.montant_annuel) / (
            self.places_financees * jours_exercice(self.exercice)
        )
        return cout.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def clean(self):
        erreurs = {}
        # Bounds (exercice, places, amount) are the fields' validators (backoffice/bornes.py).
        if (
            self.convention_id
            and self.dispositif_id
            and not self.convention.lignes.filter(dispositif_id=self.dispositif_id).exists()
        ):
            erreurs["convention"] = "Cette convention ne couvre pas le dispositif financé."
        if self.date_debut and self.date_fin and self.date_fin < self.date_debut:
            erreurs["date_fin"] = "La date de fin précède la date de début."
        elif self.exercice and bornes.ANNEE_MIN <= self.exercice <= bornes.ANNEE_MAX:
            debut_exercice = datetime.date(self.exercice, 1, 1)
            fin_exercice = datetime.date(self.exercice, 12, 31)
            if (self.date_debut and self.date_debut > fin_exercice) or (
                self.date_fin and self.date_fin < debut_exercice
            ):
                erreurs["date_debut"] = (
                    f"La période de financement doit recouvrir l'exercice {self.exercice}."
                )
        if erreurs:
            raise ValidationError(erreurs)
