"""Selection of the candidatures: the criteria of a call (weighted) and the score of each
candidature on each criterion (Candidature.instruire computes the weighted score)."""

from django.db import models
from modelcluster.fields import ParentalKey

from backoffice import bornes

from .appel import AppelAProjets
from .candidature import Candidature


class CritereSelection(models.Model):
    PERIMETRE_PAR = "appel"

    appel = ParentalKey(AppelAProjets, on_delete=models.CASCADE, related_name="criteres")
    libelle = models.CharField("critère", max_length=255)
    poids = models.PositiveSmallIntegerField(
        "poids", default=1, validators=bornes.POIDS.validateurs
    )
    ordre = models.PositiveSmallIntegerField(
        "ordre", default=0, validators=bornes.ORDRE.validateurs
    )

    class Meta:
        verbose_name = "critère de sélection"
        verbose_name_plural = "critères de sélection"
        ordering = ["ordre", "pk"]
        constraints = [
            bornes.POIDS.contrainte("poids", "critere_poids_positif"),
            bornes.ORDRE.contrainte("ordre", "critere_ordre_borne"),
        ]

    def __str__(self):
        return f"{self.libelle} (poids {self.poids})"


class NoteCritere(models.Model):
    PERIMETRE_PAR = "candidature"

    candidature = models.ForeignKey(Candidature, on_delete=models.CASCADE, related_name="notes")
    critere = models.ForeignKey(CritereSelection, on_delete=models.CASCADE, related_name="notes")
    note = models.DecimalField(
        "note (sur 20)", max_digits=4, decimal_places=2, validators=bornes.NOTE.validateurs
    )

    class Meta:
        verbose_name = "note"
        verbose_name_plural = "notes"
        constraints = [
            models.UniqueConstraint(fields=["candidature", "critere"], name="note_unique"),
            bornes.NOTE.contrainte("note", "note_entre_0_et_20"),
        ]

    def __str__(self):
        return f"{self.critere.libelle} : {self.note}"
