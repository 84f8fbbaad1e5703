"""Role assignments: a user holds one or more roles, each with its own perimeter."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from backoffice.grammaire import FEMININ
from backoffice.recherche.modeles import Recherchable

from .perimetres import q_modele
from .roles import PORTEES_PAR_ROLE, Portee, Role


class AffectationRole(Recherchable):
    # Django's user has no column of its own: its names are copied here, and re-copied when the
    # user is saved (signals.actualiser_recherche_affectations).
    champs_recherche = ("utilisateur.email", "utilisateur.last_name", "utilisateur.first_name")

    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="affectations",
        verbose_name="utilisateur",
    )
    role = models.CharField("rôle", max_length=20, choices=Role.choices)
    portee = models.CharField("périmètre", max_length=20, choices=Portee.choices)
    region = models.ForeignKey(
        "territoires.Region", on_delete=models.PROTECT, null=True, blank=True, verbose_name="région"
    )
    departements = models.ManyToManyField(
        "territoires.Departement", blank=True, verbose_name="départements"
    )
    siao = models.ForeignKey(
        "territoires.Siao", on_delete=models.PROTECT, null=True, blank=True, verbose_name="SIAO"
    )
    entite = models.ForeignKey(
        "offre.EntiteGestionnaire",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name="entité gestionnaire",
        related_name="affectations",
    )
    actif = models.BooleanField("active", default=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créée par",
    )
    cree_le = models.DateTimeField("créée le", auto_now_add=True)

    genre_grammatical = FEMININ

    class Meta:
        verbose_name = "affectation de rôle"
        verbose_name_plural = "affectations de rôle"
        ordering = ["utilisateur__email", "role"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="affectation_role_valide"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(portee=Portee.REGION, region__isnull=False)
                    | ~models.Q(portee=Portee.REGION)
                )
                & (models.Q(portee=Portee.SIAO, siao__isnull=False) | ~models.Q(portee=Portee.SIAO))
                & (
                    models.Q(portee=Portee.ENTITE, entite__isnull=False)
                    | ~models.Q(portee=Portee.ENTITE)
                ),
                name="affectation_portee_renseignee",
            ),
        ]

    def __str__(self):
        return f"{self.utilisateur} · {self.get_role_display()} · {self.libelle_perimetre}"

    @classmethod
    def q_perimetre(cls, perimetre, prefixe=""):
        # Outside the national level, only operators' accounts of entités in the perimeter.
        entite = cls._meta.get_field("entite").related_model
        return Q(**{f"{prefixe}role": Role.GESTIONNAIRE}) & q_modele(
            entite, perimetre, f"{prefixe}entite__"
        )

    @property
    def libelle_perimetre(self):
        if self.portee == Portee.NATIONALE:
            return "France entière"
        if self.portee == Portee.REGION:
            return str(self.region)
        if self.portee == Portee.SIAO:
            return str(self.siao)
        if self.portee == Portee.ENTITE:
            return str(self.entite)
        if self.pk:
            return ", ".join(d.code for d in self.departements.all())
        return ""

    def clean(self):
        if self.role and self.portee and self.portee not in PORTEES_PAR_ROLE[Role(self.role)]:
            raise ValidationError(
                {"portee": "Ce périmètre ne convient pas au rôle choisi."}, code="portee_role"
            )
        requis = {
            Portee.REGION: ("region", "Choisissez la région."),
            Portee.SIAO: ("siao", "Choisissez le SIAO."),
            Portee.ENTITE: ("entite", "Choisissez l'entité gestionnaire."),
        }
        if self.portee in requis:
            champ, message = requis[self.portee]
            if not getattr(self, f"{champ}_id"):
                raise ValidationError({champ: message}, code="portee_incomplete")
