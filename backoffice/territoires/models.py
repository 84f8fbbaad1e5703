"""Territories: régions and départements of the COG, and the SIAO that cover them."""

import re

from django.db import models

from backoffice.grammaire import FEMININ, MASCULIN
from backoffice.recherche.modeles import Recherchable


class Region(Recherchable):
    REFERENTIEL = True  # COG: read by every role
    champs_recherche = ("code", "nom")

    code = models.CharField("code INSEE", max_length=2, primary_key=True)
    nom = models.CharField("nom", max_length=100)

    genre_grammatical = FEMININ

    class Meta:
        verbose_name = "région"
        verbose_name_plural = "régions"
        ordering = ["nom"]

    def __str__(self):
        return self.nom


class Departement(Recherchable):
    REFERENTIEL = True  # COG: read by every role
    champs_recherche = ("code", "nom")

    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    nom = models.CharField("nom", max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departements", verbose_name="région"
    )

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "département"
        verbose_name_plural = "départements"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.nom}"

    @staticmethod
    def normaliser_code(valeur):
        """Return the COG code as people type it: `1` → `01`, `2a` → `2A`, `971.0` → `971`."""
        if valeur is None:
            return ""
        texte = str(valeur).strip().upper()
        if re.fullmatch(r"\d+\.0+", texte):
            texte = texte.split(".")[0]
        if re.fullmatch(r"\d", texte):
            texte = f"0{texte}"
        return texte


class Siao(Recherchable):
    """One SIAO per département by default; some cover several."""

    REFERENTIEL = True  # read by every role
    champs_recherche = ("nom",)

    nom = models.CharField("nom", max_length=200, unique=True)
    departements = models.ManyToManyField(
        Departement, related_name="siaos", verbose_name="départements couverts"
    )

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "SIAO"
        verbose_name_plural = "SIAO"
        ordering = ["nom"]

    def __str__(self):
        return self.nom
