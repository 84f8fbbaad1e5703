"""What a convention covers: places per dispositif and amounts per exercice, each with its dated
history."""

from django.db import models
from modelcluster.fields import ParentalKey

from backoffice import bornes
from backoffice.offre.models import Dispositif

from ..historique import HistoriqueLignes


class LigneConvention(models.Model):
    """Places conventionnées of one dispositif covered by the convention."""

    PERIMETRE_PAR = "convention"

    convention = ParentalKey(
        "conventions.Convention", on_delete=models.CASCADE, related_name="lignes"
    )
    dispositif = models.ForeignKey(
        Dispositif,
        on_delete=models.PROTECT,
        related_name="lignes_convention",
        verbose_name="dispositif",
    )
    places_conventionnees = models.PositiveIntegerField(
        "places conventionnées", validators=bornes.PLACES.validateurs
    )
    # The day from which the current value is in effect (docs/pilotage.md, « Deux axes ») : set
    # by the avenant that wrote it; empty = from the convention's start. A later direct edit
    # keeps it: it corrects the value in effect since that day.
    effet_le = models.DateField("en vigueur depuis le", null=True, blank=True, editable=False)

    history = HistoriqueLignes(inherit=False)

    class Meta:
        verbose_name = "dispositif couvert"
        verbose_name_plural = "dispositifs couverts"
        ordering = ["dispositif__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "dispositif"],
                name="ligne_convention_unique",
                violation_error_message="Ce dispositif figure déjà dans la convention.",
            ),
            bornes.PLACES.contrainte("places_conventionnees", "ligne_convention_places_borne"),
        ]

    def __str__(self):
        return f"{self.dispositif} : {self.places_conventionnees} places"


class MontantConvention(models.Model):
    """Annual amount of the convention for one exercice."""

    PERIMETRE_PAR = "convention"

    convention = ParentalKey(
        "conventions.Convention", on_delete=models.CASCADE, related_name="montants"
    )
    exercice = models.PositiveSmallIntegerField("exercice", validators=bornes.EXERCICE.validateurs)
    montant = models.DecimalField(
        "montant annuel (€)",
        max_digits=14,
        decimal_places=2,
        validators=bornes.MONTANT.validateurs,
    )
    # The day from which the current value is in effect (docs/pilotage.md, « Deux axes ») : set
    # by the avenant that wrote it; empty = from the convention's start. A later direct edit
    # keeps it: it corrects the value in effect since that day.
    effet_le = models.DateField("en vigueur depuis le", null=True, blank=True, editable=False)

    history = HistoriqueLignes(inherit=False)

    class Meta:
        verbose_name = "montant annuel"
        verbose_name_plural = "montants annuels"
        ordering = ["exercice"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "exercice"],
                name="montant_convention_unique",
                violation_error_message="Un montant est déjà saisi pour cet exercice.",
            ),
            bornes.MONTANT.contrainte("montant", "montant_convention_borne"),
            bornes.EXERCICE.contrainte("exercice", "montant_convention_exercice_plausible"),
        ]

    def __str__(self):
        return f"{self.exercice} : {self.montant} €"
