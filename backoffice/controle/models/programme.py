"""The yearly control programme of a département: proposed from risk (../programme.py), then
adjusted by the DDETS (controls added or removed)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from backoffice import bornes
from backoffice.grammaire import MASCULIN
from backoffice.territoires.models import Departement


class ProgrammeControle(models.Model):
    departement = models.ForeignKey(
        Departement,
        on_delete=models.PROTECT,
        related_name="programmes_controle",
        verbose_name="département",
    )
    annee = models.PositiveSmallIntegerField("année", validators=bornes.ANNEE.validateurs)
    commentaire = models.TextField(
        "orientations",
        blank=True,
        help_text="Priorités de l'année, moyens disponibles, contrôles conjoints…",
    )
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créé par",
    )
    cree_le = models.DateTimeField("créé le", auto_now_add=True)

    genre_grammatical = MASCULIN

    class Meta:
        verbose_name = "programme de contrôle"
        verbose_name_plural = "programmes de contrôle"
        ordering = ["-annee", "departement"]
        constraints = [
            models.UniqueConstraint(
                fields=["departement", "annee"],
                name="programme_controle_unique",
                violation_error_message="Ce département a déjà un programme de contrôle pour "
                "cette année.",
            ),
            bornes.ANNEE.contrainte("annee", "programme_controle_annee_borne"),
        ]

    def __str__(self):
        return f"Programme de contrôle {self.annee} – {self.departement_id}"

    @classmethod
    def q_perimetre(cls, perimetre, prefixe=""):
        # The département's; entités have no programme (they learn of a control when it reaches
        # the contradictory step).
        return Q(**{f"{prefixe}departement_id__in": perimetre.departements})

    def dans_perimetre(self, perimetre):
        return self.departement_id in perimetre.departements

    def get_admin_url(self):
        return reverse("programme_controle:inspect", args=[self.pk])
