"""Human-readable numbers of conventions (CV-44-2026-0001), drawn under lock."""

from django.db import models

from backoffice import compteurs

# ---------------------------------------------------------------------------------------------
# Counters for human-readable numbers (row-locked, like the dispositif codes)
# ---------------------------------------------------------------------------------------------


class Compteur(models.Model):
    PERIMETRE_NATIONAL = True  # numbering counters, shown on no screen

    cle = models.CharField(max_length=40, primary_key=True)
    dernier = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "compteur de numéros"

    def __str__(self):
        return f"{self.cle}: {self.dernier}"


def prochain_numero(cle):
    """The next number of a series (`CONV-44-2026`…), drawn under lock (backoffice/compteurs.py)."""
    return compteurs.tirer(Compteur, cle=cle)
