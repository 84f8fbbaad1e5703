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


def departements_du_perimetre(perimetre):
    """Queryset of the départements of a perimeter (all of them for the national one); for an
    entité perimeter (gestionnaire), also those where the entité has its siège or a dispositif."""
    if perimetre.national:
        return Departement.objects.all()
    condition = models.Q(code__in=perimetre.departements)
    if perimetre.entites:
        # Through the reverse relations (territories import no other app): siège, then dispositifs.
        condition |= models.Q(entites__pk__in=perimetre.entites) | models.Q(
            dispositifs__entite_id__in=perimetre.entites
        )
    return Departement.objects.filter(code__in=Departement.objects.filter(condition).values("code"))


def restreindre_departements(queryset, perimetre):
    return queryset.filter(code__in=departements_du_perimetre(perimetre).values("code"))


def restreindre_par_departements(queryset, perimetre):
    """Régions and SIAO: those holding a département of the perimeter."""
    codes = departements_du_perimetre(perimetre).values("code")
    return queryset.filter(departements__code__in=codes).distinct()
