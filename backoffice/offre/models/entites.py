"""Entités gestionnaires (the legal bodies that run dispositifs) and their contacts."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords

from backoffice.acces.perimetres import reference
from backoffice.grammaire import FEMININ
from backoffice.recherche.modeles import Recherchable
from backoffice.territoires.models import Departement

from .. import choices
from ..validators import (
    normaliser_siren,
    valider_code_postal,
    valider_siren,
    valider_telephone,
)

# ---------------------------------------------------------------------------------------------
# Entités gestionnaires
# ---------------------------------------------------------------------------------------------


class EntiteGestionnaire(ClusterableModel, Recherchable):
    champs_recherche = ("raison_sociale", "siren", "commune")

    raison_sociale = models.CharField("raison sociale", max_length=255)
    statut_juridique = models.CharField(
        "statut juridique", max_length=30, choices=choices.StatutJuridique.choices, blank=True
    )
    siren = models.CharField(
        "SIREN",
        max_length=9,
        unique=True,
        error_messages={"unique": "Une entité gestionnaire avec ce SIREN existe déjà."},
    )
    adresse = models.CharField("adresse du siège", max_length=255, blank=True)
    code_postal = models.CharField("code postal", max_length=5, blank=True)
    commune = models.CharField("commune", max_length=150, blank=True)
    departement = models.ForeignKey(
        Departement,
        on_delete=models.PROTECT,
        related_name="entites",
        verbose_name="département du siège",
        null=True,
        blank=True,
    )
    telephone = models.CharField("téléphone", max_length=20, blank=True)
    courriel = models.EmailField("courriel", blank=True)
    agrements = models.TextField("agréments", blank=True)
    convention_collective = models.CharField("convention collective", max_length=255, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="filiales",
        verbose_name="entité mère",
    )
    cree_le = models.DateTimeField("créée le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifiée le", auto_now=True)

    history = HistoricalRecords(excluded_fields=["modifie_le", "recherche"], inherit=False)

    genre_grammatical = FEMININ

    class Meta:
        verbose_name = "entité gestionnaire"
        verbose_name_plural = "entités gestionnaires"
        ordering = ["raison_sociale"]
        constraints = [
            models.CheckConstraint(
                condition=Q(siren__regex=r"^\d{9}$"), name="entite_siren_9_chiffres"
            ),
        ]

    def __str__(self):
        return f"{self.raison_sociale} ({self.siren})"

    @classmethod
    def q_perimetre(cls, perimetre, prefixe=""):
        # In a perimeter by its siège, by assignment, or by one of its dispositifs.
        ref = reference(prefixe)
        # The Dispositif model through its relation (dispositifs.py imports this module).
        modele_dispositif = cls._meta.get_field("dispositifs").related_model
        dispositifs = modele_dispositif.objects.filter(
            entite_id=OuterRef(ref), departement_id__in=perimetre.departements
        )
        return (
            Q(**{f"{prefixe}departement_id__in": perimetre.departements})
            | Q(**{f"{ref}__in": perimetre.entites})
            | Q(Exists(dispositifs))
        )

    def clean_fields(self, exclude=None):
        self.siren = normaliser_siren(self.siren)
        super().clean_fields(exclude=exclude)

    def clean(self):
        erreurs = {}
        for champ, valider in (
            ("siren", valider_siren),
            ("code_postal", valider_code_postal),
            ("telephone", valider_telephone),
        ):
            valeur = getattr(self, champ)
            if valeur:
                try:
                    valider(valeur)
                except ValidationError as exc:
                    erreurs[champ] = exc
        if self.parent_id and self.pk and self.parent_id == self.pk:
            erreurs["parent"] = "Une entité ne peut pas être sa propre entité mère."
        if erreurs:
            raise ValidationError(erreurs)


class ContactReferent(models.Model):
    PERIMETRE_PAR = "entite"

    entite = ParentalKey(EntiteGestionnaire, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField("rôle", max_length=20, choices=choices.RoleContact.choices)
    nom = models.CharField("nom", max_length=200)
    courriel = models.EmailField("courriel", blank=True)
    telephone = models.CharField("téléphone", max_length=20, blank=True)

    # No simple-history here: it cannot copy a ParentalKey (modelcluster.E002); contacts are
    # saved with their entité, whose own history records the edit.

    class Meta:
        verbose_name = "contact référent"
        verbose_name_plural = "contacts référents"
        ordering = ["role", "nom"]

    def __str__(self):
        return f"{self.nom} ({self.get_role_display()})"
